package io.hoptrace.cli.internal;

import io.hoptrace.correlator.LiveCapture;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's packet capture: {@link LiveCapture} on an interface with a BPF filter, every frame written as it
 * arrives to a classic pcap file (nanosecond timestamps) through libpcap's own dumper ({@link LiveCapture#writeTo}),
 * read on a thread of its own. The file is then read back like any user's capture.
 */
public final class DemoCapture implements AutoCloseable {
    private final LiveCapture capture;
    private final Thread reader;
    private final AtomicLong packets = new AtomicLong();
    private volatile long lastPacketNanos = System.nanoTime();
    private volatile String failure;

    private DemoCapture(LiveCapture capture) {
        this.capture = capture;
        this.reader = new Thread(this::read, "hoptrace-demo-capture");
        this.reader.setDaemon(true);
    }

    /**
     * Starts capturing on {@code interfaceName} into {@code file}; packets are captured from the moment this
     * returns. Throws {@link IOException} with a one-line reason when capture is not possible here (not root, no
     * libpcap, no such interface).
     */
    public static DemoCapture start(String interfaceName, String filter, Path file) throws IOException {
        LiveCapture capture;
        try {
            capture = LiveCapture.open(interfaceName, filter, 0);
        } catch (LinkageError e) {
            throw new IOException("libpcap cannot be loaded (" + e.getMessage() + ")", e);
        }
        try {
            capture.writeTo(file); // before the reading thread starts, which then reads (and so writes) every packet
        } catch (IOException | RuntimeException e) {
            capture.close();
            Throwable why = e.getCause() != null ? e.getCause() : e; // libpcap's reason, not writeTo's wording
            throw new IOException("cannot write the capture to " + file + ": " + why.getMessage(), e);
        }
        DemoCapture c = new DemoCapture(capture);
        c.reader.start();
        return c;
    }

    private void read() {
        try {
            while (capture.next() != null) { // each packet read is written to the file by the capture
                packets.incrementAndGet();
                lastPacketNanos = System.nanoTime();
            }
        } catch (IOException | RuntimeException e) {
            failure = e.getMessage() != null ? e.getMessage() : e.toString();
        }
    }

    /** Frames written so far. */
    public long packets() {
        return packets.get();
    }

    /** Why the capture stopped early, or null. */
    public String failure() {
        return failure;
    }

    /**
     * Waits until no packet has arrived for {@code quiet} (the last FINs and ACKs of the connections are in),
     * at most {@code max}.
     */
    public void drain(Duration quiet, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline && failure == null) {
            long idle = System.nanoTime() - lastPacketNanos;
            if (idle >= quiet.toNanos()) {
                return;
            }
            Thread.sleep(Math.max(1, (quiet.toNanos() - idle) / 1_000_000));
        }
    }

    /** Stops capturing and closes the file. */
    @Override
    public void close() {
        capture.close(); // and the file: libpcap's dumper flushes it
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
