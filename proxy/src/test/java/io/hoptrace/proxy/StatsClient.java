package io.hoptrace.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A stats socket client for tests (Unix or TCP). A reader thread turns what the proxy sends into lines, so
 * every wait has a deadline; {@link #END} marks the proxy closing the connection.
 */
final class StatsClient implements AutoCloseable {
    static final String END = "\u0000end";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final SocketChannel channel;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean reading = true;

    private StatsClient(SocketChannel channel, boolean startReading) {
        this.channel = channel;
        this.reader = new Thread(this::readLoop, "stats-client");
        reader.setDaemon(true);
        if (startReading) {
            reader.start();
        }
    }

    static StatsClient connect(SocketAddress address) throws IOException {
        return new StatsClient(open(address), true);
    }

    /** A client that does not read until {@link #startReading()} (a slow subscriber). */
    static StatsClient connectNotReading(SocketAddress address) throws IOException {
        return new StatsClient(open(address), false);
    }

    private static SocketChannel open(SocketAddress address) throws IOException {
        SocketChannel ch = address instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        ch.connect(address);
        return ch;
    }

    /** Sends one request on a new connection and returns every line of the answer, up to the close. */
    static List<String> request(SocketAddress address, String line) throws IOException {
        try (StatsClient c = connect(address)) {
            c.send(line);
            return c.readUntilClosed();
        }
    }

    /** The value of one {@code show info} key. */
    static long info(SocketAddress address, String key) throws IOException {
        for (String l : request(address, "show info")) {
            if (l.startsWith(key + ": ")) {
                return Long.parseLong(l.substring(key.length() + 2));
            }
        }
        throw new AssertionError("show info: no key " + key);
    }

    void startReading() {
        reader.start();
    }

    void send(String line) throws IOException {
        sendRaw(line + "\n");
    }

    void sendRaw(String text) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    /** The next line, waiting at most 10 s; fails the test on timeout. */
    String next() {
        try {
            String l = lines.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (l == null) {
                throw new AssertionError("stats socket: no line within " + WAIT);
            }
            return l;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Lines until one matches (included), failing if the connection closes or 10 s pass without a line. */
    List<String> until(Predicate<String> last) {
        List<String> got = new ArrayList<>();
        for (;;) {
            String l = next();
            if (l.equals(END)) {
                throw new AssertionError("stats socket closed before the expected line; got " + got);
            }
            got.add(l);
            if (last.test(l)) {
                return got;
            }
        }
    }

    List<String> readUntilClosed() {
        List<String> got = new ArrayList<>();
        for (String l = next(); !l.equals(END); l = next()) {
            got.add(l);
        }
        return got;
    }

    /** Lines already received, without waiting. */
    List<String> drain() {
        List<String> got = new ArrayList<>();
        lines.drainTo(got);
        return got;
    }

    private void readLoop() {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        StringBuilder line = new StringBuilder();
        try {
            while (reading) {
                buf.clear();
                int n = channel.read(buf);
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    char c = (char) (buf.get(i) & 0xff);
                    if (c == '\n') {
                        lines.add(line.toString());
                        line.setLength(0);
                    } else {
                        line.append(c);
                    }
                }
            }
        } catch (IOException e) {
            // Closed by the proxy or by close(): the end.
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        lines.add(END);
    }

    @Override
    public void close() throws IOException {
        reading = false;
        channel.close();
    }

    static InetSocketAddress tcp(SocketAddress a) {
        return (InetSocketAddress) a;
    }
}
