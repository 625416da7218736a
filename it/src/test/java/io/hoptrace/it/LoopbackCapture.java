package io.hoptrace.it;

import static org.junit.jupiter.api.Assertions.fail;

import io.hoptrace.correlator.LiveCapture;
import io.hoptrace.correlator.Packet;
import io.hoptrace.correlator.PcapFileWriter;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A live capture on {@code lo} ({@link LiveCapture}, a BPF filter) written to a pcap file while the test runs,
 * and watched: {@link #awaitEnds} waits until the capture itself has seen every connection it expects start and
 * end, so the file is complete when the test stops it, without sleeping. Needs root (or CAP_NET_RAW) and
 * libpcap: without them it fails, saying so, rather than skipping.
 */
final class LoopbackCapture implements Closeable {
    /** One connection's two ends, lower endpoint first, so that both directions give the same key. */
    private record Key(long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
        static Key of(Packet p) {
            int c = Long.compare(p.srcAddrHi(), p.dstAddrHi());
            c = c != 0 ? c : Long.compare(p.srcAddrLo(), p.dstAddrLo());
            c = c != 0 ? c : Integer.compare(p.srcPort(), p.dstPort());
            return c <= 0 ? new Key(p.srcAddrHi(), p.srcAddrLo(), p.srcPort(), p.dstAddrHi(), p.dstAddrLo(),
                    p.dstPort()) : new Key(p.dstAddrHi(), p.dstAddrLo(), p.dstPort(), p.srcAddrHi(), p.srcAddrLo(),
                    p.srcPort());
        }

        boolean isA(Packet p) {
            return p.srcAddrHi() == aHi && p.srcAddrLo() == aLo && p.srcPort() == aPort;
        }
    }

    /** How far the latest instance of a connection has got. */
    private static final class Progress {
        boolean finFromA;
        boolean finFromB;
        boolean rst;

        boolean ended() {
            return rst || (finFromA && finFromB);
        }
    }

    private final LiveCapture live;
    private final PcapFileWriter writer;
    private final Path file;
    private final Thread reader;
    private final Map<Key, Progress> connections = new HashMap<>();
    private int started;
    /** Packets of connections whose SYN the capture did not see, by connection. */
    private final Map<Key, Integer> unstarted = new HashMap<>();
    private long packets;
    private Throwable failure;
    /** The port of the start-up probe, whose packets are neither written nor tracked. */
    private final int probePort;
    private boolean probeSeen;

    private LoopbackCapture(LiveCapture live, Path file, int probePort) throws IOException {
        this.live = live;
        this.probePort = probePort;
        this.file = file;
        this.writer = PcapFileWriter.create(file, live.linkType());
        this.reader = new Thread(this::read, "loopback-capture " + file.getFileName());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts capturing on {@code lo} what {@code filter} (pcap-filter(7)) lets through, into {@code file}, and
     * returns once the capture is seen delivering: a probe connection to a port of its own (let through by the
     * filter, kept out of the file) must have reached the reading thread. Without that, the test's first
     * connection could begin before the capture really runs and lose its SYN.
     */
    static LoopbackCapture start(String filter, Path file) throws IOException {
        LiveCapture live = null;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            live = LiveCapture.open("lo", "(" + filter + ") or (tcp port " + probe.getLocalPort() + ")", 0);
            LoopbackCapture capture = new LoopbackCapture(live, file, probe.getLocalPort());
            capture.awaitProbe(probe);
            return capture;
        } catch (IOException e) {
            if (live != null) {
                live.close();
            }
            return fail("capturing on lo needs root (or CAP_NET_RAW) and libpcap (Debian: libpcap0.8), as CI has;"
                    + " this test runs as " + uid() + ": " + e.getMessage(), e);
        }
    }

    /** Connects to the probe port until the capture has seen one of its packets (at most 10 s). */
    private void awaitProbe(ServerSocket probe) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        probe.setSoTimeout(1000);
        while (true) {
            try (Socket client = new Socket(probe.getInetAddress(), probe.getLocalPort());
                    Socket accepted = probe.accept()) {
                accepted.getOutputStream().write(1);
            }
            synchronized (this) {
                // A probe sent before the capture ran is never seen: wait a little, then send another.
                long wait = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
                long left;
                while (!probeSeen && failure == null && (left = Math.min(wait, deadline) - System.nanoTime()) > 0) {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while waiting for the capture to start", e);
                    }
                }
                if (probeSeen) {
                    return;
                }
                if (failure != null || System.nanoTime() >= deadline) {
                    close();
                    throw new IOException("the capture on lo delivered no probe packet within 10 s", failure);
                }
            }
        }
    }

    private static String uid() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                    .findFirst().map(l -> "uid " + l.split("\\s+")[1]).orElse("an unknown user");
        } catch (IOException e) {
            return "an unknown user";
        }
    }

    private void read() {
        try {
            for (Packet p = live.next(); p != null; p = live.next()) {
                if (p.isTcp() && (p.srcPort() == probePort || p.dstPort() == probePort)) {
                    synchronized (this) {
                        probeSeen = true;
                        notifyAll();
                    }
                    continue;
                }
                writer.write(p);
                if (p.isTcp()) {
                    track(p);
                }
            }
        } catch (Throwable t) {
            synchronized (this) {
                failure = t;
                notifyAll();
            }
        }
    }

    private synchronized void track(Packet p) {
        packets++;
        Key key = Key.of(p);
        int flags = p.tcpFlags();
        Progress c = connections.get(key);
        if ((flags & (Packet.SYN | Packet.ACK)) == Packet.SYN && (c == null || c.ended())) {
            c = new Progress(); // a new connection, or a new instance of a reused four-tuple
            connections.put(key, c);
            started++;
        }
        if (c == null) {
            unstarted.merge(key, 1, Integer::sum); // begun before the capture: not one of the test's
            return;
        }
        if ((flags & Packet.RST) != 0) {
            c.rst = true;
        }
        if ((flags & Packet.FIN) != 0) {
            if (key.isA(p)) {
                c.finFromA = true;
            } else {
                c.finFromB = true;
            }
        }
        notifyAll();
    }

    /**
     * Waits until the capture has seen at least {@code connections} connections start (SYN) and every connection
     * it saw start has ended (a FIN each way, or a RST).
     */
    synchronized void awaitEnds(int connections, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (failure == null && !(started >= connections && allEnded())) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("within " + timeout.toMillis() + " ms the capture " + file.getFileName() + " saw " + started
                        + " of " + connections + " connections start, " + ended() + " of them end: " + seen());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (failure != null) {
            fail("the capture " + file.getFileName() + " failed: " + failure, failure);
        }
    }

    /** The connections seen, by their ports, for failure messages. */
    private String seen() {
        StringBuilder sb = new StringBuilder();
        connections.forEach((k, c) -> sb.append(k.aPort()).append('-').append(k.bPort())
                .append(c.ended() ? " ended, " : " open, "));
        sb.append(packets).append(" TCP packets");
        unstarted.forEach((k, n) -> sb.append(", ").append(n).append(" of ").append(k.aPort()).append('-')
                .append(k.bPort()).append(" without its SYN"));
        return sb.toString();
    }

    private boolean allEnded() {
        return ended() == this.connections.size();
    }

    private long ended() {
        return connections.values().stream().filter(Progress::ended).count();
    }

    /** Stops capturing and completes the file; returns it. */
    Path stop() throws IOException {
        close();
        synchronized (this) {
            if (failure != null) {
                throw new IOException("the capture " + file + " failed", failure);
            }
        }
        return file;
    }

    @Override
    public void close() throws IOException {
        live.close();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reader.isAlive()) {
            throw new IOException("the capture thread of " + file + " did not stop within 10 s");
        }
        writer.close();
    }
}
