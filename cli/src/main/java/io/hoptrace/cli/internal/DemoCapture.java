package io.hoptrace.cli.internal;

import io.hoptrace.correlator.LiveCapture;
import io.hoptrace.correlator.Packet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapDumper;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;

/**
 * The demo's packet capture: {@link LiveCapture} on an interface with a BPF filter, every frame written as it
 * arrives to a classic pcap file (nanosecond timestamps) through libpcap's own dumper, on a thread of its own.
 * The file is then read back like any user's capture.
 */
public final class DemoCapture implements AutoCloseable {
    private final LiveCapture capture;
    private final PcapHandle dead;
    private final PcapDumper dumper;
    private final Thread reader;
    private final AtomicLong packets = new AtomicLong();
    private volatile long lastPacketNanos = System.nanoTime();
    private volatile String failure;

    private DemoCapture(LiveCapture capture, PcapHandle dead, PcapDumper dumper) {
        this.capture = capture;
        this.dead = dead;
        this.dumper = dumper;
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
        PcapHandle dead = null;
        try {
            dead = Pcaps.openDead(DataLinkType.getInstance(capture.linkType()), LiveCapture.SNAPLEN,
                    PcapHandle.TimestampPrecision.NANO);
            PcapDumper dumper = dead.dumpOpen(file.toString());
            DemoCapture c = new DemoCapture(capture, dead, dumper);
            c.reader.start();
            return c;
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            capture.close();
            if (dead != null) {
                dead.close();
            }
            throw new IOException("cannot write the capture to " + file + ": " + e.getMessage(), e);
        }
    }

    private void read() {
        try {
            for (Packet p; (p = capture.next()) != null; ) {
                byte[] frame = new byte[p.capturedLength()];
                ByteBuffer b = p.frame();
                for (int i = 0; i < frame.length; i++) {
                    frame[i] = b.get(p.frameOffset() + i);
                }
                long nanos = p.timestampNanos();
                Timestamp ts = new Timestamp(Math.floorDiv(nanos, 1_000_000_000L) * 1000);
                ts.setNanos((int) Math.floorMod(nanos, 1_000_000_000L));
                dumper.dumpRaw(frame, ts);
                packets.incrementAndGet();
                lastPacketNanos = System.nanoTime();
            }
        } catch (IOException | NotOpenException | RuntimeException e) {
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
        capture.close();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            dumper.flush();
        } catch (PcapNativeException | NotOpenException e) {
            // closing anyway
        }
        dumper.close();
        dead.close();
    }
}
