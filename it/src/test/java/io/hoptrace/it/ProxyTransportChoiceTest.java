package io.hoptrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.Endpoint;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hoptrace proxy --transport} on a machine without the native transports, which a JVM started with
 * {@code -Dio.netty.transport.noNative=true} is (as a container whose seccomp profile blocks io_uring is for
 * io_uring): {@code auto} falls back to NIO and forwards, a named native transport is refused with the reason.
 */
class ProxyTransportChoiceTest {
    private static final List<String> NO_NATIVE = List.of("-Dio.netty.transport.noNative=true");
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Path config() throws Exception {
        return Files.writeString(dir.resolve("p.cfg"), """
                global
                    stats socket %s mode 600 level admin
                defaults
                    mode tcp
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend web
                    bind 127.0.0.1:0
                    default_backend app
                backend app
                    server s1 127.0.0.1:9
                """.formatted(dir.resolve("p.sock")));
    }

    @Test
    @Timeout(120)
    void autoFallsBackToNioWhenNoNativeTransportLoads() throws Exception {
        try (ProxyProcess p = ProxyProcess.launch(config(), NO_NATIVE)) {
            Endpoint web = p.awaitListening(START);
            try (Socket s = new Socket(web.address(), web.port())) {
                assertTrue(s.isConnected());
            }
            Await.matches("the start-up line naming the transport", START, () ->
                    p.output().stream().anyMatch(l -> l.contains(" nio I/O thread")) ? null
                            : "no 'nio I/O thread' line yet: " + p.output());
        }
    }

    @Test
    @Timeout(120)
    void aNamedTransportThatCannotLoadIsRefusedWithTheReason() throws Exception {
        try (ProxyProcess p = ProxyProcess.launch(config(), NO_NATIVE, "--transport", "io_uring")) {
            assertEquals(1, p.awaitExit(START), () -> String.join("\n", p.output()));
            String out = String.join("\n", p.output());
            assertTrue(out.contains("hoptrace proxy: transport io_uring: not available on this machine (")
                    && out.contains("noNative") && out.contains("use --transport auto"), out);
            assertTrue(Files.notExists(dir.resolve("p.sock")), "nothing started");
        }
    }
}
