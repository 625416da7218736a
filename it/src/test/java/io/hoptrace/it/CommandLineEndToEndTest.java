package io.hoptrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line on real sockets: {@code hoptrace record} follows the chain while the test drives traffic
 * through it (captured on {@code lo}), then {@code hoptrace correlate --format json} reads the recording and the
 * capture and prints the traces.
 */
class CommandLineEndToEndTest {
    /** Long enough for the traffic on a loaded machine; the command stops by itself after it. */
    private static final String RECORD_FOR = "8s";

    @TempDir
    Path dir;

    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @RegisterExtension
    final ClientConnections clients = new ClientConnections();

    @AfterEach
    void stop() throws Exception {
        background.shutdownNow();
        assertTrue(background.awaitTermination(30, TimeUnit.SECONDS), "hoptrace record still running");
    }

    @Test
    @Timeout(120)
    void recordThenCorrelatePrintsOneTraceOfThreeHopsPerClientConnection() throws Exception {
        Path recording = dir.resolve("record.jsonl");
        try (Chain chain = Chain.start(dir, InetAddress.getByName("127.0.0.1"));
                LoopbackCapture capture = LoopbackCapture.start(chain.filter(), dir.resolve("lo.pcap"))) {
            Future<CliRun.Result> record = background.submit(() -> CliRun.run("record",
                    "-s", Chain.EDGE + "=" + chain.edgeStats(), "-s", Chain.MID + "=" + chain.midStats(),
                    "-o", recording.toString(), "--duration", RECORD_FOR));
            // Recording starts with each source's snapshot (flushed within a second): from then on it is complete.
            Await.until("hoptrace record following both proxies", Await.PATIENCE,
                    () -> snapshots(recording) == 2 || record.isDone());
            assertEquals(2, snapshots(recording), () -> "record ended early: " + result(record));

            ExpectedTraces expected = new ExpectedTraces(chain);
            for (int i = 0; i < 3; i++) {
                ClientConnection c = clients.connect(chain, "n" + i);
                c.roundTrip("GET /" + i);
                c.closeOrderly();
                expected.add(c, ExpectedTraces.Ending.CLIENT_CLOSES);
            }
            ClientConnection bye = clients.connect(chain, "bye");
            bye.closeByServer();
            expected.add(bye, ExpectedTraces.Ending.SERVER_CLOSES);
            ClientConnection reset = clients.connect(chain, "reset");
            assertTrue(reset.resetByBackend(), "the backend's reset reached the client as a reset");
            expected.add(reset, ExpectedTraces.Ending.BACKEND_RESETS);
            capture.awaitEnds(3 * expected.size(), Await.PATIENCE);

            CliRun.Result recorded = record.get(60, TimeUnit.SECONDS);
            assertEquals(0, recorded.exitCode(), () -> "hoptrace record: " + recorded.err());
            assertTrue(recorded.err().contains(expected.size() * 2 + " sessions from 2 sources"),
                    () -> "the summary counts each connection's two sessions: " + recorded.err());
            Path pcap = capture.stop();

            CliRun.Result correlated = CliRun.run("correlate", "-e", recording.toString(), "-r", pcap.toString(),
                    "--format", "json");
            assertEquals(0, correlated.exitCode(), () -> "hoptrace correlate: " + correlated.err());
            ObjectMapper json = new ObjectMapper();
            List<TraceView> traces = new ArrayList<>();
            for (String line : correlated.out().split("\n")) {
                if (!line.isBlank()) {
                    JsonNode trace = json.readTree(line);
                    assertTrue(trace.get("complete").asBoolean(), () -> "complete: " + line);
                    traces.add(TraceView.of(trace));
                }
            }
            expected.verify(traces, Pcap4jConnections.read(pcap));
        }
    }

    private static long snapshots(Path recording) {
        try {
            return Files.exists(recording) ? Files.readAllLines(recording).stream()
                    .filter(l -> l.contains("\"type\":\"snapshot\"")).count() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String result(Future<CliRun.Result> f) {
        try {
            return f.isDone() ? f.get().toString() : "still running";
        } catch (Exception e) {
            return e.toString();
        }
    }
}
