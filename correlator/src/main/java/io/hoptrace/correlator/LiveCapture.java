package io.hoptrace.correlator;

import io.hoptrace.correlator.internal.capture.DecodedPacket;
import io.hoptrace.correlator.internal.capture.LinkLayerDecoder;
import io.hoptrace.correlator.internal.capture.PcapLibraryLocator;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.util.concurrent.TimeoutException;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;

/**
 * Packets from a live interface through libpcap (pcap4j), decoded like file packets. Not promiscuous, snap
 * length 262144, a short read timeout so that packets arrive within 100 ms. {@link #next()} blocks until a packet
 * arrives and returns null once closed; {@link #close()} may be called from another thread to stop a blocked
 * {@link #next()}.
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
        while (!closed) {
            byte[] raw;
            try {
                raw = handle.getNextRawPacketEx();
            } catch (TimeoutException e) {
                continue; // the read timeout: look at the closed flag again
            } catch (EOFException | NotOpenException e) {
                return null; // broken out of by close(), or closed
            } catch (PcapNativeException e) {
                if (closed) {
                    return null;
                }
                throw new IOException("capture on interface '" + interfaceName + "' failed: " + e.getMessage(), e);
            }
            Timestamp ts = handle.getTimestamp();
            Integer wire = handle.getOriginalLength();
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
        return null;
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
    }
}
