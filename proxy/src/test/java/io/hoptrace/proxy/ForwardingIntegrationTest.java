package io.hoptrace.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.SessionEvent;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** How bytes, FINs and resets cross the proxy, and how much it buffers when one side is slow. */
@Timeout(60)
class ForwardingIntegrationTest {
    private static final int BULK = 64 << 20;
    /** The session's high water mark (ServerConnector) plus one read (AdaptiveRecvByteBufAllocator maximum). */
    private static final long BUFFER_BOUND = 128 * 1024 + 64 * 1024;
    private static final Pattern DIRECTION = Pattern.compile("bytes=(\\d+) pending=(\\d+) reading=(\\w+)");

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

    private ProxyServer start(TestServer backend) throws Exception {
        server = backend;
        runtime = ProxyRuntime.create(RuntimeOptions.defaults().withIoThreads(2));
        return runtime.start(TestConfigs.proxy("p").unixStats(dir.resolve("p.sock"), StatsLevel.ADMIN)
                .frontend("web", "app").backend("app", backend.address()).build());
    }

    @Test
    void aClientFinIsForwardedAndTheServerCanStillAnswer() throws Exception {
        ProxyServer proxy = start(TestServer.start(s -> {
            long n = s.getInputStream().transferTo(OutputStream.nullOutputStream()); // until the forwarded FIN
            s.getOutputStream().write(("got " + n + "\n").getBytes(StandardCharsets.US_ASCII));
        }));
        try (StatsClient events = TestTraffic.subscribe(proxy.statsAddresses().get(0), "full");
             Socket c = new Socket()) {
            c.setSoTimeout(10_000);
            c.connect(proxy.frontendAddress("web"));
            c.getOutputStream().write(new byte[5000]);
            c.shutdownOutput();
            assertEquals("got 5000\n", new String(c.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
            SessionEvent.Close close = (SessionEvent.Close) TestTraffic.events(events, 1).get(1);
            assertEquals("client-fin", close.term());
            assertEquals(5000, close.bytesIn());
            assertEquals(9, close.bytesOut());
        }
    }

    @Test
    void aServerFinIsForwardedAndTheClientCanStillSend() throws Exception {
        CompletableFuture<Long> received = new CompletableFuture<>();
        ProxyServer proxy = start(TestServer.start(s -> {
            s.getOutputStream().write("bye\n".getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            received.complete(s.getInputStream().transferTo(OutputStream.nullOutputStream()));
        }));
        try (StatsClient events = TestTraffic.subscribe(proxy.statsAddresses().get(0), "full");
             Socket c = new Socket()) {
            c.setSoTimeout(10_000);
            c.connect(proxy.frontendAddress("web"));
            assertEquals("bye\n", new String(c.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
            c.getOutputStream().write(new byte[7000]); // the server's FIN closed only one direction
            c.shutdownOutput();
            assertEquals(7000, received.get(10, TimeUnit.SECONDS));
            SessionEvent.Close close = (SessionEvent.Close) TestTraffic.events(events, 1).get(1);
            assertEquals("server-fin", close.term());
        }
    }

    @Test
    void aServerResetReachesTheClientAsAReset() throws Exception {
        ProxyServer proxy = start(TestServer.start(s -> {
            s.getInputStream().read();
            s.setSoLinger(true, 0);
            s.close();
        }));
        try (StatsClient events = TestTraffic.subscribe(proxy.statsAddresses().get(0), "full");
             Socket c = new Socket()) {
            c.setSoTimeout(10_000);
            c.connect(proxy.frontendAddress("web"));
            c.getOutputStream().write(1);
            SocketException e = assertThrows(SocketException.class, () -> c.getInputStream().read());
            assertTrue(e.getMessage().contains("reset"), e.getMessage());
            SessionEvent.Close close = (SessionEvent.Close) TestTraffic.events(events, 1).get(1);
            assertEquals("server-rst", close.term());
        }
    }

    @Test
    void aClientResetReachesTheServerAsAReset() throws Exception {
        CompletableFuture<Exception> serverSaw = new CompletableFuture<>();
        CountDownLatch connected = new CountDownLatch(1);
        ProxyServer proxy = start(TestServer.start(s -> {
            connected.countDown();
            try {
                s.getInputStream().transferTo(OutputStream.nullOutputStream());
                serverSaw.complete(null);
            } catch (SocketException e) {
                serverSaw.complete(e);
            }
        }));
        try (StatsClient events = TestTraffic.subscribe(proxy.statsAddresses().get(0), "full")) {
            Socket c = new Socket();
            c.connect(proxy.frontendAddress("web"));
            c.getOutputStream().write(1);
            assertTrue(connected.await(10, TimeUnit.SECONDS));
            Await.until("session established", () -> events.drain().stream().anyMatch(l -> l.startsWith("+ ")));
            c.setSoLinger(true, 0);
            c.close();
            Exception e = serverSaw.get(10, TimeUnit.SECONDS);
            assertTrue(e != null && e.getMessage().contains("reset"), "server read ended with " + e);
            SessionEvent.Close close = (SessionEvent.Close) TestTraffic.events(events, 1).get(0);
            assertEquals("client-rst", close.term());
        }
    }

    @Test
    void aFastClientAndASlowServerLeaveOnlyBoundedBytesInTheProxy() throws Exception {
        CountDownLatch serverMayRead = new CountDownLatch(1);
        CompletableFuture<Long> received = new CompletableFuture<>();
        ProxyServer proxy = start(TestServer.startSmallBuffers(s -> {
            try {
                serverMayRead.await();
            } catch (InterruptedException e) {
                return;
            }
            received.complete(s.getInputStream().transferTo(OutputStream.nullOutputStream()));
        }));
        SocketAddress stats = proxy.statsAddresses().get(0);
        try (Socket c = new Socket()) {
            c.setSendBufferSize(64 * 1024);
            c.connect(proxy.frontendAddress("web"));
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = c.getOutputStream();
                    byte[] chunk = new byte[64 * 1024];
                    for (int i = 0; i < BULK / chunk.length; i++) {
                        out.write(chunk);
                    }
                    c.shutdownOutput();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // The server reads nothing: the proxy must stop reading the client, not buffer what it sends.
            long[] req = awaitPaused(stats, "req");
            assertTrue(req[1] <= BUFFER_BOUND, "bytes held for the server: " + req[1]);
            assertTrue(req[0] < BULK && !sent.isDone(), "the client is blocked, not absorbed by the proxy");
            serverMayRead.countDown();
            sent.get(30, TimeUnit.SECONDS);
            assertEquals(BULK, received.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aFastServerAndASlowClientLeaveOnlyBoundedBytesInTheProxy() throws Exception {
        CompletableFuture<Void> serverDone = new CompletableFuture<>();
        ProxyServer proxy = start(TestServer.start(s -> {
            s.setSendBufferSize(64 * 1024);
            OutputStream out = s.getOutputStream();
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < BULK / chunk.length; i++) {
                out.write(chunk);
            }
            s.shutdownOutput();
            serverDone.complete(null);
            s.getInputStream().read();
        }));
        SocketAddress stats = proxy.statsAddresses().get(0);
        try (Socket c = new Socket()) {
            c.setReceiveBufferSize(32 * 1024);
            c.connect(proxy.frontendAddress("web"));
            long[] res = awaitPaused(stats, "res");
            assertTrue(res[1] <= BUFFER_BOUND, "bytes held for the client: " + res[1]);
            assertTrue(res[0] < BULK && !serverDone.isDone(), "the server is blocked, not absorbed by the proxy");
            InputStream in = c.getInputStream();
            assertEquals(BULK, in.transferTo(OutputStream.nullOutputStream()));
        }
    }

    /** Polls {@code show sess 1} until the given direction's sender is no longer read: {bytes, pending}. */
    private static long[] awaitPaused(SocketAddress stats, String direction) throws Exception {
        long[] found = new long[2];
        Await.until(direction + " reading paused", () -> {
            for (String l : StatsClient.request(stats, "show sess 1")) {
                if (l.startsWith("  " + direction + ":")) {
                    Matcher m = DIRECTION.matcher(l);
                    assertTrue(m.find(), l);
                    found[0] = Long.parseLong(m.group(1));
                    found[1] = Long.parseLong(m.group(2));
                    return m.group(3).equals("paused");
                }
            }
            return false;
        });
        return found;
    }

}
