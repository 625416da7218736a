package io.hoptrace.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.hoptrace.events.EventLineParser;
import io.hoptrace.events.SessionEvent;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Client-side helpers for integration tests: one exchange through a proxy, and reading event streams. */
final class TestTraffic {
    /** The client socket's own view of its connection. */
    record ClientView(InetSocketAddress local, InetSocketAddress remote) {
    }

    private TestTraffic() {
    }

    /** Connects, sends {@code size} random bytes, reads them back from an echo server, closes. */
    static ClientView echoOnce(InetSocketAddress proxy, int size) throws IOException {
        try (Socket s = new Socket()) {
            s.setSoTimeout(10_000);
            s.connect(proxy);
            ClientView view = new ClientView((InetSocketAddress) s.getLocalSocketAddress(),
                    (InetSocketAddress) s.getRemoteSocketAddress());
            byte[] sent = new byte[size];
            ThreadLocalRandom.current().nextBytes(sent);
            s.getOutputStream().write(sent);
            assertArrayEquals(sent, readFully(s.getInputStream(), size), "echo through the proxy");
            return view;
        }
    }

    static byte[] readFully(InputStream in, int size) throws IOException {
        byte[] got = new byte[size];
        int off = 0;
        while (off < size) {
            int n = in.read(got, off, size - off);
            if (n < 0) {
                throw new IOException("EOF after " + off + " of " + size + " bytes");
            }
            off += n;
        }
        return got;
    }

    /** Reads events until {@code closes} session ends ({@code -} or {@code x}) have arrived. */
    static List<SessionEvent> events(StatsClient stream, int closes) {
        EventLineParser parser = new EventLineParser();
        List<SessionEvent> got = new ArrayList<>();
        int ended = 0;
        while (ended < closes) {
            String line = stream.next();
            if (line.equals(StatsClient.END)) {
                throw new AssertionError("event stream closed after " + got.size() + " events");
            }
            SessionEvent e = parser.parse(line);
            if (e == null) {
                continue;
            }
            got.add(e);
            if (e instanceof SessionEvent.Close || e instanceof SessionEvent.Failed) {
                ended++;
            }
        }
        return got;
    }

    /** Subscribes and waits until the subscription is in place (the empty snapshot's marker arrived). */
    static StatsClient subscribe(SocketAddress stats, String mode) throws IOException {
        StatsClient c = StatsClient.connect(stats);
        c.send("show events " + mode + " snapshot");
        c.until(l -> l.startsWith("# snapshot"));
        return c;
    }
}
