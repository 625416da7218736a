package io.hoptrace.correlator;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.EventRecord;
import io.hoptrace.events.SessionEvent;

/** Event records for tests, at times in milliseconds after {@link TestPackets#BASE_NANOS} (NaN: no time). */
public final class TestEvents {
    private TestEvents() {
    }

    public static EventRecord open(String source, long id, String client, String frontend, String backend,
                                   String server, double atMs) {
        long ts = Double.isNaN(atMs) ? SessionEvent.NONE : TestPackets.micros(atMs);
        SessionEvent.Open o = new SessionEvent.Open(id, Endpoint.parse(client), Endpoint.parse(frontend),
                Endpoint.parse(backend), Endpoint.parse(server), ts, "fe", "be", "s1", null, null);
        return new EventRecord(source, ts, o);
    }

    public static EventRecord close(String source, long id, double atMs) {
        long ts = Double.isNaN(atMs) ? SessionEvent.NONE : TestPackets.micros(atMs);
        return new EventRecord(source, ts, new SessionEvent.Close(id, ts, 100, 200, SessionEvent.NONE, "cD"));
    }

    public static EventRecord failed(String source, long id, String client, String frontend, double atMs) {
        long ts = TestPackets.micros(atMs);
        return new EventRecord(source, ts, new SessionEvent.Failed(id, Endpoint.parse(client),
                Endpoint.parse(frontend), ts, "fe", "be", "connect-refused"));
    }
}
