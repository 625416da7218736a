package io.hoptrace.proxy.internal.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * The server connection's handler: hands every event to its {@link ProxySession}, naming the channel, since a
 * session may have abandoned earlier connection attempts.
 */
final class BackendHandler extends ChannelInboundHandlerAdapter {
    private final ProxySession session;

    BackendHandler(ProxySession session) {
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            session.forwarder.backRead(ctx.channel(), buf);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        session.forwarder.backReadComplete(ctx.channel());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ChannelInputShutdownEvent.INSTANCE) {
            session.forwarder.backEof(ctx.channel());
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        session.forwarder.backWritable(ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        session.forwarder.backError(ctx.channel(), cause);
    }
}
