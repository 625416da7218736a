package io.hoptrace.proxy.internal.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.util.ReferenceCountUtil;

/** The client connection's handler: hands every event to its {@link ProxySession}. */
final class FrontendHandler extends ChannelInboundHandlerAdapter {
    private final ProxySession session;

    FrontendHandler(ProxySession session) {
        this.session = session;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        session.frontActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            session.forwarder.frontRead(buf);
        } else if (msg instanceof HAProxyMessage header) {
            session.proxyHeader(header);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        session.forwarder.frontReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ChannelInputShutdownEvent.INSTANCE) {
            session.forwarder.frontEof();
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        session.forwarder.frontWritable();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.closer.frontInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        session.forwarder.frontError(cause);
    }
}
