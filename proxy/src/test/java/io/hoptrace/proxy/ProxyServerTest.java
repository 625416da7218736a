package io.hoptrace.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.SessionEvent;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Starting and stopping proxies: addresses, bind failures, clean stops, both transports. */
@Timeout(30)
class ProxyServerTest {
    @TempDir
    Path dir;

    @Test
    void stopEndsEverySessionAsProxyStopTellsSubscribersAndRemovesTheSocketFile() throws Exception {
        try (TestServer echo = TestServer.echo()) {
            ProxyServer p = ProxyServer.start(TestConfigs.proxy("p").unixStats(dir.resolve("s"), StatsLevel.ADMIN)
                    .frontend("web", "app").backend("app", echo.address()).build(),
                    RuntimeOptions.defaults().withIoThreads(1));
            try (StatsClient events = TestTraffic.subscribe(p.statsAddresses().get(0), "full");
                 Socket c = new Socket()) {
                c.setSoTimeout(10_000);
                c.connect(p.frontendAddress("web"));
                c.getOutputStream().write(3);
                assertEquals(3, c.getInputStream().read());
                p.close();
                assertEquals(-1, c.getInputStream().read(), "the client connection was closed");
                SessionEvent.Close close = (SessionEvent.Close) TestTraffic.events(events, 1).get(1);
                assertEquals("proxy-stop", close.term());
                assertEquals(StatsClient.END, events.next(), "the subscriber was closed after its last event");
                assertFalse(Files.exists(dir.resolve("s")));
                assertFalse(p.isRunning());
                p.close(); // idempotent
            }
        }
    }

    @Test
    void aBindThatFailsNamesTheAddressAndTheLineAndLeavesNothingBound() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, TestConfigs.loopback().getAddress());
             ProxyRuntime runtime = ProxyRuntime.create(RuntimeOptions.defaults().withIoThreads(1))) {
            InetSocketAddress busy = (InetSocketAddress) taken.getLocalSocketAddress();
            ProxyConfig config = TestConfigs.proxy("p").unixStats(dir.resolve("s"), StatsLevel.ADMIN)
                    .frontend(TestConfigs.frontend("web", busy, false, null, 0, Timeouts.NONE, null)).build();
            // The stats socket comes after the frontends: it must not have been created.
            IOException e = assertThrows(IOException.class, () -> runtime.start(config));
            assertTrue(e.getMessage().startsWith("bind 127.0.0.1:" + busy.getPort() + " (test.cfg:10, frontend web): "),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("(still in use after 1000 ms of retries)"), e.getMessage());
            assertFalse(Files.exists(dir.resolve("s")));
            assertTrue(runtime.servers().isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TransportKind.class, names = {"IO_URING", "EPOLL", "NIO"})
    void aPortReleasedWithinTheRetryTimeIsBound(TransportKind kind) throws Exception {
        ServerSocket taken = new ServerSocket(0, 1, TestConfigs.loopback().getAddress());
        InetSocketAddress busy = (InetSocketAddress) taken.getLocalSocketAddress();
        try (ProxyRuntime runtime = ProxyRuntime.create(RuntimeOptions.defaults().withIoThreads(1)
                .withTransport(kind))) {
            ProxyConfig config = TestConfigs.proxy("p")
                    .frontend(TestConfigs.frontend("web", busy, false, null, 0, Timeouts.NONE, null)).build();
            // As after a crash: the old listener goes away while the new proxy is retrying its bind.
            CompletableFuture<ProxyServer> start = new CompletableFuture<>();
            Thread starter = new Thread(() -> {
                try {
                    start.complete(runtime.start(config));
                } catch (IOException | RuntimeException e) {
                    start.completeExceptionally(e);
                }
            }, "proxy-start");
            starter.start();
            // Binding waits untimed; only the pause between two attempts, after one found the address in use, is
            // a timed wait.
            Await.until("the start to pause between bind attempts",
                    () -> starter.getState() == Thread.State.TIMED_WAITING || start.isDone());
            assertFalse(start.isDone(), "the bind is being retried while the port is taken");
            taken.close();
            ProxyServer p = start.get(10, TimeUnit.SECONDS);
            assertEquals(busy, p.frontendAddress("web"));
        } finally {
            taken.close();
        }
    }

    @Test
    void aFrontendWithoutBackendEndsItsSessionsAsNoServer() throws Exception {
        try (ProxyRuntime runtime = ProxyRuntime.create(RuntimeOptions.defaults().withIoThreads(1))) {
            ProxyServer p = runtime.start(TestConfigs.proxy("p").unixStats(dir.resolve("s"), StatsLevel.ADMIN)
                    .frontend(TestConfigs.frontend("web", TestConfigs.loopback(), false, null, 0, Timeouts.NONE,
                            null)).build());
            try (StatsClient events = TestTraffic.subscribe(p.statsAddresses().get(0), "full");
                 Socket c = new Socket()) {
                c.setSoTimeout(10_000);
                c.connect(p.frontendAddress("web"));
                assertEquals(-1, c.getInputStream().read());
                SessionEvent.Failed x = (SessionEvent.Failed) TestTraffic.events(events, 1).get(0);
                assertEquals("no-server", x.term());
                assertEquals(null, x.backendName());
            }
        }
    }

    @Test
    void anUnknownFrontendNameIsAnErrorNamingTheKnownOnes() throws Exception {
        try (ProxyRuntime runtime = ProxyRuntime.create(RuntimeOptions.defaults().withIoThreads(1))) {
            ProxyServer p = runtime.start(TestConfigs.proxy("p").frontend("web", null).build());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> p.frontendAddress("api"));
            assertEquals("frontend: no frontend named 'api' in p (have [web])", e.getMessage());
            assertEquals(List.of("web"), List.copyOf(p.frontendAddresses().keySet()));
            assertTrue(p.frontendAddress("web").getPort() > 0, "port 0 was replaced by the real port");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TransportKind.class, names = {"IO_URING", "EPOLL", "NIO"})
    void everyTransportForwardsReportsAndAnswersARequestWhoseSenderShutDownItsSide(TransportKind kind)
            throws Exception {
        try (TestServer echo = TestServer.echo();
             ProxyRuntime runtime = ProxyRuntime.create(RuntimeOptions.defaults().withIoThreads(1)
                     .withTransport(kind))) {
            assertEquals(kind.name().toLowerCase(Locale.ROOT), runtime.transport());
            ProxyServer p = runtime.start(TestConfigs.proxy("p").unixStats(dir.resolve("s"), StatsLevel.ADMIN)
                    .frontend("web", "app").backend("app", echo.address()).build());
            try (StatsClient events = TestTraffic.subscribe(p.statsAddresses().get(0), "full")) {
                TestTraffic.ClientView c = TestTraffic.echoOnce(p.frontendAddress("web"), 100_000);
                List<SessionEvent> s = TestTraffic.events(events, 1);
                SessionEvent.Open open = (SessionEvent.Open) s.get(0);
                assertEquals(Endpoint.of(c.local()), open.client());
                assertEquals(Endpoint.of(c.remote()), open.frontend());
                assertEquals(100_000, ((SessionEvent.Close) s.get(1)).bytesOut());
            }
            // 'echo "show info" | socat - UNIX:...': the request and the end of the client's side arrive together.
            try (StatsClient info = StatsClient.connect(p.statsAddresses().get(0))) {
                info.sendRaw("show info\n");
                info.shutdownOutput();
                assertTrue(info.readUntilClosed().contains("Transport: " + runtime.transport()));
            }
        }
    }

    @Test
    void theBestTransportAvailableIsTheDefault() {
        try (ProxyRuntime runtime = ProxyRuntime.create(RuntimeOptions.defaults().withIoThreads(1))) {
            assertEquals(IoUring.isAvailable() ? "io_uring" : Epoll.isAvailable() ? "epoll" : "nio",
                    runtime.transport());
        }
    }
}
