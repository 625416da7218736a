package io.hoptrace.proxy.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hoptrace.proxy.ServerConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** PROXY headers as sent and as read back, through Netty's encoder and decoder. */
class ProxyHeadersTest {
    private static InetSocketAddress address(String host, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }

    /** Encodes {@code message} as a sender would and decodes it as the next hop does. */
    private static HAProxyMessage roundTrip(HAProxyMessage message) {
        EmbeddedChannel sender = new EmbeddedChannel(HAProxyMessageEncoder.INSTANCE);
        sender.writeOutbound(message);
        ByteBuf wire = sender.readOutbound();
        EmbeddedChannel receiver = new EmbeddedChannel(new HAProxyMessageDecoder());
        receiver.writeInbound(wire);
        return receiver.readInbound();
    }

    @Test
    void v1CarriesBothAddressesAsText() throws Exception {
        HAProxyMessage m = ProxyHeaders.build(ServerConfig.SendProxy.V1, address("192.0.2.1", 5000),
                address("198.51.100.2", 443), "ignored-by-v1");
        EmbeddedChannel sender = new EmbeddedChannel(HAProxyMessageEncoder.INSTANCE);
        sender.writeOutbound(m);
        ByteBuf wire = sender.readOutbound();
        assertEquals("PROXY TCP4 192.0.2.1 198.51.100.2 5000 443\r\n", wire.toString(StandardCharsets.US_ASCII));
        wire.release();
    }

    @Test
    void v2CarriesTheUniqueIdInItsTlv() throws Exception {
        HAProxyMessage back = roundTrip(ProxyHeaders.build(ServerConfig.SendProxy.V2,
                address("192.0.2.1", 5000), address("198.51.100.2", 443), "7F000001:1F90_0001"));
        ProxyHeaders.Received r = ProxyHeaders.read(back);
        back.release();
        assertEquals(address("192.0.2.1", 5000), r.source());
        assertEquals(address("198.51.100.2", 443), r.destination());
        assertEquals("7F000001:1F90_0001", r.uniqueId());
    }

    @Test
    void v2WithoutAUniqueIdHasNoTlv() throws Exception {
        HAProxyMessage back = roundTrip(ProxyHeaders.build(ServerConfig.SendProxy.V2, address("::1", 1),
                address("::1", 2), null));
        assertEquals(0, back.tlvs().size());
        ProxyHeaders.Received r = ProxyHeaders.read(back);
        back.release();
        assertNull(r.uniqueId());
        assertEquals(address("::1", 1), r.source());
    }

    @Test
    void mixedFamiliesAreSentAsTcp6WithTheIpv4AddressMapped() throws Exception {
        HAProxyMessage m = ProxyHeaders.build(ServerConfig.SendProxy.V2, address("192.0.2.1", 5000),
                address("2001:db8::1", 443), null);
        assertEquals(HAProxyProxiedProtocol.TCP6, m.proxiedProtocol());
        HAProxyMessage back = roundTrip(m);
        ProxyHeaders.Received r = ProxyHeaders.read(back);
        back.release();
        assertEquals(address("192.0.2.1", 5000), r.source(), "::ffff:192.0.2.1 reads back as the IPv4 client");
    }

    @Test
    void aLocalCommandCarriesNoAddresses() {
        EmbeddedChannel receiver = new EmbeddedChannel(new HAProxyMessageDecoder());
        byte[] local = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, 0x20, 0x00, 0, 0};
        receiver.writeInbound(Unpooled.wrappedBuffer(local));
        HAProxyMessage m = receiver.readInbound();
        ProxyHeaders.Received r = ProxyHeaders.read(m);
        m.release();
        assertNull(r.source());
        assertNull(r.destination());
    }

    @Test
    void aUniqueIdIsCutAt128BytesAsTheSpecificationAllows() throws Exception {
        HAProxyMessage back = roundTrip(ProxyHeaders.build(ServerConfig.SendProxy.V2,
                address("192.0.2.1", 5000), address("198.51.100.2", 443), "u".repeat(200)));
        ProxyHeaders.Received r = ProxyHeaders.read(back);
        back.release();
        assertEquals("u".repeat(128), r.uniqueId());
    }

}
