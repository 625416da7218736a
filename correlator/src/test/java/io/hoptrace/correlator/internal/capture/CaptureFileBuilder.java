package io.hoptrace.correlator.internal.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Test-side writer of pcap and pcapng bytes, remembering where each packet record starts. */
final class CaptureFileBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Long> packetOffsets = new ArrayList<>();
    private ByteOrder order;

    private CaptureFileBuilder(ByteOrder order) {
        this.order = order;
    }

    /** A classic pcap file header (micro- or nanosecond magic) in the given byte order. */
    static CaptureFileBuilder pcap(ByteOrder order, boolean nanos, int linkType, int snaplen) {
        CaptureFileBuilder b = new CaptureFileBuilder(order);
        b.put(buffer(24, order).putInt(nanos ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2).putShort((short) 4)
                .putInt(0).putInt(0).putInt(snaplen).putInt(linkType));
        return b;
    }

    /** An empty pcapng file; start it with {@link #section}. */
    static CaptureFileBuilder pcapng() {
        return new CaptureFileBuilder(ByteOrder.BIG_ENDIAN);
    }

    /** A pcap record with the whole frame captured. */
    CaptureFileBuilder record(long seconds, long fraction, byte[] frame) {
        return record(seconds, fraction, frame, frame.length, frame.length);
    }

    /** A pcap record keeping the first {@code caplen} bytes of {@code frame}. */
    CaptureFileBuilder record(long seconds, long fraction, byte[] frame, int caplen, int wireLength) {
        packetOffsets.add((long) out.size());
        put(buffer(16, order).putInt((int) seconds).putInt((int) fraction).putInt(caplen).putInt(wireLength));
        out.write(frame, 0, Math.min(caplen, frame.length));
        return this;
    }

    /** A Section Header Block in {@code order}; interfaces start again from 0. */
    CaptureFileBuilder section(ByteOrder order) {
        this.order = order;
        ByteBuffer body = buffer(16, order).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0)
                .putLong(-1L);
        return block(0x0A0D0D0A, body.array());
    }

    CaptureFileBuilder iface(int linkType, int snaplen) {
        return iface(linkType, snaplen, null, null);
    }

    /** An Interface Description Block with optional {@code if_tsresol} (raw byte) and {@code if_tsoffset}. */
    CaptureFileBuilder iface(int linkType, int snaplen, Integer tsresol, Long tsoffsetSeconds) {
        ByteBuffer body = buffer(64, order).putShort((short) linkType).putShort((short) 0).putInt(snaplen);
        if (tsresol != null) {
            body.putShort((short) 9).putShort((short) 1).put((byte) (int) tsresol).put(new byte[3]);
        }
        if (tsoffsetSeconds != null) {
            body.putShort((short) 14).putShort((short) 8).putLong(tsoffsetSeconds);
        }
        body.putShort((short) 0).putShort((short) 0); // opt_endofopt
        return block(1, Arrays.copyOf(body.array(), body.position()));
    }

    CaptureFileBuilder epb(int interfaceId, long units, byte[] frame) {
        return epb(interfaceId, units, frame, frame.length, frame.length);
    }

    /** An Enhanced Packet Block with the timestamp in the interface's units. */
    CaptureFileBuilder epb(int interfaceId, long units, byte[] frame, int caplen, int wireLength) {
        packetOffsets.add((long) out.size());
        ByteBuffer body = buffer(20 + pad4(caplen), order).putInt(interfaceId).putInt((int) (units >>> 32))
                .putInt((int) units).putInt(caplen).putInt(wireLength);
        body.put(frame, 0, caplen);
        return block(6, body.array());
    }

    /** A Simple Packet Block (interface 0, no timestamp). */
    CaptureFileBuilder spb(byte[] frame, int wireLength) {
        packetOffsets.add((long) out.size());
        ByteBuffer body = buffer(4 + pad4(frame.length), order).putInt(wireLength).put(frame);
        return block(3, body.array());
    }

    /** The obsolete Packet Block (type 2): 16-bit interface id and drops count. */
    CaptureFileBuilder obsoletePacketBlock(int interfaceId, long units, byte[] frame) {
        packetOffsets.add((long) out.size());
        ByteBuffer body = buffer(20 + pad4(frame.length), order).putShort((short) interfaceId)
                .putShort((short) 0).putInt((int) (units >>> 32)).putInt((int) units).putInt(frame.length)
                .putInt(frame.length).put(frame);
        return block(2, body.array());
    }

    /** Any block: type, total length, body (padded), total length. */
    CaptureFileBuilder block(int type, byte[] body) {
        int total = 12 + pad4(body.length);
        ByteBuffer b = buffer(total, order).putInt(type).putInt(total).put(body);
        b.position(total - 4);
        b.putInt(total);
        return put(b);
    }

    CaptureFileBuilder raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** Byte offsets of the packet records, in order. */
    List<Long> packetOffsets() {
        return packetOffsets;
    }

    int size() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private CaptureFileBuilder put(ByteBuffer b) {
        out.write(b.array(), 0, b.capacity());
        return this;
    }

    private static ByteBuffer buffer(int size, ByteOrder order) {
        return ByteBuffer.allocate(size).order(order);
    }

    private static int pad4(int n) {
        return (n + 3) & ~3;
    }
}
