package io.hoptrace.proxy.internal.events;

import io.hoptrace.proxy.TransportKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.EventLineParser;
import io.hoptrace.events.SessionEvent;
import io.hoptrace.proxy.internal.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The event bus with real subscriber sockets: order, modes, snapshots, and the bounded queue. */
@Timeout(30)
class EventBusTest {
    private static final Endpoint A = Endpoint.parse("10.0.0.1:40000");
    private static final Endpoint B = Endpoint.parse("10.0.0.2:443");

    /** A session as the bus sees it, with fixed addresses. */
    private static final class FakeSession extends TrackedSession {
        private final boolean established;

        FakeSession(long id, boolean established) {
            super(id);
            this.established = established;
        }

        @Override
        protected SessionEvent.Open openEvent() {
            return new SessionEvent.Open(id(), A, B, A, B, 1_000_000L + id(), "fe", "be", "s1", null, null);
        }

        @Override
        protected SessionEvent endEvent() {
            return established ? new SessionEvent.Close(id(), 2_000_000L, 10, 20, 5, "client-fin")
                    : new SessionEvent.Failed(id(), A, B, 2_000_000L, "fe", "be", "connect-refused");
        }
    }

    private MultiThreadIoEventLoopGroup group;
    private EventDispatcher dispatcher;
    private Channel listener;
    private final List<SocketChannel> clients = new ArrayList<>();
    private CompletableFuture<Channel> accepted;

    @BeforeEach
    void setUp() {
        Transport transport = Transport.select(TransportKind.NIO);
        group = transport.newGroup(1, "test-dispatcher");
        dispatcher = new EventDispatcher(group.next());
    }

    @AfterEach
    void tearDown() throws IOException {
        for (SocketChannel c : clients) {
            c.close();
        }
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** A subscriber connection: the proxy side is registered on the dispatcher loop, as stats sockets are. */
    private Channel subscriberChannel(long queueBytes, int receiveBuffer) throws Exception {
        accepted = new CompletableFuture<>();
        listener = new ServerBootstrap().group(dispatcher.loop(), dispatcher.loop())
                .channel(Transport.select(TransportKind.NIO).serverSocketChannel())
                .childOption(ChannelOption.SO_SNDBUF, 4096)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark((int) queueBytes / 2, (int) queueBytes))
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter());
                        accepted.complete(ch);
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        SocketChannel client = SocketChannel.open();
        if (receiveBuffer > 0) {
            client.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
        }
        client.connect(listener.localAddress());
        clients.add(client);
        return accepted.get(10, TimeUnit.SECONDS);
    }

    private <T> T onDispatcher(Callable<T> task) throws Exception {
        return dispatcher.loop().submit(task).get(10, TimeUnit.SECONDS);
    }

    /** Waits until the dispatcher has run everything posted before this call (its queue is FIFO). */
    private void drained() throws Exception {
        onDispatcher(() -> null);
    }

    /** Per client, what a read left after its last complete line: a read may end mid-line, the next continues it. */
    private final Map<SocketChannel, StringBuilder> partial = new HashMap<>();

    private List<String> readLines(SocketChannel client, int count) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        StringBuilder line = partial.computeIfAbsent(client, c -> new StringBuilder());
        while (lines.size() < count) {
            buf.clear();
            if (client.read(buf) < 0) {
                throw new IOException("closed after " + lines.size() + " lines");
            }
            buf.flip();
            while (buf.hasRemaining()) {
                char c = (char) buf.get();
                if (c == '\n') {
                    lines.add(line.toString());
                    line.setLength(0);
                } else {
                    line.append(c);
                }
            }
        }
        return lines;
    }

    @Test
    void eachSessionsOpenPrecedesItsCloseWhateverThreadsProduceThem() throws Exception {
        EventBus<FakeSession> bus = new EventBus<>(dispatcher, 1 << 22);
        Channel sub = subscriberChannel(1 << 22, 0);
        onDispatcher(() -> bus.subscribe(sub, false, false));
        ExecutorService producers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int base = t * 500;
                done.add(producers.submit(() -> {
                    for (int i = 1; i <= 500; i++) {
                        FakeSession s = new FakeSession(base + i, true);
                        bus.accepted(s);
                        bus.established(s);
                        bus.closed(s);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            producers.shutdownNow();
        }
        List<String> lines = readLines(clients.get(0), 4000);
        Set<Long> open = new HashSet<>();
        Set<Long> closed = new HashSet<>();
        EventLineParser parser = new EventLineParser();
        for (String l : lines) {
            SessionEvent e = parser.parse(l);
            if (e instanceof SessionEvent.Open o) {
                assertTrue(open.add(o.id()));
            } else {
                long id = ((SessionEvent.Close) e).id();
                assertTrue(open.contains(id), "+ before - for " + id);
                assertTrue(closed.add(id));
            }
        }
        assertEquals(2000, closed.size());
        assertEquals(4000, onDispatcher(bus::eventsSent));
    }

    @Test
    void aFullQueueDropsAndCountsEventsThenAnnouncesThemWhenThereIsRoom() throws Exception {
        long queue = 2048;
        EventBus<FakeSession> bus = new EventBus<>(dispatcher, queue);
        Channel sub = subscriberChannel(queue, 4096);
        onDispatcher(() -> bus.subscribe(sub, true, false));
        int sessions = 20_000;
        for (int i = 1; i <= sessions; i++) {
            FakeSession s = new FakeSession(i, true);
            bus.accepted(s);
            bus.established(s);
            bus.closed(s);
        }
        drained();
        long sent = onDispatcher(bus::eventsSent);
        long dropped = onDispatcher(bus::eventsDropped);
        long peak = onDispatcher(bus::maxQueuedBytes);
        assertTrue(dropped > 0, "the subscriber did not read: events were dropped");
        assertEquals(2L * sessions, sent + dropped, "every event was either sent or counted as dropped");
        assertTrue(peak <= queue + 200, "queued bytes stayed within the bound: " + peak);

        // Once the subscriber reads, it gets what was queued, then "! dropped <n>" for what was not.
        EventLineParser parser = new EventLineParser();
        long delivered = 0;
        long announced = 0;
        SocketChannel client = clients.get(0);
        while (delivered + announced < 2L * sessions) {
            for (String l : readLines(client, 1)) {
                SessionEvent e = parser.parse(l);
                if (e instanceof SessionEvent.Dropped d) {
                    announced += d.count();
                } else {
                    delivered++;
                }
            }
        }
        assertEquals(sent, delivered);
        assertEquals(dropped, announced);
    }

    @Test
    void aSnapshotReplaysTheEstablishedSessionsByIdThenCountsThem() throws Exception {
        EventBus<FakeSession> bus = new EventBus<>(dispatcher, 1 << 20);
        FakeSession s2 = new FakeSession(2, true);
        FakeSession s1 = new FakeSession(1, true);
        FakeSession connecting = new FakeSession(3, false);
        FakeSession gone = new FakeSession(4, true);
        for (FakeSession s : List.of(s2, s1, connecting, gone)) {
            bus.accepted(s);
        }
        bus.established(s2);
        bus.established(s1);
        bus.established(gone);
        bus.closed(gone);
        Channel sub = subscriberChannel(1 << 20, 0);
        onDispatcher(() -> bus.subscribe(sub, false, true));
        assertEquals(List.of("+ 1 10.0.0.1:40000 10.0.0.2:443 10.0.0.1:40000 10.0.0.2:443",
                "+ 2 10.0.0.1:40000 10.0.0.2:443 10.0.0.1:40000 10.0.0.2:443", "# snapshot 2"),
                readLines(clients.get(0), 3));
        assertEquals(4 - 1, onDispatcher(bus::sessionCount), "the table still has the connecting session");
    }

    @Test
    void batchesLargerThanOneBufferReachEverySubscriberWholeAndInOrder() throws Exception {
        EventBus<FakeSession> bus = new EventBus<>(dispatcher, 1 << 22);
        Channel full1 = subscriberChannel(1 << 22, 0);
        Channel full2 = subscriberChannel(1 << 22, 0);
        Channel bare = subscriberChannel(1 << 22, 0);
        onDispatcher(() -> bus.subscribe(full1, true, false));
        onDispatcher(() -> bus.subscribe(full2, true, false));
        onDispatcher(() -> bus.subscribe(bare, false, false));
        int sessions = 1000; // ~150 KB of full lines queued before one flush: several batch buffers
        for (int i = 1; i <= sessions; i++) {
            FakeSession s = new FakeSession(i, true);
            bus.accepted(s);
            bus.established(s);
            bus.closed(s);
        }
        List<String> expectedBare = new ArrayList<>();
        for (int i = 1; i <= sessions; i++) {
            expectedBare.add("+ " + i + " 10.0.0.1:40000 10.0.0.2:443 10.0.0.1:40000 10.0.0.2:443");
            expectedBare.add("- " + i);
        }
        List<String> got1 = readLines(clients.get(0), 2 * sessions);
        assertEquals(expectedBare, got1.stream().map(l -> l.replaceAll(" [a-z]+=.*", "")).toList());
        assertEquals(got1, readLines(clients.get(1), 2 * sessions));
        assertEquals(expectedBare, readLines(clients.get(2), 2 * sessions));
        assertEquals(6L * sessions, onDispatcher(bus::eventsSent));
    }

    @Test
    void aSessionThatNeverConnectedIsReportedToFullSubscribersOnly() throws Exception {
        EventBus<FakeSession> bus = new EventBus<>(dispatcher, 1 << 20);
        Channel full = subscriberChannel(1 << 20, 0);
        Channel bare = subscriberChannel(1 << 20, 0);
        onDispatcher(() -> bus.subscribe(full, true, false));
        onDispatcher(() -> bus.subscribe(bare, false, false));
        FakeSession failed = new FakeSession(1, false);
        bus.accepted(failed);
        bus.closed(failed);
        FakeSession ok = new FakeSession(2, true);
        bus.accepted(ok);
        bus.established(ok);
        bus.closed(ok);
        assertEquals(List.of("x 1 10.0.0.1:40000 10.0.0.2:443 ts=2000000 fe=fe be=be term=connect-refused",
                "+ 2 10.0.0.1:40000 10.0.0.2:443 10.0.0.1:40000 10.0.0.2:443 ts=1000002 fe=fe be=be srv=s1",
                "- 2 ts=2000000 bin=10 bout=20 dur=5 term=client-fin"), readLines(clients.get(0), 3));
        assertEquals(List.of("+ 2 10.0.0.1:40000 10.0.0.2:443 10.0.0.1:40000 10.0.0.2:443", "- 2"),
                readLines(clients.get(1), 2));
    }
}
