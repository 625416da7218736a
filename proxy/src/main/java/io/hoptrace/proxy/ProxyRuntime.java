package io.hoptrace.proxy;

import io.hoptrace.proxy.internal.events.EventDispatcher;
import io.hoptrace.proxy.internal.transport.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The threads several proxies share in one process: the I/O event loops (io_uring, epoll or NIO, see
 * {@link RuntimeOptions}) and one event dispatcher thread (session events and stats sockets).
 *
 * <pre>{@code
 * try (ProxyRuntime runtime = ProxyRuntime.create()) {
 *     ProxyServer edge = runtime.start(edgeConfig);
 *     ProxyServer mid = runtime.start(midConfig);
 *     InetSocketAddress entry = edge.frontendAddress("web");   // the real port when the bind said :0
 *     SocketAddress stats = mid.statsAddresses().get(0);       // UnixDomainSocketAddress or InetSocketAddress
 *     ...
 * }   // stops every proxy (sessions end with term=proxy-stop, socket files are removed), then the threads
 * }</pre>
 */
public final class ProxyRuntime implements AutoCloseable {
    private final RuntimeOptions options;
    private final Transport transport;
    /** The dispatcher's and the stats sockets' transport (Transport.control says why it may differ). */
    private final Transport control;
    private final MultiThreadIoEventLoopGroup io;
    private final MultiThreadIoEventLoopGroup dispatcherGroup;
    private final EventDispatcher dispatcher;
    private final List<ProxyServer> servers = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private ProxyRuntime(RuntimeOptions options) {
        this.options = options;
        this.transport = Transport.select(options.transport());
        this.io = transport.newGroup(options.ioThreads(), "hoptrace-io");
        this.control = transport.control();
        this.dispatcherGroup = control.newGroup(1, "hoptrace-events");
        this.dispatcher = new EventDispatcher(dispatcherGroup.next());
    }

    /** A runtime with {@link RuntimeOptions#defaults()}. */
    public static ProxyRuntime create() {
        return new ProxyRuntime(RuntimeOptions.defaults());
    }

    public static ProxyRuntime create(RuntimeOptions options) {
        return new ProxyRuntime(options);
    }

    /**
     * Starts a proxy: binds its frontends and stats sockets and returns once it accepts connections. Throws
     * {@link IOException} naming the address and configuration line of a bind that failed (nothing stays bound).
     */
    public ProxyServer start(ProxyConfig config) throws IOException {
        return start(config, false);
    }

    ProxyServer start(ProxyConfig config, boolean ownsRuntime) throws IOException {
        if (closed) {
            throw new IllegalStateException("this runtime is closed");
        }
        ProxyServer server = ProxyServer.start(this, config, ownsRuntime);
        servers.add(server);
        return server;
    }

    /** The proxies started here and not stopped yet. */
    public List<ProxyServer> servers() {
        return servers.stream().filter(ProxyServer::isRunning).toList();
    }

    /** The transport of the proxied connections: {@code io_uring}, {@code epoll} or {@code nio}. */
    public String transport() {
        return transport.name();
    }

    public RuntimeOptions options() {
        return options;
    }

    Transport transportImpl() {
        return transport;
    }

    /** The transport of the dispatcher's loop, on which the stats sockets are bound. */
    Transport controlTransportImpl() {
        return control;
    }

    EventLoopGroup ioGroup() {
        return io;
    }

    EventDispatcher dispatcher() {
        return dispatcher;
    }

    /** Stops every proxy, then the threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ProxyServer s : servers) {
            s.stop();
        }
        dispatcher.stop();
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        dispatcherGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        io.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        dispatcherGroup.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
