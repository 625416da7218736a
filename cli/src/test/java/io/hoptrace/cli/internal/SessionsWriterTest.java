package io.hoptrace.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.SessionEvent;
import io.hoptrace.tracer.TracedSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionsWriterTest {
    private static final long T0 = 1_795_673_662_210_123L;

    static TracedSession closed() {
        return new TracedSession("edge", 1, TracedSession.State.CLOSED, Endpoint.parse("10.0.0.5:50869"),
                Endpoint.parse("10.0.0.10:443"), Endpoint.parse("10.0.0.10:50870"), Endpoint.parse("10.0.0.20:8443"),
                "web", "app", "s1", null, "a,b \"c\"", T0, T0 + 111_795, 517, 4120, 111_795, "client-fin");
    }

    @Test
    void writesAClosedSessionWithItsEndAsJson() {
        assertEquals("{\"source\":\"edge\",\"id\":1,\"state\":\"closed\",\"ts\":\"2026-11-26T06:14:22.210123Z\","
                + "\"ageUs\":111795,\"client\":\"10.0.0.5:50869\",\"frontend\":\"10.0.0.10:443\",\"backend\":"
                + "\"10.0.0.10:50870\",\"server\":\"10.0.0.20:8443\",\"fe\":\"web\",\"be\":\"app\",\"srv\":\"s1\","
                + "\"uid\":\"a,b \\\"c\\\"\",\"closed\":\"2026-11-26T06:14:22.321918Z\",\"bytesIn\":517,"
                + "\"bytesOut\":4120,\"durationUs\":111795,\"term\":\"client-fin\"}",
                SessionsWriter.json(closed(), T0 + 5_000_000));
    }

    @Test
    void quotesCsvFieldsWithCommasAndQuotes() {
        assertEquals("edge,1,closed,2026-11-26T06:14:22.210123Z,111795,10.0.0.5:50869,10.0.0.10:443,10.0.0.10:50870,"
                + "10.0.0.20:8443,web,app,s1,517,4120,111795,client-fin,\"a,b \"\"c\"\"\"",
                SessionsWriter.csv(closed(), T0));
    }

    @Test
    void printsClosedSessionsWithBytesAndReason() {
        StringWriter w = new StringWriter();
        SessionsWriter.table(List.of(closed()), T0, true, new PrintWriter(w, true));
        List<String> lines = w.toString().lines().toList();
        assertEquals("SOURCE  ID  LASTED  CLIENT          FRONTEND       BACKEND          SERVER          FE/BE/SRV"
                + "   BYTES IN/OUT  END", lines.get(0));
        assertEquals("edge    1   111ms   10.0.0.5:50869  10.0.0.10:443  10.0.0.10:50870  10.0.0.20:8443  web/app/s1"
                + "  517/4120      client-fin", lines.get(1));
    }

    @Test
    void printsAgesShortly() {
        assertEquals("?", SessionsWriter.age(SessionEvent.NONE));
        assertEquals("850ms", SessionsWriter.age(850_000));
        assertEquals("42s", SessionsWriter.age(42_000_000));
        assertEquals("3m07s", SessionsWriter.age(187_000_000));
        assertEquals("2h05m", SessionsWriter.age(7_500_000_000L));
        assertEquals("3d04h", SessionsWriter.age(273_600_000_000L));
    }
}
