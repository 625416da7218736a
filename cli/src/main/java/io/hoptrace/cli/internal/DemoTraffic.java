package io.hoptrace.cli.internal;

import io.hoptrace.events.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The demo's client connections, of different shapes, on a schedule of about 1.6 s: waves of short
 * request/response connections every 250 ms, with a slow one, two bigger answers, one the backend resets, one the
 * client aborts, and two over IPv6 (when there is an IPv6 entry). Each connection is one request of
 * {@link DemoBackend}'s language.
 */
public final class DemoTraffic {
    /** What a connection does. */
    public enum Shape {
        SHORT("a short request and answer", "/"),
        BIG("a 16 KiB answer", "/big"),
        SLOW("a slow answer: the backend waits " + DemoBackend.SLOW_MILLIS / 1000.0 + " s", "/slow"),
        RESET("reset by the backend", "/reset"),
        ABORT("aborted by the client (RST) while the backend thinks", "/slow"),
        IPV6("a short request over IPv6, on every hop", "/");

        private final String description;
        private final String path;

        Shape(String description, String path) {
            this.description = description;
            this.path = path;
        }

        public String description() {
            return description;
        }
    }

    /** One connection as it went: its client address (the origin of its trace), bytes received, how it ended. */
    public record Connection(Shape shape, Endpoint client, int received, boolean reset, String error) {
        public Connection {
            if (received < 0) {
                throw new IllegalArgumentException("received: expected at least 0, got " + received);
            }
        }

        public boolean ok() {
            return error == null;
        }
    }

    /** One planned connection: when it starts (ms after the first) and what it does. */
    public record Planned(long atMillis, Shape shape) {
        public Planned {
            if (atMillis < 0) {
                throw new IllegalArgumentException("atMillis: expected at least 0, got " + atMillis);
            }
        }
    }

    private static final int TIMEOUT_MILLIS = 5000;
    private static final long ABORT_AFTER_MILLIS = 200;

    private DemoTraffic() {
    }

    /** The demo's schedule: 29 connections (27 without IPv6). */
    public static List<Planned> plan(boolean ipv6) {
        List<Planned> p = new ArrayList<>();
        p.add(new Planned(0, Shape.SLOW));
        Shape[][] waves = {
            {Shape.SHORT, Shape.SHORT, Shape.SHORT, Shape.SHORT},
            {Shape.SHORT, Shape.SHORT, Shape.BIG, Shape.SHORT},
            {Shape.SHORT, Shape.IPV6, Shape.SHORT, Shape.SHORT, Shape.SHORT},
            {Shape.SHORT, Shape.BIG, Shape.RESET, Shape.SHORT, Shape.SHORT},
            {Shape.SHORT, Shape.SHORT, Shape.ABORT, Shape.SHORT, Shape.SHORT},
            {Shape.SHORT, Shape.SHORT, Shape.SHORT, Shape.IPV6, Shape.SHORT}};
        for (int w = 0; w < waves.length; w++) {
            for (int i = 0; i < waves[w].length; i++) {
                if (waves[w][i] != Shape.IPV6 || ipv6) {
                    p.add(new Planned(100 + 250L * w + 10L * i, waves[w][i]));
                }
            }
        }
        return p;
    }

    /**
     * Runs {@code plan} against the IPv4 entry {@code entry4} (and {@code entry6} for {@link Shape#IPV6}) and
     * returns the connections in plan order once all have ended (each bounded by a 5 s socket timeout).
     */
    public static List<Connection> run(List<Planned> plan, InetSocketAddress entry4, InetSocketAddress entry6)
            throws InterruptedException {
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(8, r -> {
            Thread t = new Thread(r, "hoptrace-demo-client");
            t.setDaemon(true);
            return t;
        });
        try {
            List<ScheduledFuture<Connection>> futures = new ArrayList<>();
            for (Planned p : plan) {
                InetSocketAddress to = p.shape() == Shape.IPV6 ? entry6 : entry4;
                futures.add(pool.schedule(() -> connect(p.shape(), to), p.atMillis(), TimeUnit.MILLISECONDS));
            }
            List<Connection> done = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    done.add(futures.get(i).get(2L * TIMEOUT_MILLIS + plan.get(i).atMillis(), TimeUnit.MILLISECONDS));
                } catch (ExecutionException | TimeoutException e) {
                    done.add(new Connection(plan.get(i).shape(), Endpoint.UNKNOWN, 0, false, String.valueOf(e)));
                }
            }
            return done;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(2, TimeUnit.SECONDS);
        }
    }

    /** One connection of one shape; never throws: a failure is the connection's {@code error}. */
    static Connection connect(Shape shape, InetSocketAddress to) {
        if (to == null) {
            return new Connection(shape, Endpoint.UNKNOWN, 0, false, "no address to connect to");
        }
        Endpoint client = Endpoint.UNKNOWN;
        try (Socket s = new Socket()) {
            s.setSoTimeout(TIMEOUT_MILLIS);
            s.connect(to, TIMEOUT_MILLIS);
            client = Endpoint.of(s.getLocalSocketAddress());
            s.getOutputStream().write(("GET " + shape.path + " HTTP/1.0\r\nHost: demo\r\nUser-Agent: hoptrace-demo"
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            if (shape == Shape.ABORT) {
                Thread.sleep(ABORT_AFTER_MILLIS);
                s.setSoLinger(true, 0); // close() sends a RST
                return new Connection(shape, client, 0, false, null);
            }
            int received = 0;
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    received += n;
                }
            } catch (SocketException e) {
                return new Connection(shape, client, received, true, null); // "Connection reset"
            }
            return new Connection(shape, client, received, false, null);
        } catch (IOException e) {
            return new Connection(shape, client, 0, false, e.getMessage() != null ? e.getMessage() : e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Connection(shape, client, 0, false, "interrupted");
        }
    }
}
