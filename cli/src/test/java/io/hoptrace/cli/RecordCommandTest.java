package io.hoptrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.EventRecordCodec;
import io.hoptrace.tracer.Replay;
import io.hoptrace.tracer.SessionTable;
import io.hoptrace.tracer.TracedSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class RecordCommandTest {
    @TempDir
    Path dir;

    @Test
    void recordsAReplayableFileThatStartsWithTheSessionsAlreadyOpen() throws Exception {
        Path file = dir.resolve("events.jsonl");
        try (SessionsScriptedServer s = new SessionsScriptedServer(
                "+ 1 10.0.0.5:50869 10.0.0.10:443 10.0.0.10:50870 10.0.0.20:8443 ts=1795673662210123 fe=web be=app"
                        + " srv=s1")) {
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.run("record", "-s",
                    "edge=" + s.address(), "-o", file.toString(), "--duration", "2s"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (s.subscriberCount() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, s.subscriberCount(), "the recorder subscribed");
            s.send("+ 2 10.0.0.6:40000 10.0.0.10:443 10.0.0.10:50871 10.0.0.20:8443 ts=1795673662310123 fe=web"
                    + " be=app srv=s1");
            s.send("- 1 ts=1795673662410123 bin=517 bout=4120 dur=200000 term=client-fin");
            assertEquals(ExitCodes.OK, run.get(20, TimeUnit.SECONDS));
        }

        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.get(0).equals(EventRecordCodec.metaLine(lines.get(0).replaceAll(".*\"tool\":\"([^\"]*)\".*",
                "$1"))), lines.get(0));
        assertEquals(5, lines.size(), String.join("\n", lines)); // meta, open 1, snapshot, open 2, close 1
        SessionTable table = new SessionTable();
        Replay.into(table, file);
        TracedSession one = table.get("edge", 1).orElseThrow();
        assertEquals(TracedSession.State.CLOSED, one.state());
        assertEquals(4120, one.bytesOut());
        assertTrue(table.get("edge", 2).orElseThrow().isOpen());
    }

    @Test
    void anUnreachableSocketEndsTheRecordingWithExitCode1() {
        Path sock = dir.resolve("nothing.sock");
        int exit = Main.run("record", "-s", "edge=" + sock, "-o", dir.resolve("e.jsonl").toString(), "--duration",
                "1s");
        assertEquals(ExitCodes.FAILURE, exit);
    }

    @Test
    void anUnwritableFileIsReportedBeforeConnecting() {
        int exit = Main.run("record", "-s", "edge=/nonexistent.sock", "-o", dir.resolve("no/such/dir/e.jsonl")
                .toString());
        assertEquals(ExitCodes.FAILURE, exit);
    }
}
