package io.hoptrace.proxy.internal.frontend;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import java.util.function.Consumer;

/**
 * The handler of a frontend's listening channels: counts each accepted connection at the {@link AcceptGate},
 * lets {@code initializer} build the session and its pipeline, and registers the connection with an I/O loop.
 * It replaces Netty's ServerBootstrap acceptor so that the session is created at accept time, on the listener
 * loop, in accept order.
 */
@ChannelHandler.Sharable
public final class ListenerHandler extends ChannelInboundHandlerAdapter {
    private final FrontendRuntime frontend;
    private final AcceptGate gate;
    private final EventLoopGroup ioGroup;
    private final Consumer<Channel> initializer;
    private final ChannelFutureListener registered;

    public ListenerHandler(FrontendRuntime frontend, AcceptGate gate, EventLoopGroup ioGroup,
                           Consumer<Channel> initializer) {
        this.frontend = frontend;
        this.gate = gate;
        this.ioGroup = ioGroup;
        this.initializer = initializer;
        this.registered = this::onRegistered;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel child = (Channel) msg;
        gate.accepted(frontend);
        try {
            initializer.accept(child);
            ioGroup.next().register(child).addListener(registered);
        } catch (RuntimeException e) {
            child.unsafe().closeForcibly();
            gate.released(frontend);
            throw e;
        }
    }

    private void onRegistered(ChannelFuture f) {
        if (!f.isSuccess()) {
            // The session never started (its loop is shutting down): it holds no resources but its count.
            f.channel().unsafe().closeForcibly();
            gate.released(frontend);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        gate.acceptFailed();
    }
}
