package io.hoptrace.correlator.internal.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Test-side builders of frame bytes: link headers, IPv4/IPv6 (with options and extension headers), TCP. */
final class Frames {
    static final byte[] V4_SRC = {10, 0, 0, 1};
    static final byte[] V4_DST = {(byte) 192, (byte) 168, 1, 20};
    static final byte[] V6_SRC = bytes(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01);
    static final byte[] V6_DST = bytes(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02);
    static final int TCP = 6;

    private Frames() {
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A TCP segment: header with {@code options} (padded to 4 bytes) and {@code payloadLength} bytes of 'p'. */
    static byte[] tcp(int srcPort, int dstPort, long seq, long ack, int flags, int window, byte[] options,
            int payloadLength) {
        int optionsLength = (options.length + 3) & ~3;
        int headerLength = 20 + optionsLength;
        ByteBuffer b = ByteBuffer.allocate(headerLength + payloadLength);
        b.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt((int) ack);
        b.put((byte) ((headerLength / 4) << 4)).put((byte) flags).putShort((short) window);
        b.putShort((short) 0xBEEF).putShort((short) 0);
        b.put(options);
        for (int i = options.length; i < optionsLength; i++) {
            b.put((byte) 1); // NOP padding
        }
        while (b.hasRemaining()) {
            b.put((byte) 'p');
        }
        return b.array();
    }

    static byte[] tcp(int srcPort, int dstPort, long seq, long ack, int flags, int payloadLength) {
        return tcp(srcPort, dstPort, seq, ack, flags, 65535, new byte[0], payloadLength);
    }

    /** An IPv4 packet; {@code flagsFragment} is the 16-bit flags + fragment offset field. */
    static byte[] ipv4(byte[] src, byte[] dst, int id, int flagsFragment, byte[] options, int protocol,
            byte[] payload) {
        int headerLength = 20 + ((options.length + 3) & ~3);
        ByteBuffer b = ByteBuffer.allocate(headerLength + payload.length);
        b.put((byte) (0x40 | headerLength / 4)).put((byte) 0).putShort((short) (headerLength + payload.length));
        b.putShort((short) id).putShort((short) flagsFragment).put((byte) 64).put((byte) protocol);
        b.putShort((short) 0).put(src).put(dst).put(options);
        for (int i = options.length; i < headerLength - 20; i++) {
            b.put((byte) 0);
        }
        b.put(payload);
        return b.array();
    }

    static byte[] ipv4(int id, byte[] tcpSegment) {
        return ipv4(V4_SRC, V4_DST, id, 0x4000, new byte[0], TCP, tcpSegment);
    }

    /** An IPv6 packet whose payload (extension headers included) starts with header {@code nextHeader}. */
    static byte[] ipv6(byte[] src, byte[] dst, int nextHeader, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(40 + payload.length);
        b.putInt(0x6000_0000).putShort((short) payload.length).put((byte) nextHeader).put((byte) 64);
        b.put(src).put(dst).put(payload);
        return b.array();
    }

    static byte[] ipv6(byte[] tcpSegment) {
        return ipv6(V6_SRC, V6_DST, TCP, tcpSegment);
    }

    /** Hop-by-hop, routing or destination options header of {@code units8} * 8 + 8 bytes. */
    static byte[] ipv6OptionsHeader(int nextHeader, int units8) {
        byte[] h = new byte[(units8 + 1) * 8];
        h[0] = (byte) nextHeader;
        h[1] = (byte) units8;
        h[2] = 1; // PadN covering the rest
        h[3] = (byte) (h.length - 4);
        return h;
    }

    static byte[] ipv6FragmentHeader(int nextHeader, int offset8, boolean more) {
        ByteBuffer b = ByteBuffer.allocate(8);
        b.put((byte) nextHeader).put((byte) 0).putShort((short) ((offset8 << 3) | (more ? 1 : 0))).putInt(0x1234);
        return b.array();
    }

    static byte[] ethernet(int etherType, byte[] payload, int... vlanTpids) {
        ByteBuffer b = ByteBuffer.allocate(14 + 4 * vlanTpids.length + payload.length);
        b.put(bytes(2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1));
        for (int tpid : vlanTpids) {
            b.putShort((short) tpid).putShort((short) 42);
        }
        b.putShort((short) etherType).put(payload);
        return b.array();
    }

    static byte[] sll(int protocol, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(16 + payload.length);
        b.putShort((short) 0).putShort((short) 1).putShort((short) 6).put(bytes(2, 0, 0, 0, 0, 1, 0, 0));
        b.putShort((short) protocol).put(payload);
        return b.array();
    }

    static byte[] sll2(int protocol, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.putShort((short) protocol).putShort((short) 0).putInt(3).putShort((short) 1).put((byte) 0)
                .put((byte) 6).put(bytes(2, 0, 0, 0, 0, 1, 0, 0));
        b.put(payload);
        return b.array();
    }

    /** BSD loopback (LINKTYPE_NULL): the family in the given byte order. */
    static byte[] bsdNull(int family, ByteOrder order, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + payload.length).order(order);
        b.putInt(family).put(payload);
        return b.array();
    }

    /** OpenBSD loopback (LINKTYPE_LOOP): the family in network order. */
    static byte[] loop(int family, byte[] payload) {
        return bsdNull(family, ByteOrder.BIG_ENDIAN, payload);
    }
}
