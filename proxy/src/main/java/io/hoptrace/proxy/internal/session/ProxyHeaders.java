package io.hoptrace.proxy.internal.session;

import io.hoptrace.proxy.ServerConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.handler.codec.haproxy.HAProxyTLV;
import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The PROXY protocol headers a session receives ({@code accept-proxy}) and sends ({@code send-proxy},
 * {@code send-proxy-v2}), per haproxy.org/download/2.6/doc/proxy-protocol.txt; the wire format itself is
 * Netty's codec-haproxy.
 */
final class ProxyHeaders {
    /** proxy-protocol.txt section 2.2: PP2_TYPE_UNIQUE_ID, the unique id of the connection (up to 128 bytes). */
    static final byte PP2_TYPE_UNIQUE_ID = 0x05;
    private static final int MAX_UNIQUE_ID_BYTES = 128;

    /** What a received header said: the original client and destination, and the unique id TLV if any. */
    record Received(InetSocketAddress source, InetSocketAddress destination, String uniqueId) {
    }

    private ProxyHeaders() {
    }

    /**
     * Reads a decoded header. A {@code LOCAL} command (health checks) or an {@code UNKNOWN} protocol carries no
     * addresses: the connection's own are used, as the specification says.
     */
    static Received read(HAProxyMessage m) {
        InetSocketAddress source = null;
        InetSocketAddress destination = null;
        if (m.command() == HAProxyCommand.PROXY && (m.proxiedProtocol() == HAProxyProxiedProtocol.TCP4
                || m.proxiedProtocol() == HAProxyProxiedProtocol.TCP6)) {
            source = address(m.sourceAddress(), m.sourcePort());
            destination = address(m.destinationAddress(), m.destinationPort());
        }
        String uniqueId = null;
        for (HAProxyTLV tlv : m.tlvs()) {
            if (tlv.typeByteValue() == PP2_TYPE_UNIQUE_ID && tlv.content().isReadable()) {
                uniqueId = tlv.content().toString(StandardCharsets.UTF_8);
            }
        }
        return new Received(source, destination, uniqueId);
    }

    private static InetSocketAddress address(String host, int port) {
        // Netty parsed and validated the literal; this never resolves a name.
        InetAddress a = NetUtil.createInetAddressFromIpAddressString(host);
        return a == null ? null : new InetSocketAddress(a, port);
    }

    /**
     * The header that opens a server connection. Mixed families are sent as TCP6 with the IPv4 address mapped
     * (::ffff:a.b.c.d), as HAProxy does. The unique id travels in a v2 TLV only (v1 has no room for it).
     */
    static HAProxyMessage build(ServerConfig.SendProxy version, InetSocketAddress source,
                                InetSocketAddress destination, String uniqueId) {
        InetAddress s = source.getAddress();
        InetAddress d = destination.getAddress();
        boolean v4 = s instanceof Inet4Address && d instanceof Inet4Address;
        HAProxyProtocolVersion v = version == ServerConfig.SendProxy.V1 ? HAProxyProtocolVersion.V1
                : HAProxyProtocolVersion.V2;
        List<HAProxyTLV> tlvs = List.of();
        if (v == HAProxyProtocolVersion.V2 && uniqueId != null) {
            ByteBuf id = Unpooled.buffer(ByteBufUtil.utf8MaxBytes(uniqueId));
            ByteBufUtil.writeUtf8(id, uniqueId);
            if (id.readableBytes() > MAX_UNIQUE_ID_BYTES) {
                id.writerIndex(MAX_UNIQUE_ID_BYTES);
            }
            tlvs = List.of(new HAProxyTLV(PP2_TYPE_UNIQUE_ID, id));
        }
        return new HAProxyMessage(v, HAProxyCommand.PROXY,
                v4 ? HAProxyProxiedProtocol.TCP4 : HAProxyProxiedProtocol.TCP6,
                text(s, v4), text(d, v4), source.getPort(), destination.getPort(), tlvs);
    }

    private static String text(InetAddress a, boolean v4) {
        if (!v4 && a instanceof Inet4Address) {
            return "::ffff:" + NetUtil.toAddressString(a);
        }
        return NetUtil.toAddressString(a);
    }
}
