package io.hoptrace.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventRecordCodecTest {
    private static final long TS = 1_795_671_592_989_205L;

    @Test
    void writesTheDesignExampleExactly() {
        SessionEvent.Open open = new SessionEvent.Open(1, Endpoint.parse("10.0.0.5:50869"),
                Endpoint.parse("10.0.0.10:443"), Endpoint.parse("10.0.0.10:50870"), Endpoint.parse("10.0.0.20:8443"),
                TS, "web", "app", "s1", null, null);
        assertEquals("{\"ts\":\"2026-11-26T05:39:52.989205Z\",\"source\":\"edge\",\"type\":\"open\",\"id\":1,"
                + "\"client\":\"10.0.0.5:50869\",\"frontend\":\"10.0.0.10:443\",\"backend\":\"10.0.0.10:50870\","
                + "\"server\":\"10.0.0.20:8443\",\"fe\":\"web\",\"be\":\"app\",\"srv\":\"s1\"}",
                EventRecordCodec.encode(new EventRecord("edge", TS, open)));
        SessionEvent.Close close = new SessionEvent.Close(1, 1_795_671_593_101_000L, 517, 4120, 111795, "client-fin");
        assertEquals("{\"ts\":\"2026-11-26T05:39:53.101000Z\",\"source\":\"edge\",\"type\":\"close\",\"id\":1,"
                + "\"bytesIn\":517,\"bytesOut\":4120,\"durationUs\":111795,\"term\":\"client-fin\"}",
                EventRecordCodec.encode(new EventRecord("edge", close.tsMicros(), close)));
    }

    @Test
    void roundTripsEveryType() {
        EventRecord[] records = {
            new EventRecord("edge", TS, new SessionEvent.Open(1, Endpoint.parse("[::1]:1"), Endpoint.parse("[::1]:2"),
                    Endpoint.parse("[::1]:3"), Endpoint.parse("[::1]:4"), TS, "f", "b", "s",
                    Endpoint.parse("192.0.2.7:7"), "uid-1")),
            new EventRecord("edge", TS, SessionEvent.Close.bare(1)),
            new EventRecord("mid", TS, new SessionEvent.Failed(2, Endpoint.parse("1.1.1.1:1"),
                    Endpoint.parse("2.2.2.2:2"), TS, "f", "b", "connect-timeout")),
            new EventRecord("mid", TS, new SessionEvent.Dropped(3)),
            new EventRecord("mid", SessionEvent.NONE, new SessionEvent.Snapshot(4))};
        for (EventRecord r : records) {
            EventRecord back = EventRecordCodec.decode(EventRecordCodec.encode(r));
            assertEquals(r.source(), back.source());
            assertEquals(r.tsMicros(), back.tsMicros());
            if (r.event() instanceof SessionEvent.Open || r.event() instanceof SessionEvent.Failed) {
                // the event's own ts is the record's ts
                assertEquals(r.event(), back.event());
            } else {
                assertEquals(r.event().getClass(), back.event().getClass());
            }
        }
    }

    @Test
    void skipsTheMetaLine() {
        assertNull(EventRecordCodec.decode(EventRecordCodec.metaLine("hoptrace test")));
        assertTrue(EventRecordCodec.metaLine("x").contains("\"schema\":1"));
    }

    @Test
    void ignoresUnknownFields() {
        EventRecord r = EventRecordCodec.decode(
                "{\"source\":\"a\",\"type\":\"close\",\"id\":3,\"later\":{\"x\":[1,2]},\"v2\":true}");
        assertEquals(SessionEvent.Close.bare(3), r.event());
    }

    @Test
    void rejectsUnknownType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventRecordCodec.decode("{\"source\":\"a\",\"type\":\"opened\",\"id\":1}"));
        assertTrue(e.getMessage().startsWith("type:") && e.getMessage().contains("'opened'"), e.getMessage());
    }

    @Test
    void rejectsMissingId() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventRecordCodec.decode("{\"source\":\"a\",\"type\":\"close\"}"));
        assertTrue(e.getMessage().startsWith("id:"), e.getMessage());
    }

    @Test
    void rejectsMissingSource() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventRecordCodec.decode("{\"type\":\"close\",\"id\":1}"));
        assertTrue(e.getMessage().startsWith("source:"), e.getMessage());
    }

    @Test
    void rejectsBadAddress() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventRecordCodec.decode(
                "{\"source\":\"a\",\"type\":\"open\",\"id\":1,\"client\":\"x\",\"frontend\":\"unknown\","
                        + "\"backend\":\"unknown\",\"server\":\"unknown\"}"));
        assertTrue(e.getMessage().startsWith("client:") && e.getMessage().contains("'x'"), e.getMessage());
    }

    @Test
    void rejectsStringWhereNumberExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventRecordCodec.decode("{\"source\":\"a\",\"type\":\"close\",\"id\":\"1\"}"));
        assertTrue(e.getMessage().startsWith("id:"), e.getMessage());
    }

    @Test
    void rejectsBadTimestamp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventRecordCodec.decode("{\"ts\":\"noon\",\"source\":\"a\",\"type\":\"close\",\"id\":1}"));
        assertTrue(e.getMessage().startsWith("ts:"), e.getMessage());
    }

    @Test
    void rejectsInvalidJson() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventRecordCodec.decode("{\"source\":\"a\","));
        assertTrue(e.getMessage().startsWith("record: not valid JSON"), e.getMessage());
    }

    @Test
    void rejectsTwoObjectsOnOneLine() {
        assertThrows(IllegalArgumentException.class, () -> EventRecordCodec.decode(
                "{\"source\":\"a\",\"type\":\"close\",\"id\":1} {}"));
    }

    @Test
    void rejectsNonObject() {
        assertThrows(IllegalArgumentException.class, () -> EventRecordCodec.decode("[1,2]"));
    }
}
