package io.hoptrace.tracer.internal.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.tracer.testing.ScriptedStatsServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(20)
class StatsConnectionTest {
    @TempDir
    Path dir;

    private static List<String> request(boolean nativeTransport, String address, String request,
                                        CompletableFuture<Throwable> end) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (StatsTransport t = StatsTransport.create(1, nativeTransport)) {
            StatsConnection.open(t, StatsAddress.parse(address), t.nextLoop(), request, new LineSink() {
                @Override
                public void line(LineChars line, long receivedMicros) {
                    lines.add(line.toString());
                }

                @Override
                public void overlong(int length) {
                    lines.add("overlong " + length);
                }
            }, 2000, 5000, null, end::complete);
            end.get(10, TimeUnit.SECONDS);
        }
        return lines;
    }

    @ParameterizedTest(name = "native transport: {0}")
    @ValueSource(booleans = {true, false})
    void readsTheAnswerOfAUnixSocketUntilTheServerCloses(boolean nativeTransport) throws Exception {
        try (ScriptedStatsServer s = ScriptedStatsServer.unix(dir.resolve("s.sock"), "edge")) {
            CompletableFuture<Throwable> end = new CompletableFuture<>();
            List<String> lines = request(nativeTransport, s.address(), "show info", end);
            assertEquals(List.of("Name: edge", "Version: hoptrace 0.1.0-test", "Pid: 4242", "Uptime_sec: 1", ""),
                    lines);
            assertNull(end.get(), "a clean close ends without a cause");
        }
    }

    @ParameterizedTest(name = "native transport: {0}")
    @ValueSource(booleans = {true, false})
    void readsTheAnswerOfATcpSocket(boolean nativeTransport) throws Exception {
        try (ScriptedStatsServer s = ScriptedStatsServer.tcp("edge")) {
            CompletableFuture<Throwable> end = new CompletableFuture<>();
            List<String> lines = request(nativeTransport, s.address(), "show info", end);
            assertEquals("Name: edge", lines.get(0));
        }
    }

    @ParameterizedTest(name = "native transport: {0}")
    @ValueSource(booleans = {true, false})
    void aMissingSocketFileEndsWithAConnectFailure(boolean nativeTransport) throws Exception {
        CompletableFuture<Throwable> end = new CompletableFuture<>();
        request(nativeTransport, dir.resolve("none.sock").toString(), "show info", end);
        assertInstanceOf(StatsConnectException.class, end.get());
    }

    @ParameterizedTest(name = "native transport: {0}")
    @ValueSource(booleans = {true, false})
    void aSilentServerEndsWithAReadTimeout(boolean nativeTransport) throws Exception {
        try (ScriptedStatsServer s = ScriptedStatsServer.tcp("edge")) {
            CompletableFuture<Throwable> end = new CompletableFuture<>();
            List<String> lines = new CopyOnWriteArrayList<>();
            try (StatsTransport t = StatsTransport.create(1, nativeTransport)) {
                // show events without traffic: nothing arrives; a 200 ms read timeout ends it
                StatsConnection.open(t, StatsAddress.parse(s.address()), t.nextLoop(), "show events", new LineSink() {
                    @Override
                    public void line(LineChars line, long receivedMicros) {
                        lines.add(line.toString());
                    }

                    @Override
                    public void overlong(int length) {
                    }
                }, 2000, 200, null, end::complete);
                Throwable cause = end.get(10, TimeUnit.SECONDS);
                assertTrue(cause.getMessage().contains("read timed out"), cause.toString());
            }
            assertEquals(List.of(), lines);
        }
    }
}
