package io.hoptrace.correlator;

import io.hoptrace.correlator.internal.flow.FlowAddresses;
import io.hoptrace.events.Endpoint;
import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the packets of TCP conversations for tests, with consistent sequence numbers and real frames, at times
 * given in milliseconds after {@link #BASE_NANOS}.
 */
public final class TestPackets {
    /** 2026-01-01T00:00:00Z. */
    public static final long BASE_NANOS = 1_767_225_600_000_000_000L;
    public static final int LINKTYPE_ETHERNET = 1;

    private final int capture;
    private final List<TestPacket> packets = new ArrayList<>();
    private int ipId = 100;
    private long isn = 1_000_000;

    public TestPackets(int capture) {
        this.capture = capture;
    }

    public static long nanos(double ms) {
        return BASE_NANOS + Math.round(ms * 1_000_000);
    }

    public static long micros(double ms) {
        return nanos(ms) / 1000;
    }

    public Conversation conversation(String client, String server) {
        return new Conversation(Endpoint.parse(client), Endpoint.parse(server));
    }

    public List<TestPacket> packets() {
        return packets;
    }

    public ListPacketSource source(String name) {
        return new ListPacketSource(name, packets);
    }

    public TestPackets add(TestPacket p) {
        packets.add(p);
        return this;
    }

    /** One TCP connection's packets, in both directions. */
    public final class Conversation {
        private final Endpoint client;
        private final Endpoint server;
        private long clientSeq;
        private long serverSeq;
        private long lastRequestSeq = -1;
        private int lastRequestBytes;

        private Conversation(Endpoint client, Endpoint server) {
            this.client = client;
            this.server = server;
            this.clientSeq = isn;
            this.serverSeq = isn + 500_000;
            isn += 1_000_000;
        }

        public Conversation handshake(double atMs, double rttMs) {
            raw(atMs, true, Packet.SYN, 0, clientSeq, 0);
            raw(atMs + rttMs / 2, false, Packet.SYN | Packet.ACK, 0, serverSeq, clientSeq + 1);
            clientSeq++;
            serverSeq++;
            raw(atMs + rttMs, true, Packet.ACK, 0, clientSeq, serverSeq);
            return this;
        }

        /** The client sends {@code bytes} of payload. */
        public Conversation request(double atMs, int bytes) {
            lastRequestSeq = clientSeq;
            lastRequestBytes = bytes;
            raw(atMs, true, Packet.PSH | Packet.ACK, bytes, clientSeq, serverSeq);
            clientSeq = (clientSeq + bytes) & 0xffff_ffffL;
            return this;
        }

        /** The server sends {@code bytes} of payload. */
        public Conversation response(double atMs, int bytes) {
            raw(atMs, false, Packet.PSH | Packet.ACK, bytes, serverSeq, clientSeq);
            serverSeq = (serverSeq + bytes) & 0xffff_ffffL;
            return this;
        }

        /** The client sends its last request segment again (a new IP id: a real retransmission). */
        public Conversation retransmitRequest(double atMs) {
            raw(atMs, true, Packet.PSH | Packet.ACK, lastRequestBytes, lastRequestSeq, serverSeq);
            return this;
        }

        public Conversation ack(double atMs, boolean fromClient) {
            raw(atMs, fromClient, Packet.ACK, 0, fromClient ? clientSeq : serverSeq,
                    fromClient ? serverSeq : clientSeq);
            return this;
        }

        /** An orderly close started by one side: FIN, FIN back, last ACK. */
        public Conversation fin(double atMs, boolean fromClient) {
            raw(atMs, fromClient, Packet.FIN | Packet.ACK, 0, fromClient ? clientSeq : serverSeq,
                    fromClient ? serverSeq : clientSeq);
            if (fromClient) {
                clientSeq++;
            } else {
                serverSeq++;
            }
            raw(atMs + 0.1, !fromClient, Packet.FIN | Packet.ACK, 0, fromClient ? serverSeq : clientSeq,
                    fromClient ? clientSeq : serverSeq);
            if (fromClient) {
                serverSeq++;
            } else {
                clientSeq++;
            }
            raw(atMs + 0.2, fromClient, Packet.ACK, 0, fromClient ? clientSeq : serverSeq,
                    fromClient ? serverSeq : clientSeq);
            return this;
        }

        public Conversation rst(double atMs, boolean fromClient) {
            raw(atMs, fromClient, Packet.RST | Packet.ACK, 0, fromClient ? clientSeq : serverSeq,
                    fromClient ? serverSeq : clientSeq);
            return this;
        }

        public TestPacket raw(double atMs, boolean fromClient, int flags, int payload, long seq, long ack) {
            Endpoint src = fromClient ? client : server;
            Endpoint dst = fromClient ? server : client;
            TestPacket p = packet(nanos(atMs), src, dst, flags, seq & 0xffff_ffffL, ack & 0xffff_ffffL, payload);
            packets.add(p);
            return p;
        }
    }

    private TestPacket packet(long ts, Endpoint src, Endpoint dst, int flags, long seq, long ack, int payload) {
        boolean v6 = src.address() instanceof Inet6Address;
        int id = v6 ? -1 : (ipId++ & 0xffff);
        byte[] frame = frame(src, dst, v6, id, flags, seq, ack, payload);
        int ipHeader = v6 ? 40 : 20;
        int checksum = ((frame[14 + ipHeader + 16] & 0xff) << 8) | (frame[14 + ipHeader + 17] & 0xff);
        return new TestPacket(ts, capture, 0, LINKTYPE_ETHERNET, v6 ? 6 : 4,
                FlowAddresses.hi(src.address()), FlowAddresses.lo(src.address()),
                FlowAddresses.hi(dst.address()), FlowAddresses.lo(dst.address()), src.port(), dst.port(), flags,
                seq, ack, 65_535, id, checksum, payload, frame);
    }

    /** Ethernet II + IPv4 (RFC 791) or IPv6 (RFC 8200) + TCP (RFC 9293) with correct checksums. */
    static byte[] frame(Endpoint src, Endpoint dst, boolean v6, int ipId, int flags, long seq, long ack,
                        int payload) {
        int ipHeader = v6 ? 40 : 20;
        int tcpLength = 20 + payload;
        ByteBuffer b = ByteBuffer.allocate(14 + ipHeader + tcpLength);
        b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1});
        b.putShort((short) (v6 ? 0x86DD : 0x0800));
        byte[] s = src.address().getAddress();
        byte[] d = dst.address().getAddress();
        if (v6) {
            b.putInt(0x6000_0000).putShort((short) tcpLength).put((byte) 6).put((byte) 64).put(s).put(d);
        } else {
            int at = b.position();
            b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + tcpLength)).putShort((short) ipId)
                    .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0).put(s).put(d);
            b.putShort(at + 10, (short) ~sum(b.array(), at, 20, 0));
        }
        int tcp = b.position();
        b.putShort((short) src.port()).putShort((short) dst.port()).putInt((int) seq).putInt((int) ack)
                .put((byte) 0x50).put((byte) flags).putShort((short) 0xffff).putShort((short) 0).putShort((short) 0);
        for (int i = 0; i < payload; i++) {
            b.put((byte) ('a' + i % 26));
        }
        // Pseudo-header: addresses, protocol, TCP length (RFC 9293 section 3.1; RFC 8200 section 8.1).
        long pseudo = sum(s, 0, s.length, 0) + sum(d, 0, d.length, 0) + 6 + tcpLength;
        b.putShort(tcp + 16, (short) ~sum(b.array(), tcp, tcpLength, pseudo));
        return b.array();
    }

    private static int sum(byte[] a, int from, int length, long initial) {
        long sum = initial;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += ((a[from + i] & 0xff) << 8) | (a[from + i + 1] & 0xff);
        }
        if ((length & 1) != 0) {
            sum += (a[from + length - 1] & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }
}
