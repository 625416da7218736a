package io.hoptrace.cli.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The demo's server: a tiny HTTP/1.0-like backend on loopback (IPv4 and, when the host has it, IPv6), the same
 * behaviour as {@code samples/lib/backend.py}. A request is {@code GET <path> HTTP/1.0} ending in an empty line;
 * {@code /} gets a 40-byte answer, {@code /big} 16 KiB in four writes, {@code /slow} the same as {@code /} after
 * {@link #SLOW_MILLIS}, and {@code /reset} a RST (SO_LINGER 0) instead of an answer. The server closes after
 * answering and waits for the client's FIN, so connections end in order.
 */
public final class DemoBackend implements Closeable {
    /** How long {@code /slow} waits: long enough to be seen in the live table. */
    public static final long SLOW_MILLIS = 1500;
    static final byte[] BODY = "hello from the hoptrace demo backend!!\r\n".getBytes(StandardCharsets.US_ASCII);
    static final int BIG = 16 * 1024;
    private static final int MAX_REQUEST = 8192;

    private final List<ServerSocket> listeners = new ArrayList<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hoptrace-demo-backend");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    private DemoBackend() {
    }

    /** Listens on 127.0.0.1 and ::1, ephemeral ports; {@code ::1} is left out when the host has no IPv6. */
    public static DemoBackend start() throws IOException {
        DemoBackend b = new DemoBackend();
        try {
            b.listen(InetAddress.getByName("127.0.0.1"));
            try {
                b.listen(InetAddress.getByName("::1"));
            } catch (IOException e) {
                // no IPv6 on this host: the demo goes without its IPv6 connection
            }
        } catch (IOException | RuntimeException e) {
            b.close();
            throw e;
        }
        return b;
    }

    private void listen(InetAddress address) throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.bind(new InetSocketAddress(address, 0), 128);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        listeners.add(s);
        threads.execute(() -> accept(s));
    }

    public InetSocketAddress ipv4() {
        return (InetSocketAddress) listeners.get(0).getLocalSocketAddress();
    }

    /** The IPv6 address, or null when the host has no IPv6 loopback. */
    public InetSocketAddress ipv6() {
        return listeners.size() > 1 ? (InetSocketAddress) listeners.get(1).getLocalSocketAddress() : null;
    }

    private void accept(ServerSocket listener) {
        while (!closed) {
            Socket c;
            try {
                c = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            connections.add(c);
            try {
                threads.execute(() -> serve(c));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                closeQuietly(c);
                return;
            }
        }
    }

    private void serve(Socket c) {
        try (c) {
            String path = readRequestPath(c.getInputStream());
            if (path == null) {
                return;
            }
            OutputStream out = c.getOutputStream();
            switch (path) {
                case "/reset" -> {
                    c.setSoLinger(true, 0); // close() now sends a RST
                    return;
                }
                case "/big" -> {
                    out.write(header(BIG));
                    byte[] chunk = new byte[BIG / 4];
                    for (int i = 0; i < 4; i++) {
                        out.write(chunk);
                        out.flush();
                    }
                }
                case "/slow" -> {
                    Thread.sleep(SLOW_MILLIS);
                    answer(out);
                }
                default -> answer(out);
            }
            c.shutdownOutput();
            InputStream in = c.getInputStream();
            byte[] drain = new byte[4096];
            while (in.read(drain) >= 0) {
                // until the client's FIN
            }
        } catch (IOException e) {
            // the client reset or went away: nothing to answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.remove(c);
        }
    }

    private static void answer(OutputStream out) throws IOException {
        byte[] h = header(BODY.length);
        byte[] all = new byte[h.length + BODY.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(BODY, 0, all, h.length, BODY.length);
        out.write(all);
        out.flush();
    }

    private static byte[] header(int length) {
        return ("HTTP/1.0 200 OK\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The path of {@code GET <path> HTTP/1.0}, once the request's empty line arrived; null if it never does. */
    static String readRequestPath(InputStream in) throws IOException {
        byte[] buf = new byte[MAX_REQUEST];
        int n = 0;
        while (n < buf.length) {
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                return null;
            }
            n += r;
            String text = new String(buf, 0, n, StandardCharsets.US_ASCII);
            if (text.contains("\r\n\r\n")) {
                String[] words = text.substring(0, text.indexOf("\r\n")).split(" ");
                return words.length >= 2 ? words[1] : "/";
            }
        }
        return null;
    }

    /** Stops listening, cuts the connections still open, and waits (briefly) for the threads. */
    @Override
    public void close() {
        closed = true;
        listeners.forEach(DemoBackend::closeQuietly);
        connections.forEach(DemoBackend::closeQuietly);
        threads.shutdownNow();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
