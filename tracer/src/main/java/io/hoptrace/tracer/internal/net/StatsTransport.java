package io.hoptrace.tracer.internal.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event loops and channel types the tracer connects with: native epoll where available (Unix domain sockets
 * through {@link EpollDomainSocketChannel}), else the JDK's NIO, whose {@link NioDomainSocketChannel} speaks Unix
 * domain sockets since Java 16 (JEP 380). Loops run on daemon threads so a forgotten tracer never keeps a JVM
 * alive.
 */
public final class StatsTransport implements AutoCloseable {
    private final EventLoopGroup group;
    private final boolean epoll;

    private StatsTransport(EventLoopGroup group, boolean epoll) {
        this.group = group;
        this.epoll = epoll;
    }

    public static StatsTransport create(int threads) {
        return create(threads, true);
    }

    /** With {@code nativeTransport} false, always the JDK's NIO (tests run both). */
    static StatsTransport create(int threads, boolean nativeTransport) {
        ThreadFactory tf = daemonThreads();
        if (nativeTransport && Epoll.isAvailable()) {
            return new StatsTransport(new MultiThreadIoEventLoopGroup(threads, tf, EpollIoHandler.newFactory()),
                    true);
        }
        return new StatsTransport(new MultiThreadIoEventLoopGroup(threads, tf, NioIoHandler.newFactory()), false);
    }

    /** The loop a source runs all its connections and timers on. */
    public EventLoop nextLoop() {
        return group.next();
    }

    public boolean isEpoll() {
        return epoll;
    }

    /** Connects to {@code address} on {@code loop} with {@code handler} as the channel's initial handler. */
    public ChannelFuture connect(StatsAddress address, EventLoop loop, ChannelHandler handler, int timeoutMillis) {
        Bootstrap b = new Bootstrap()
                .group(loop)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
                .handler(handler);
        SocketAddress remote;
        if (address.isUnix()) {
            if (epoll) {
                b.channel(EpollDomainSocketChannel.class);
                remote = new DomainSocketAddress(address.path());
            } else {
                b.channel(NioDomainSocketChannel.class);
                remote = UnixDomainSocketAddress.of(address.path());
            }
        } else {
            b.channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class);
            remote = InetSocketAddress.createUnresolved(address.host(), address.port());
        }
        return b.connect(remote);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "hoptrace-tracer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
