package io.hoptrace.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hoptrace.events.SessionEvent;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code timeout client}, {@code timeout server} (inactivity) and {@code timeout connect}. */
@Timeout(30)
class TimeoutIntegrationTest {
    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration LONG = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private ProxyRuntime runtime;
    private TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private ProxyServer proxy(InetSocketAddress backend, Duration connect, Duration client, Duration srv)
            throws Exception {
        runtime = ProxyRuntime.create(RuntimeOptions.defaults().withIoThreads(1));
        return runtime.start(TestConfigs.proxy("p").unixStats(dir.resolve("s"), StatsLevel.ADMIN)
                .frontend(TestConfigs.frontend("web", TestConfigs.loopback(), false, "app", 0,
                        TestConfigs.timeouts(null, client, null), null))
                .backend(TestConfigs.backend("app", Balance.ROUNDROBIN, List.of(TestConfigs.server("s1", backend)),
                        TestConfigs.timeouts(connect, null, srv), 0, false))
                .build());
    }

    /** Connects, sends a byte, waits until the proxy closes the connection; returns the session's end event. */
    private static SessionEvent endOfIdleSession(ProxyServer p, boolean awaitEcho) throws Exception {
        try (StatsClient events = TestTraffic.subscribe(p.statsAddresses().get(0), "full");
             Socket c = new Socket()) {
            c.setSoTimeout(10_000);
            c.connect(p.frontendAddress("web"));
            c.getOutputStream().write(5);
            if (awaitEcho) {
                assertEquals(5, c.getInputStream().read());
            }
            assertEquals(-1, c.getInputStream().read(), "the proxy closed the idle session");
            List<SessionEvent> stream = TestTraffic.events(events, 1);
            return stream.get(stream.size() - 1);
        }
    }

    @Test
    void anIdleClientEndsTheSessionAsClientTimeout() throws Exception {
        server = TestServer.echo();
        ProxyServer p = proxy(server.address(), LONG, SHORT, LONG);
        assertEquals("client-timeout", ((SessionEvent.Close) endOfIdleSession(p, true)).term());
    }

    @Test
    void aServerThatDoesNotAnswerEndsTheSessionAsServerTimeout() throws Exception {
        server = TestServer.start(s -> s.getInputStream().transferTo(OutputStream.nullOutputStream()));
        ProxyServer p = proxy(server.address(), LONG, LONG, SHORT);
        assertEquals("server-timeout", ((SessionEvent.Close) endOfIdleSession(p, false)).term());
    }

    @Test
    void aServerThatDoesNotAcceptEndsTheSessionAsConnectTimeout() throws Exception {
        // A listener that never accepts, its accept queue filled: Linux drops further SYNs.
        try (ServerSocket deaf = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fill = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    Socket s = new Socket();
                    s.connect(deaf.getLocalSocketAddress());
                    fill.add(s);
                }
                ProxyServer p = proxy((InetSocketAddress) deaf.getLocalSocketAddress(), SHORT, LONG, LONG);
                SessionEvent.Failed x = (SessionEvent.Failed) endOfIdleSession(p, false);
                assertEquals("connect-timeout", x.term());
            } finally {
                for (Socket s : fill) {
                    s.close();
                }
            }
        }
    }
}
