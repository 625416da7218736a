package io.hoptrace.correlator.internal.input;

import io.hoptrace.correlator.Packet;
import java.nio.ByteBuffer;

/**
 * A run of decoded TCP packets handed from the thread that reads the captures to the thread that tracks
 * connections: the fields connection tracking and duplicate detection use, copied out of the reader's reused view
 * into columns (one primitive array per field), so that the reader can go on decoding while the tracker counts.
 * Batches are allocated once and passed back and forth; {@link #view} reads packet {@code i} without allocating.
 * The frame bytes are not kept: a pass that copies frames (the export) reads on one thread.
 */
final class PacketBatch {
    final int capacity;
    /** TCP packets in the batch. */
    int size;
    /** Packets the reader went through for this batch, TCP or not. */
    int read;
    /** Bytes of the captures consumed when the batch was handed over, for progress. */
    long position;
    /** The last batch: the captures ended (or reading failed, see {@link #failure}). */
    boolean last;
    /** What stopped the reader unexpectedly (a bug, not damaged input, which the merger reports), or null. */
    RuntimeException failure;

    private final long[] timestamp;
    private final long[] srcHi;
    private final long[] srcLo;
    private final long[] dstHi;
    private final long[] dstLo;
    private final long[] seq;
    private final long[] ack;
    private final long[] fileOffset;
    /** Source port in the high half, destination port in the low half. */
    private final int[] ports;
    /** TCP flags in the low byte, IP version in the next, capture index above. */
    private final int[] flagsVersionCapture;
    private final int[] payloadLength;
    private final int[] ipId;
    private final int[] checksumWindow;
    private final int[] interfaceId;
    private final int[] linkType;
    private final int[] capturedLength;
    private final int[] wireLength;
    private final View view = new View();

    PacketBatch(int capacity) {
        this.capacity = capacity;
        timestamp = new long[capacity];
        srcHi = new long[capacity];
        srcLo = new long[capacity];
        dstHi = new long[capacity];
        dstLo = new long[capacity];
        seq = new long[capacity];
        ack = new long[capacity];
        fileOffset = new long[capacity];
        ports = new int[capacity];
        flagsVersionCapture = new int[capacity];
        payloadLength = new int[capacity];
        ipId = new int[capacity];
        checksumWindow = new int[capacity];
        interfaceId = new int[capacity];
        linkType = new int[capacity];
        capturedLength = new int[capacity];
        wireLength = new int[capacity];
    }

    void clear() {
        size = 0;
        read = 0;
        position = 0;
        last = false;
        failure = null;
    }

    boolean full() {
        return size == capacity;
    }

    /** Appends a TCP packet (the reader's view, valid only until its source moves on). */
    void add(Packet p) {
        int i = size++;
        timestamp[i] = p.timestampNanos();
        srcHi[i] = p.srcAddrHi();
        srcLo[i] = p.srcAddrLo();
        dstHi[i] = p.dstAddrHi();
        dstLo[i] = p.dstAddrLo();
        seq[i] = p.seq();
        ack[i] = p.ack();
        fileOffset[i] = p.fileOffset();
        ports[i] = (p.srcPort() << 16) | p.dstPort();
        flagsVersionCapture[i] = p.tcpFlags() | (p.ipVersion() << 8) | (p.captureIndex() << 16);
        payloadLength[i] = p.payloadLength();
        ipId[i] = p.ipId();
        checksumWindow[i] = (p.tcpChecksum() << 16) | p.window();
        interfaceId[i] = p.interfaceId();
        linkType[i] = p.linkType();
        capturedLength[i] = p.capturedLength();
        wireLength[i] = p.wireLength();
    }

    /** Packet {@code i} of this batch: one reused view, valid until the next call. */
    Packet view(int i) {
        view.i = i;
        return view;
    }

    /** Reads the columns at one index; what a capture record said, less the frame bytes. */
    private final class View implements Packet {
        int i;

        @Override
        public long timestampNanos() {
            return timestamp[i];
        }

        @Override
        public int captureIndex() {
            return flagsVersionCapture[i] >>> 16;
        }

        @Override
        public int interfaceId() {
            return interfaceId[i];
        }

        @Override
        public int linkType() {
            return linkType[i];
        }

        @Override
        public int capturedLength() {
            return capturedLength[i];
        }

        @Override
        public int wireLength() {
            return wireLength[i];
        }

        @Override
        public long fileOffset() {
            return fileOffset[i];
        }

        @Override
        public int ipVersion() {
            return (flagsVersionCapture[i] >>> 8) & 0xff;
        }

        @Override
        public boolean isTcp() {
            return true;
        }

        @Override
        public long srcAddrHi() {
            return srcHi[i];
        }

        @Override
        public long srcAddrLo() {
            return srcLo[i];
        }

        @Override
        public long dstAddrHi() {
            return dstHi[i];
        }

        @Override
        public long dstAddrLo() {
            return dstLo[i];
        }

        @Override
        public int srcPort() {
            return ports[i] >>> 16;
        }

        @Override
        public int dstPort() {
            return ports[i] & 0xffff;
        }

        @Override
        public int tcpFlags() {
            return flagsVersionCapture[i] & 0xff;
        }

        @Override
        public long seq() {
            return seq[i];
        }

        @Override
        public long ack() {
            return ack[i];
        }

        @Override
        public int window() {
            return checksumWindow[i] & 0xffff;
        }

        @Override
        public int ipId() {
            return ipId[i];
        }

        @Override
        public int tcpChecksum() {
            return checksumWindow[i] >>> 16;
        }

        @Override
        public int payloadLength() {
            return payloadLength[i];
        }

        @Override
        public ByteBuffer frame() {
            throw new UnsupportedOperationException("a batched packet does not keep its frame bytes");
        }

        @Override
        public int frameOffset() {
            throw new UnsupportedOperationException("a batched packet does not keep its frame bytes");
        }
    }
}
