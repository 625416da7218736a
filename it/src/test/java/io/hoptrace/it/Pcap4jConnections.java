package io.hoptrace.it;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.FourTuple;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.TcpPacket;

/**
 * The independent count: a capture file decoded by pcap4j (libpcap reads the file, pcap4j's packet factories
 * decode Ethernet, IPv4/IPv6 and TCP), connections told apart by four-tuple and a new SYN after an end, packets
 * and payload bytes counted per direction. Nothing of hoptrace's reader, flow table or matching is used.
 */
final class Pcap4jConnections {
    /** What one direction carried. */
    record Direction(long packets, long bytes, boolean fin, boolean rst) {
    }

    /**
     * One connection instance: {@code tuple} from the sender of its SYN to its receiver, {@code instance} the
     * number of earlier instances of the same four-tuple, and the start of what the initiator sent.
     */
    record Connection(FourTuple tuple, int instance, Direction up, Direction down, String upStart) {
        /** True when the initiator's first bytes contain {@code hello <tag>} (after a PROXY header, if any). */
        boolean carries(String tag) {
            return upStart.contains("hello " + tag + "\n");
        }
    }

    private static final int KEPT_PAYLOAD = 512;

    private final List<Connection> connections;

    private Pcap4jConnections(List<Connection> connections) {
        this.connections = connections;
    }

    static Pcap4jConnections read(Path file) throws Exception {
        Map<Set<Endpoint>, Builder> latest = new HashMap<>();
        Map<Set<Endpoint>, Integer> instances = new HashMap<>();
        List<Builder> all = new ArrayList<>();
        try (PcapHandle h = Pcaps.openOffline(file.toString(), PcapHandle.TimestampPrecision.NANO)) {
            while (true) {
                Packet packet;
                try {
                    packet = h.getNextPacketEx();
                } catch (EOFException e) {
                    break;
                } catch (TimeoutException e) {
                    continue; // not for files, but declared
                }
                TcpPacket tcp = packet.get(TcpPacket.class);
                if (tcp == null) {
                    continue;
                }
                InetAddress src;
                InetAddress dst;
                IpV4Packet v4 = packet.get(IpV4Packet.class);
                if (v4 != null) {
                    src = v4.getHeader().getSrcAddr();
                    dst = v4.getHeader().getDstAddr();
                } else {
                    IpV6Packet v6 = packet.get(IpV6Packet.class);
                    src = v6.getHeader().getSrcAddr();
                    dst = v6.getHeader().getDstAddr();
                }
                TcpPacket.TcpHeader th = tcp.getHeader();
                Endpoint from = Endpoint.of(src, th.getSrcPort().valueAsInt());
                Endpoint to = Endpoint.of(dst, th.getDstPort().valueAsInt());
                Set<Endpoint> key = Set.of(from, to);
                Builder b = latest.get(key);
                if (th.getSyn() && !th.getAck() && (b == null || b.ended())) {
                    int instance = instances.merge(key, 1, Integer::sum) - 1;
                    b = new Builder(new FourTuple(from, to), instance);
                    latest.put(key, b);
                    all.add(b);
                } else if (b == null) {
                    throw new IllegalStateException(file + ": a packet " + from + " -> " + to
                            + " of a connection whose SYN the capture did not see");
                }
                b.add(from, tcp, th);
            }
        }
        List<Connection> out = new ArrayList<>();
        for (Builder b : all) {
            out.add(b.build());
        }
        return new Pcap4jConnections(out);
    }

    List<Connection> all() {
        return connections;
    }

    /** The connections whose initiator sent {@code hello <tag>}: one per hop of that client connection. */
    List<Connection> carrying(String tag) {
        return connections.stream().filter(c -> c.carries(tag)).toList();
    }

    private static final class Builder {
        private final FourTuple tuple;
        private final int instance;
        private final long[] packets = new long[2];
        private final long[] bytes = new long[2];
        private final boolean[] fin = new boolean[2];
        private final boolean[] rst = new boolean[2];
        private final ByteArrayOutputStream upStart = new ByteArrayOutputStream();

        Builder(FourTuple tuple, int instance) {
            this.tuple = tuple;
            this.instance = instance;
        }

        void add(Endpoint from, TcpPacket tcp, TcpPacket.TcpHeader th) {
            int d = from.equals(tuple.client()) ? 0 : 1;
            packets[d]++;
            int payload = tcp.getPayload() == null ? 0 : tcp.getPayload().length();
            bytes[d] += payload;
            fin[d] |= th.getFin();
            rst[d] |= th.getRst();
            if (d == 0 && payload > 0 && upStart.size() < KEPT_PAYLOAD) {
                upStart.writeBytes(tcp.getPayload().getRawData());
            }
        }

        boolean ended() {
            return rst[0] || rst[1] || (fin[0] && fin[1]);
        }

        Connection build() {
            return new Connection(tuple, instance, new Direction(packets[0], bytes[0], fin[0], rst[0]),
                    new Direction(packets[1], bytes[1], fin[1], rst[1]),
                    upStart.toString(StandardCharsets.ISO_8859_1));
        }
    }
}
