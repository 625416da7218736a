package io.hoptrace.proxy.internal.transport;

import io.hoptrace.proxy.TransportKind;
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
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerDomainSocketChannel;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.spi.SelectorProvider;
import java.nio.file.Path;

/**
 * The I/O transport: Linux io_uring or epoll through Netty's native transports, or the JDK's NIO. Everything that
 * differs between them (event loop type, channel classes, Unix socket addresses, how a reset shows up) is
 * answered here so the rest of the proxy never asks.
 */
public final class Transport {
    /** EADDRINUSE on Linux (asm-generic/errno.h), where the native transports run; Netty's Errors has no name. */
    private static final int EADDRINUSE = 98;

    private enum Kind { IO_URING, EPOLL, NIO }

    private final Kind kind;

    private Transport(Kind kind) {
        this.kind = kind;
    }

    /**
     * The transport {@code choice} names; for {@link TransportKind#AUTO} the first available of io_uring, epoll,
     * NIO. Throws {@link IllegalStateException} with the reason when a named native transport cannot load here.
     */
    public static Transport select(TransportKind choice) {
        return switch (choice) {
            case AUTO -> new Transport(IoUring.isAvailable() ? Kind.IO_URING
                    : Epoll.isAvailable() ? Kind.EPOLL : Kind.NIO);
            case IO_URING -> available(Kind.IO_URING, IoUring.isAvailable(), IoUring.unavailabilityCause());
            case EPOLL -> available(Kind.EPOLL, Epoll.isAvailable(), Epoll.unavailabilityCause());
            case NIO -> new Transport(Kind.NIO);
        };
    }

    /** The native transport {@code kind} when it loaded; else an exception with Netty's reason why not. */
    private static Transport available(Kind kind, boolean available, Throwable cause) {
        Transport t = new Transport(kind);
        if (available) {
            return t;
        }
        String why = cause == null ? "unknown reason" : cause.getMessage() != null ? cause.getMessage()
                : cause.getClass().getSimpleName();
        throw new IllegalStateException("transport " + t.name() + ": not available on this machine (" + why
                + "); use --transport auto to take the best one available", cause);
    }

    /**
     * The transport for the stats sockets and the event dispatcher. The same one, except that io_uring hands
     * them to epoll: Netty 4.2's io_uring channels ignore ALLOW_HALF_CLOSURE on Unix sockets
     * (AbstractIoUringChannel.isAllowHalfClosure only honours a SocketChannelConfig), so a client that sends
     * {@code show info} and shuts its side down ({@code socat}, {@code nc -N}) would be closed before the answer
     * is written. Stats traffic is small; the data path keeps io_uring.
     */
    public Transport control() {
        if (kind != Kind.IO_URING) {
            return this;
        }
        return new Transport(Epoll.isAvailable() ? Kind.EPOLL : Kind.NIO);
    }

    /** {@code io_uring}, {@code epoll} or {@code nio}. */
    public String name() {
        return switch (kind) {
            case IO_URING -> "io_uring";
            case EPOLL -> "epoll";
            case NIO -> "nio";
        };
    }

    public MultiThreadIoEventLoopGroup newGroup(int threads, String threadPrefix) {
        IoHandlerFactory factory = switch (kind) {
            case IO_URING -> IoUringIoHandler.newFactory();
            case EPOLL -> EpollIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadPrefix, true), factory);
    }

    public Class<? extends ServerChannel> serverSocketChannel() {
        return switch (kind) {
            case IO_URING -> IoUringServerSocketChannel.class;
            case EPOLL -> EpollServerSocketChannel.class;
            case NIO -> NioServerSocketChannel.class;
        };
    }

    public Class<? extends ServerChannel> serverDomainSocketChannel() {
        return switch (kind) {
            case IO_URING -> IoUringServerDomainSocketChannel.class;
            case EPOLL -> EpollServerDomainSocketChannel.class;
            case NIO -> NioServerDomainSocketChannel.class;
        };
    }

    /**
     * A new, unregistered outbound TCP channel for {@code peer}'s address family: with epoll and NIO an AF_INET
     * socket for an IPv4 server rather than a dual-stack one (no IPV6_V6ONLY system call, no mapped addresses to
     * convert back).
     */
    public SocketChannel newSocketChannel(InetSocketAddress peer) {
        SocketProtocolFamily family = family(peer);
        return switch (kind) {
            // Netty 4.2's io_uring channel takes no family: a dual-stack IPv6 socket, which Netty reports with
            // IPv4 addresses for an IPv4 peer (the kernel lists it in /proc/net/tcp6 as ::ffff:a.b.c.d).
            case IO_URING -> new IoUringSocketChannel();
            case EPOLL -> new EpollSocketChannel(family);
            case NIO -> new NioSocketChannel(SelectorProvider.provider(), family);
        };
    }

    /** A new, unregistered listening TCP channel for {@code bind}'s address family. */
    public ServerChannel newServerSocketChannel(InetSocketAddress bind) {
        SocketProtocolFamily family = family(bind);
        return switch (kind) {
            case IO_URING -> new IoUringServerSocketChannel();
            case EPOLL -> new EpollServerSocketChannel(family);
            case NIO -> new NioServerSocketChannel(SelectorProvider.provider(), family);
        };
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
        if (kind == Kind.EPOLL && !ch.isRegistered()) {
            ch.unsafe().beginRead();
        }
    }

    /** The bind address of a Unix stream socket at {@code path}, in the type this transport's channels take. */
    public SocketAddress domainSocketAddress(Path path) {
        return kind != Kind.NIO ? new DomainSocketAddress(path.toFile()) : UnixDomainSocketAddress.of(path);
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

    /** True when a bind failed because the address is taken (EADDRINUSE). */
    public static boolean isAddressInUse(Throwable cause) {
        if (cause instanceof Errors.NativeIoException ne) {
            return ne.expectedErr() == -EADDRINUSE;
        }
        return cause instanceof BindException && cause.getMessage() != null
                && cause.getMessage().contains("in use");
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
