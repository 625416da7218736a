package io.hoptrace.correlator;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.EventRecord;
import io.hoptrace.events.SessionEvent;
import io.hoptrace.events.Timestamps;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real chain on 127.0.0.1, ephemeral ports: a server that answers {@code RESPONSE} bytes to {@code REQUEST}
 * bytes, and proxies in front of it that forward both ways and record their sessions as events with the four
 * addresses of their sockets, like a proxy's {@code show events full}.
 */
final class LoopbackChain implements Closeable {
    static final int REQUEST = 100;
    static final int RESPONSE = 5000;

    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-chain");
        t.setDaemon(true);
        return t;
    });
    private final List<ServerSocket> listeners = new ArrayList<>();
    final List<EventRecord> events = Collections.synchronizedList(new ArrayList<>());
    final int serverPort;
    final List<Integer> proxyPorts = new ArrayList<>();

    LoopbackChain(String... proxies) throws IOException {
        ServerSocket server = listen();
        serverPort = server.getLocalPort();
        pool.execute(() -> acceptLoop(server, this::serve));
        int next = serverPort;
        for (int i = proxies.length - 1; i >= 0; i--) {
            ServerSocket ls = listen();
            String name = proxies[i];
            int target = next;
            AtomicLong ids = new AtomicLong();
            pool.execute(() -> acceptLoop(ls, c -> proxy(name, ids.incrementAndGet(), c, target)));
            proxyPorts.add(0, ls.getLocalPort());
            next = ls.getLocalPort();
        }
    }

    int frontPort() {
        return proxyPorts.get(0);
    }

    /** One client connection through the chain; returns the bytes of the response. */
    int request() throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), frontPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(new byte[REQUEST]);
            s.shutdownOutput();
            return (int) s.getInputStream().transferTo(OutputStream.nullOutputStream());
        }
    }

    private ServerSocket listen() throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        listeners.add(s);
        return s;
    }

    private interface Handler {
        void handle(Socket s) throws IOException;
    }

    private void acceptLoop(ServerSocket ls, Handler h) {
        while (!ls.isClosed()) {
            try {
                Socket s = ls.accept();
                pool.execute(() -> {
                    try (s) {
                        s.setSoTimeout(10_000);
                        h.handle(s);
                    } catch (IOException e) {
                        // the test's client sees the failure
                    }
                });
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) throws IOException {
        s.getInputStream().readNBytes(REQUEST);
        s.getOutputStream().write(new byte[RESPONSE]);
    }

    private void proxy(String name, long id, Socket front, int target) throws IOException {
        try (Socket back = new Socket(InetAddress.getLoopbackAddress(), target)) {
            back.setSoTimeout(10_000);
            long open = Timestamps.nowMicros();
            events.add(new EventRecord(name, open, new SessionEvent.Open(id,
                    Endpoint.of(front.getRemoteSocketAddress()), Endpoint.of(front.getLocalSocketAddress()),
                    Endpoint.of(back.getLocalSocketAddress()), Endpoint.of(back.getRemoteSocketAddress()), open,
                    name, "be", "s1", null, null)));
            var up = pool.submit(() -> pump(front.getInputStream(), back));
            long down = pump(back.getInputStream(), front);
            long in;
            try {
                in = up.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException("client side of session " + id + " did not finish", e);
            }
            long close = Timestamps.nowMicros();
            events.add(new EventRecord(name, close, new SessionEvent.Close(id, close, in, down, close - open,
                    "cD")));
        }
    }

    private static long pump(InputStream in, Socket to) throws IOException {
        long n = in.transferTo(to.getOutputStream());
        to.shutdownOutput();
        return n;
    }

    @Override
    public void close() throws IOException {
        for (ServerSocket s : listeners) {
            s.close();
        }
        pool.shutdownNow();
    }
}
