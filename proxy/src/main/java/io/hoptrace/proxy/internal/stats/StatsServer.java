package io.hoptrace.proxy.internal.stats;

import io.hoptrace.proxy.StatsSocketConfig;
import io.hoptrace.proxy.internal.ProxyContext;
import io.hoptrace.proxy.internal.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * One {@code stats socket}: a Unix or TCP listener on the event dispatcher's loop, whose connections speak the
 * protocol of {@link StatsCommandHandler} (docs/protocol.md). Request lines are limited to 16 KiB by a
 * fail-fast line decoder: a longer line is refused and never buffered.
 */
public final class StatsServer {
    private final StatsSocketConfig config;
    private final Channel listener;
    private final UnixSocketBinder.Bound unix;
    private final ChannelGroup connections;

    private StatsServer(StatsSocketConfig config, Channel listener, UnixSocketBinder.Bound unix,
                        ChannelGroup connections) {
        this.config = config;
        this.listener = listener;
        this.unix = unix;
        this.connections = connections;
    }

    /** Binds the socket; throws {@link IOException} naming the address and the configuration line. */
    public static StatsServer bind(StatsSocketConfig config, ProxyContext proxy, Transport transport,
                                   EventLoop loop) throws IOException {
        ChannelGroup connections = new DefaultChannelGroup(loop);
        long queue = proxy.bus().queueBytes();
        ServerBootstrap b = new ServerBootstrap()
                .group(loop, loop)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                // The subscriber's event queue is this channel's outbound buffer (EventSubscriber).
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark((int) Math.min(Integer.MAX_VALUE, queue / 2),
                                (int) Math.min(Integer.MAX_VALUE, queue)))
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(new LineBasedFrameDecoder(StatsCommandHandler.MAX_LINE, true, true));
                        ch.pipeline().addLast(new StatsCommandHandler(proxy, config.level()));
                    }
                });
        try {
            if (config.unixPath() != null) {
                b.channel(transport.serverDomainSocketChannel());
                UnixSocketBinder.Bound bound = UnixSocketBinder.bind(config,
                        path -> sync(b.bind(transport.domainSocketAddress(path))));
                return new StatsServer(config, bound.channel(), bound, connections);
            }
            b.channel(transport.serverSocketChannel());
            return new StatsServer(config, sync(b.bind(config.tcpAddress())), null, connections);
        } catch (IOException e) {
            throw new IOException("stats socket " + config.describe() + " (" + config.location() + "): "
                    + e.getMessage(), e);
        }
    }

    private static Channel sync(ChannelFuture f) throws IOException {
        f.awaitUninterruptibly();
        if (!f.isSuccess()) {
            Throwable c = f.cause();
            throw c instanceof IOException io ? io : new IOException(c.getMessage(), c);
        }
        return f.channel();
    }

    public StatsSocketConfig config() {
        return config;
    }

    /** The bound address: a {@link UnixDomainSocketAddress}, or the {@link InetSocketAddress} (real port). */
    public SocketAddress address() {
        if (unix != null) {
            return UnixDomainSocketAddress.of(unix.path());
        }
        return listener.localAddress();
    }

    public Path unixPath() {
        return unix == null ? null : unix.path();
    }

    /** Stops accepting (the Unix socket file goes away at once, so no client connects to a dead path). */
    public void closeListener() {
        listener.close().awaitUninterruptibly();
        if (unix != null) {
            unix.unlink();
        }
    }

    /** Closes the open connections (subscribers were closed after a flush before, see EventBus). */
    public void closeConnections() {
        connections.close().awaitUninterruptibly();
    }
}
