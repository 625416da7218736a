package io.hoptrace.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.EventRecord;
import io.hoptrace.events.SessionEvent;
import org.junit.jupiter.api.Test;

class TraceFilterTest {
    private static EventRecord open(String source, long id, String client, String frontend, String backend,
                                    String server) {
        return new EventRecord(source, 1, SessionEvent.Open.bare(id, Endpoint.parse(client),
                Endpoint.parse(frontend), Endpoint.parse(backend), Endpoint.parse(server)));
    }

    @Test
    void capturesAllTcpUntilAnEndpointIsKnown() {
        TraceFilter f = new TraceFilter();
        assertEquals("tcp", f.filter());
        assertNull(f.update());
    }

    @Test
    void namesTheFrontendsAndServersOfTheSessionsSeen() {
        TraceFilter f = new TraceFilter();
        f.note(open("edge", 1, "10.0.0.5:50000", "10.0.0.10:443", "10.0.0.10:40000", "10.0.0.11:8443"));
        f.note(open("mid", 1, "10.0.0.10:40000", "10.0.0.11:8443", "10.0.0.11:41000", "10.0.0.20:80"));
        assertEquals("tcp and ((host 10.0.0.10 and port 443) or (host 10.0.0.11 and port 8443)"
                + " or (host 10.0.0.20 and port 80))", f.filter());
        assertEquals(3, f.size());
    }

    @Test
    void widensOnlyWhenANewEndpointAppears() {
        TraceFilter f = new TraceFilter();
        f.note(open("edge", 1, "10.0.0.5:50000", "10.0.0.10:443", "10.0.0.10:40000", "10.0.0.11:8443"));
        String first = f.filter();
        f.note(open("edge", 2, "10.0.0.6:50001", "10.0.0.10:443", "10.0.0.10:40001", "10.0.0.11:8443"));
        assertNull(f.update(), "same frontend and server: no new filter");
        f.note(open("edge", 3, "10.0.0.6:50002", "10.0.0.10:443", "10.0.0.10:40002", "10.0.0.12:8443"));
        String widened = f.update();
        assertEquals("tcp and ((host 10.0.0.10 and port 443) or (host 10.0.0.11 and port 8443)"
                + " or (host 10.0.0.12 and port 8443))", widened);
        assertNull(f.update(), "reported once");
        assertEquals("tcp and ((host 10.0.0.10 and port 443) or (host 10.0.0.11 and port 8443))", first);
    }

    @Test
    void aFailedSessionNamesItsFrontendAndUnixSocketsNothing() {
        TraceFilter f = new TraceFilter();
        f.note(new EventRecord("edge", 1, new SessionEvent.Failed(4, Endpoint.parse("10.0.0.5:50000"),
                Endpoint.parse("10.0.0.10:443"), 1, null, null, "connect-refused")));
        f.note(open("edge", 5, "unknown", "unknown", "10.0.0.10:40000", "unknown"));
        assertEquals("tcp and ((host 10.0.0.10 and port 443))", f.filter());
    }
}
