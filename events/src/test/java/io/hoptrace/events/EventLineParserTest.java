package io.hoptrace.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventLineParserTest {
    private final EventLineParser parser = new EventLineParser();

    private EventLineException reject(String line) {
        return assertThrows(EventLineException.class, () -> parser.parse(line));
    }

    @Test
    void readsTheOriginalPatchOpenLine() {
        SessionEvent.Open o = (SessionEvent.Open) parser.parse(
                "+ 1 127.0.0.1:50869 127.0.0.1:9418 127.0.0.1:50870 127.0.0.1:6000");
        assertEquals(1, o.id());
        assertEquals(Endpoint.parse("127.0.0.1:50869"), o.client());
        assertEquals(Endpoint.parse("127.0.0.1:9418"), o.frontend());
        assertEquals(Endpoint.parse("127.0.0.1:50870"), o.backend());
        assertEquals(Endpoint.parse("127.0.0.1:6000"), o.server());
        assertEquals(SessionEvent.NONE, o.tsMicros());
        assertNull(o.frontendName());
    }

    @Test
    void readsTheOriginalPatchCloseLine() {
        assertEquals(SessionEvent.Close.bare(2), parser.parse("- 2"));
    }

    @Test
    void readsFullOpenAttributes() {
        SessionEvent.Open o = (SessionEvent.Open) parser.parse("+ 7 10.0.0.5:1 10.0.0.10:443 10.0.0.10:2"
                + " 10.0.0.20:8443 ts=1795671592989205 fe=web be=app srv=s1 orig=[2001:db8::5]:4444 uid=AB%20CD");
        assertEquals(1795671592989205L, o.tsMicros());
        assertEquals("web", o.frontendName());
        assertEquals("app", o.backendName());
        assertEquals("s1", o.serverName());
        assertEquals(Endpoint.parse("[2001:db8::5]:4444"), o.orig());
        assertEquals("AB CD", o.uniqueId());
    }

    @Test
    void readsFullCloseAttributes() {
        assertEquals(new SessionEvent.Close(7, 5, 517, 4120, 111795, "client-fin"),
                parser.parse("- 7 ts=5 bin=517 bout=4120 dur=111795 term=client-fin"));
    }

    @Test
    void readsFailedLine() {
        SessionEvent.Failed f = (SessionEvent.Failed) parser.parse(
                "x 3 [::1]:5000 [::1]:80 ts=9 fe=web be=app term=connect-refused");
        assertEquals(3, f.id());
        assertEquals("connect-refused", f.term());
        assertEquals(Endpoint.parse("[::1]:80"), f.frontend());
    }

    @Test
    void readsDroppedAndSnapshotMarkers() {
        assertEquals(new SessionEvent.Dropped(12), parser.parse("! dropped 12"));
        assertEquals(new SessionEvent.Snapshot(0), parser.parse("# snapshot 0"));
    }

    @Test
    void skipsBlankLinesAndComments() {
        assertNull(parser.parse(""));
        assertNull(parser.parse("   \r"));
        assertNull(parser.parse("# a comment"));
        assertNull(parser.parse("#comment"));
    }

    @Test
    void toleratesRunsOfSpacesTabsAndCr() {
        assertEquals(SessionEvent.Close.bare(5), parser.parse("-\t 5 \r"));
    }

    @Test
    void skipsUnknownAttributes() {
        assertEquals(new SessionEvent.Close(5, 1, SessionEvent.NONE, SessionEvent.NONE, SessionEvent.NONE, null),
                parser.parse("- 5 ts=1 future=thing"));
    }

    @Test
    void roundTripsEveryShapeInBothModes() {
        SessionEvent[] events = {
            new SessionEvent.Open(1, Endpoint.parse("10.0.0.5:50869"), Endpoint.parse("10.0.0.10:443"),
                    Endpoint.parse("10.0.0.10:50870"), Endpoint.parse("10.0.0.20:8443"), 1795671592989205L, "web",
                    "app", "s1", Endpoint.parse("192.0.2.1:1234"), "uid with space and %"),
            new SessionEvent.Open(2, Endpoint.UNKNOWN, Endpoint.UNKNOWN, Endpoint.parse("[::1]:3"),
                    Endpoint.parse("[::1]:4"), 1, null, null, null, null, null),
            new SessionEvent.Close(1, 2, 3, 4, 5, "server-rst"),
            new SessionEvent.Failed(3, Endpoint.parse("1.2.3.4:5"), Endpoint.parse("5.6.7.8:9"), 10, "f", "b",
                    "no-server"),
            new SessionEvent.Dropped(1),
            new SessionEvent.Snapshot(42)};
        for (SessionEvent e : events) {
            assertEquals(e, parser.parse(EventLineFormatter.format(e, true)), e.toString());
        }
        SessionEvent.Open full = (SessionEvent.Open) events[0];
        assertEquals(SessionEvent.Open.bare(1, full.client(), full.frontend(), full.backend(), full.server()),
                parser.parse(EventLineFormatter.format(full, false)));
        assertEquals(SessionEvent.Close.bare(1), parser.parse(EventLineFormatter.format(events[2], false)));
    }

    @Test
    void rejectsUnknownType() {
        EventLineException e = reject("? 1");
        assertEquals("type", e.field());
        assertEquals("?", e.value());
    }

    @Test
    void rejectsMultiCharacterType() {
        assertEquals("type", reject("++ 1 a b c d").field());
    }

    @Test
    void rejectsOpenWithTooFewFields() {
        EventLineException e = reject("+ 1 127.0.0.1:1 127.0.0.1:2 127.0.0.1:3");
        assertTrue(e.getMessage().contains("6 fields, got 5"), e.getMessage());
    }

    @Test
    void rejectsNonNumericId() {
        EventLineException e = reject("- abc");
        assertEquals("id", e.field());
        assertEquals("abc", e.value());
        assertEquals(3, e.column());
    }

    @Test
    void rejectsNegativeId() {
        assertEquals("id", reject("- -1").field());
    }

    @Test
    void rejectsIdThatWouldOverflow() {
        assertEquals("id", reject("- 99999999999999999999").field());
    }

    @Test
    void rejectsBadClientAddress() {
        EventLineException e = reject("+ 1 999.0.0.1:1 127.0.0.1:2 127.0.0.1:3 127.0.0.1:4");
        assertEquals("client", e.field());
        assertEquals("999.0.0.1:1", e.value());
    }

    @Test
    void rejectsBadServerAddress() {
        assertEquals("server", reject("+ 1 127.0.0.1:1 127.0.0.1:2 127.0.0.1:3 127.0.0.1").field());
    }

    @Test
    void rejectsAttributeWithoutEquals() {
        assertEquals("attribute", reject("- 1 oops").field());
    }

    @Test
    void rejectsNonNumericTimestamp() {
        EventLineException e = reject("- 1 ts=soon");
        assertEquals("ts", e.field());
        assertEquals("soon", e.value());
    }

    @Test
    void rejectsBadOrigAddress() {
        assertEquals("orig", reject("+ 1 127.0.0.1:1 127.0.0.1:2 127.0.0.1:3 127.0.0.1:4 orig=nowhere").field());
    }

    @Test
    void rejectsBrokenPercentEscapeInUid() {
        assertEquals("uid", reject("+ 1 127.0.0.1:1 127.0.0.1:2 127.0.0.1:3 127.0.0.1:4 uid=a%2").field());
    }

    @Test
    void rejectsEmptyAttributeValue() {
        assertEquals("attribute", reject("- 1 term=").field());
    }

    @Test
    void rejectsZeroDropped() {
        assertEquals("dropped", reject("! dropped 0").field());
    }

    @Test
    void rejectsMalformedDroppedLine() {
        assertEquals("line", reject("! lost 5").field());
    }

    @Test
    void rejectsTooManyFields() {
        assertEquals("line", reject("- 1" + " a=b".repeat(40)).field());
    }
}
