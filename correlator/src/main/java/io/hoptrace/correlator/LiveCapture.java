package io.hoptrace.correlator;

import io.hoptrace.correlator.internal.capture.DecodedPacket;
import io.hoptrace.correlator.internal.capture.LinkLayerDecoder;
import io.hoptrace.correlator.internal.capture.PcapLibraryLocator;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.concurrent.TimeoutException;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapDumper;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;

/**
 * Packets from a live interface through libpcap (pcap4j), decoded like file packets. Not promiscuous, snap
 * length 262144, a short read timeout so that packets arrive within 100 ms. {@link #next()} blocks until a packet
 * arrives and returns null once closed; {@link #close()} may be called from another thread to stop a blocked
 * {@link #next()}. {@link #poll()} also returns null when {@link #wakeup()} is called from another thread, so that
 * one thread can both read packets and do timed work; {@link #setFilter} changes the filter on that thread.
 *
 * <p>Not immediate mode: libpcap then uses a TPACKET_V2 ring (pcap-linux.c, {@code prepare_tpacket_socket}),
 * whose fixed frames are sized for the interface's MTU, so on {@code lo} (MTU 65536) the default 2 MiB ring
 * holds about 30 packets and a reader a few milliseconds behind loses packets. The default TPACKET_V3 ring packs
 * packets into 256 KiB blocks, each handed over when full or after the read timeout; {@link #BUFFER_BYTES} of
 * them keep several seconds of a stalled reader's light traffic.
 *
 * <p>pcap4j allocates per packet (it returns a new array and timestamp), which is fine at live rates; the
 * bytes are copied into one reused buffer and decoded by the same decoders as files.
 */
public final class LiveCapture implements PacketSource {
    public static final int SNAPLEN = 262_144;
    private static final int READ_TIMEOUT_MILLIS = 100;
    /** The kernel ring: 32 TPACKET_V3 blocks of 256 KiB. */
    public static final int BUFFER_BYTES = 8 << 20;

    private final String interfaceName;
    private final PcapHandle handle;
    private final int linkType;
    private final DecodedPacket packet;
    private ByteBuffer frame = ByteBuffer.allocate(2048);
    private volatile boolean closed;
    /** libpcap said the capture is over (broken out of by {@link #close()}, or closed). */
    private volatile boolean ended;
    /** Where every packet read is also written ({@link #writeTo}), or null. */
    private volatile PcapDumper dumper;

    private LiveCapture(String interfaceName, PcapHandle handle, int captureIndex) {
        this.interfaceName = interfaceName;
        this.handle = handle;
        this.linkType = handle.getDlt().value();
        this.packet = new DecodedPacket(captureIndex);
    }

    /**
     * Starts capturing on {@code interfaceName} (e.g. {@code lo}) with a BPF {@code filter} in pcap-filter(7)
     * syntax (see {@link BpfFilters}); null or blank captures everything. Needs root or CAP_NET_RAW.
     */
    public static LiveCapture open(String interfaceName, String filter, int captureIndex) throws IOException {
        try {
            PcapLibraryLocator.configure();
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
        PcapHandle handle;
        try {
            handle = new PcapHandle.Builder(interfaceName)
                    .snaplen(SNAPLEN)
                    .promiscuousMode(PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                    .timeoutMillis(READ_TIMEOUT_MILLIS)
                    .bufferSize(BUFFER_BYTES)
                    .timestampPrecision(PcapHandle.TimestampPrecision.NANO)
                    .build();
        } catch (PcapNativeException e) {
            throw new IOException("cannot capture on interface '" + interfaceName + "': " + e.getMessage()
                    + " (capturing needs root or the CAP_NET_RAW capability, and an existing interface)", e);
        }
        try {
            if (filter != null && !filter.isBlank()) {
                handle.setFilter(filter, BpfProgram.BpfCompileMode.OPTIMIZE);
            }
            return new LiveCapture(interfaceName, handle, captureIndex);
        } catch (PcapNativeException | NotOpenException e) {
            handle.close();
            throw new IOException("capture filter '" + filter + "' on interface '" + interfaceName
                    + "' rejected by libpcap: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return interfaceName;
    }

    /** The interface's link type (LINKTYPE_*), e.g. 1 (Ethernet) for {@code lo} on Linux. */
    public int linkType() {
        return linkType;
    }

    @Override
    public Packet next() throws IOException {
        while (!closed && !ended) {
            Packet p = poll();
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /**
     * The next packet, or null when {@link #wakeup()} was called, the read timeout passed, or the capture is closed
     * ({@link #isClosed()} tells): for a reader that has other work to do between packets, on the same thread.
     * Without traffic this blocks until {@link #wakeup()}: libpcap's TPACKET_V3 ring hands over a block on the read
     * timeout only when it holds packets (the kernel re-arms the timer of an empty block, af_packet.c
     * {@code prb_retire_rx_blk_timer_expired}), so the read timeout alone does not end an idle wait.
     */
    public Packet poll() throws IOException {
        if (closed || ended) {
            return null;
        }
        byte[] raw;
        try {
            raw = handle.getNextRawPacketEx();
        } catch (TimeoutException e) {
            return null; // the read timeout
        } catch (EOFException e) {
            if (closed) {
                ended = true; // broken out of by close()
            }
            return null; // or by wakeup()
        } catch (NotOpenException e) {
            ended = true;
            return null;
        } catch (PcapNativeException e) {
            if (closed) {
                return null;
            }
            throw new IOException("capture on interface '" + interfaceName + "' failed: " + e.getMessage(), e);
        }
        Timestamp ts = handle.getTimestamp();
        Integer wire = handle.getOriginalLength();
        PcapDumper d = dumper;
        if (d != null) {
            try {
                d.dumpRaw(raw, ts);
            } catch (NotOpenException e) {
                // closed by close() meanwhile
            }
        }
        if (raw.length > frame.capacity()) {
            frame = ByteBuffer.allocate(Math.max(raw.length, frame.capacity() * 2));
        }
        frame.clear();
        frame.put(raw, 0, raw.length);
        long nanos = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
        packet.setRecord(nanos, 0, linkType, raw.length, wire == null ? raw.length : wire, -1, frame, 0);
        LinkLayerDecoder.decode(packet);
        return packet;
    }

    /**
     * Makes a {@link #poll()} blocked in this capture (or the next one) return null now; safe from any thread.
     * libpcap 1.10 wakes a blocked read through an eventfd ({@code pcap_breakloop}).
     */
    public void wakeup() {
        if (closed) {
            return;
        }
        try {
            handle.breakLoop();
        } catch (NotOpenException e) {
            // closed meanwhile: the reader returns anyway
        }
    }

    /**
     * Packets the kernel dropped since the capture opened because the reader did not take them in time (libpcap's
     * {@code ps_drop}: for a TPACKET_V3 ring, packets that found the ring full); -1 when libpcap cannot tell, or
     * once closed. Call it on the reading thread.
     */
    public long droppedPackets() {
        if (closed || ended) {
            return -1;
        }
        try {
            return handle.getStats().getNumPacketsDropped();
        } catch (PcapNativeException | NotOpenException e) {
            return -1;
        }
    }

    /**
     * Also writes every packet read from now on to {@code file}, with libpcap's own writer (what {@code tcpdump -w}
     * writes: classic pcap, nanosecond timestamps, the interface's link type); the file is complete once the
     * capture is closed. Call it on the reading thread, once.
     */
    public void writeTo(Path file) throws IOException {
        if (dumper != null) {
            throw new IllegalStateException("this capture already writes to a file");
        }
        try {
            dumper = handle.dumpOpen(file.toString());
        } catch (PcapNativeException | NotOpenException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** True once {@link #close()} was called (or the capture ended). */
    public boolean isClosed() {
        return closed || ended;
    }

    /**
     * Replaces the BPF filter (pcap-filter(7) syntax; blank: everything), e.g. widened when new endpoints are to be
     * captured. Call it on the reading thread, between reads. libpcap filters the packets already waiting in the
     * kernel ring again with the new filter, so none that the new filter passes are lost, except any that arrive
     * during the few microseconds the kernel socket filter is being swapped (pcap-linux.c,
     * {@code set_kernel_filter}).
     */
    public void setFilter(String filter) throws IOException {
        try {
            handle.setFilter(filter == null ? "" : filter, BpfProgram.BpfCompileMode.OPTIMIZE);
        } catch (PcapNativeException | NotOpenException e) {
            throw new IOException("capture filter '" + filter + "' on interface '" + interfaceName
                    + "' rejected by libpcap: " + e.getMessage(), e);
        }
    }

    /** Stops the capture; safe from any thread, and more than once. A blocked {@link #next()} returns null. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            handle.breakLoop(); // wakes a reader blocked in pcap_next_ex (libpcap 1.10 uses an eventfd for it)
        } catch (NotOpenException e) {
            // already closed
        }
        // pcap4j's close takes the handle's write lock, so it waits for a read in progress to return.
        handle.close();
        PcapDumper d = dumper;
        if (d != null) {
            d.close(); // waits for a write in progress (pcap4j's dumper lock), then flushes the file
        }
    }
}
