package io.hoptrace.cli;

import static io.hoptrace.cli.CommandResult.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class SessionsCommandTest {
    private static final String ONE = "+ 1 10.0.0.5:50869 10.0.0.10:443 10.0.0.10:50870 10.0.0.20:8443"
            + " ts=1795673662210123 fe=web be=app srv=s1";
    private static final String TWO = "+ 2 [2001:db8::5]:40000 [2001:db8::10]:443 10.0.0.10:50871 10.0.0.21:8443"
            + " ts=1795673662310123 fe=web be=app srv=s2 uid=req-2";

    @TempDir
    Path dir;

    @Test
    void printsEachLiveSessionAsOneJsonObjectWithTheRecordFieldNames() throws Exception {
        try (SessionsScriptedServer s = new SessionsScriptedServer(ONE, TWO)) {
            CommandResult r = run("sessions", "-s", "edge=" + s.address(), "--format", "json");
            assertEquals(0, r.exit(), r.err());
            List<String> lines = r.out().lines().toList();
            assertEquals(2, lines.size(), r.out());
            JsonNode one = new ObjectMapper().readTree(lines.get(0));
            assertEquals("edge", one.get("source").asText());
            assertEquals(1, one.get("id").asLong());
            assertEquals("open", one.get("state").asText());
            assertEquals("2026-11-26T06:14:22.210123Z", one.get("ts").asText());
            assertEquals("10.0.0.5:50869", one.get("client").asText());
            assertEquals("10.0.0.10:443", one.get("frontend").asText());
            assertEquals("10.0.0.10:50870", one.get("backend").asText());
            assertEquals("10.0.0.20:8443", one.get("server").asText());
            assertEquals("web", one.get("fe").asText());
            assertEquals("app", one.get("be").asText());
            assertEquals("s1", one.get("srv").asText());
            assertFalse(one.has("bytesIn"), "unknown values are left out");
            JsonNode two = new ObjectMapper().readTree(lines.get(1));
            assertEquals("[2001:db8::5]:40000", two.get("client").asText());
            assertEquals("req-2", two.get("uid").asText());
        }
    }

    @Test
    void filtersByAnEndpointInAnyRole() throws Exception {
        try (SessionsScriptedServer s = new SessionsScriptedServer(ONE, TWO)) {
            CommandResult r = run("sessions", "-s", "edge=" + s.address(), "--format", "json", "--filter",
                    "10.0.0.21:8443");
            assertEquals(0, r.exit(), r.err());
            assertEquals(1, r.out().lines().count(), r.out());
            assertTrue(r.out().contains("\"id\":2"), r.out());
        }
    }

    @Test
    void printsAnAlignedTableWithACount() throws Exception {
        try (SessionsScriptedServer s = new SessionsScriptedServer(ONE)) {
            CommandResult r = run("sessions", "-s", "edge=" + s.address());
            assertEquals(0, r.exit(), r.err());
            List<String> lines = r.out().lines().toList();
            assertTrue(lines.get(0).startsWith("SOURCE  ID  AGE"), r.out());
            assertTrue(lines.get(1).contains("10.0.0.5:50869  10.0.0.10:443  10.0.0.10:50870  10.0.0.20:8443"),
                    r.out());
            assertTrue(lines.get(1).endsWith("web/app/s1"), r.out());
            assertEquals("1 session from 1 source", lines.get(2));
        }
    }

    @Test
    void printsCsvWithAHeader() throws Exception {
        try (SessionsScriptedServer s = new SessionsScriptedServer(ONE)) {
            CommandResult r = run("sessions", "-s", "edge=" + s.address(), "--format", "csv");
            assertEquals(0, r.exit(), r.err());
            List<String> lines = r.out().lines().toList();
            assertTrue(lines.get(0).startsWith("source,id,state,ts,ageUs,client,frontend,backend,server,fe,be,srv"));
            assertTrue(lines.get(1).startsWith("edge,1,open,2026-11-26T06:14:22.210123Z,"), lines.get(1));
        }
    }

    @Test
    void anUnreachableSocketIsOneClearLineAndExitCode1() {
        Path sock = dir.resolve("edge.sock");
        CommandResult r = run("sessions", "-s", "edge=" + sock);
        assertEquals(ExitCodes.FAILURE, r.exit());
        assertEquals("hoptrace sessions: cannot connect to edge (" + sock + "): No such file or directory",
                r.err().strip());
        assertEquals("", r.out());
    }

    @Test
    void aBadSourceSpecIsAUsageError() {
        CommandResult r = run("sessions", "-s", "edge=/x.sock,colour=red");
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("'colour=red'"), r.err());
    }

    @Test
    void aBadFilterIsAUsageError() {
        CommandResult r = run("sessions", "-s", "edge=/x.sock", "--filter", "somewhere");
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("'somewhere'"), r.err());
    }
}
