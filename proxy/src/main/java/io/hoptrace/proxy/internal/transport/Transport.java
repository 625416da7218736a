package io.hoptrace.proxy.internal.transport;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.Errors;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.spi.SelectorProvider;
import java.nio.file.Path;

/**
 * The I/O transport: Netty's native epoll on Linux when it loads ({@link Epoll#isAvailable()}), the JDK's NIO
 * otherwise. Everything that differs between the two (event loop type, channel classes, Unix socket addresses,
 * how a reset shows up) is answered here so the rest of the proxy never asks.
 */
public final class Transport {
    private final boolean epoll;

    private Transport(boolean epoll) {
        this.epoll = epoll;
    }

    /** Epoll when {@code preferNative} and available, else NIO. */
    public static Transport select(boolean preferNative) {
        return new Transport(preferNative && Epoll.isAvailable());
    }

    public String name() {
        return epoll ? "epoll" : "nio";
    }

    public MultiThreadIoEventLoopGroup newGroup(int threads, String threadPrefix) {
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadPrefix, true), factory);
    }

    public Class<? extends ServerChannel> serverSocketChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public Class<? extends ServerChannel> serverDomainSocketChannel() {
        return epoll ? EpollServerDomainSocketChannel.class : NioServerDomainSocketChannel.class;
    }

    /**
     * A new, unregistered outbound TCP channel for {@code peer}'s address family: an AF_INET socket for an IPv4
     * server rather than a dual-stack one (no IPV6_V6ONLY system call, no mapped addresses to convert back).
     */
    public SocketChannel newSocketChannel(InetSocketAddress peer) {
        SocketProtocolFamily family = family(peer);
        return epoll ? new EpollSocketChannel(family)
                : new NioSocketChannel(SelectorProvider.provider(), family);
    }

    /** A new, unregistered listening TCP channel for {@code bind}'s address family. */
    public ServerChannel newServerSocketChannel(InetSocketAddress bind) {
        SocketProtocolFamily family = family(bind);
        return epoll ? new EpollServerSocketChannel(family)
                : new NioServerSocketChannel(SelectorProvider.provider(), family);
    }

    private static SocketProtocolFamily family(InetSocketAddress a) {
        return a.getAddress() instanceof Inet6Address ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
    }

    /**
     * Asks for the first read of a channel that is not registered with its event loop yet. With epoll the read
     * interest then goes into the channel's first {@code epoll_ctl} (ADD) instead of a second one (MOD): one
     * system call less per connection (Netty's epoll channels keep the interest set until they are registered).
     * NIO asks for its first read once registered, as usual.
     */
    public void readBeforeRegister(Channel ch) {
        if (epoll && !ch.isRegistered()) {
            ch.unsafe().beginRead();
        }
    }

    /** The bind address of a Unix stream socket at {@code path}, in the type this transport's channels take. */
    public SocketAddress domainSocketAddress(Path path) {
        return epoll ? new DomainSocketAddress(path.toFile()) : UnixDomainSocketAddress.of(path);
    }

    /** True when a channel's peer reset the connection (ECONNRESET, or EPIPE after a reset). */
    public static boolean isReset(Throwable cause) {
        if (cause instanceof Errors.NativeIoException ne) {
            return ne.expectedErr() == Errors.ERRNO_ECONNRESET_NEGATIVE
                    || ne.expectedErr() == Errors.ERRNO_EPIPE_NEGATIVE;
        }
        if (cause instanceof IOException && !(cause instanceof ConnectException)) {
            // NIO reports resets only through the JDK's message texts.
            String m = cause.getMessage();
            return m != null && (m.contains("Connection reset") || m.contains("Broken pipe"));
        }
        return false;
    }

    /** True when a connect failed because nothing listens there (ECONNREFUSED). */
    public static boolean isRefused(Throwable cause) {
        if (cause instanceof Errors.NativeIoException ne) {
            return ne.expectedErr() == Errors.ERROR_ECONNREFUSED_NEGATIVE;
        }
        return cause instanceof ConnectException && cause.getMessage() != null
                && cause.getMessage().contains("refused");
    }
}
