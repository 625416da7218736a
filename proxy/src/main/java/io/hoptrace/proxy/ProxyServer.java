package io.hoptrace.proxy;

import io.hoptrace.events.Endpoint;
import io.hoptrace.proxy.internal.ProxyContext;
import io.hoptrace.proxy.internal.frontend.FrontendRuntime;
import io.hoptrace.proxy.internal.frontend.ListenerHandler;
import io.hoptrace.proxy.internal.session.ProxySession;
import io.hoptrace.proxy.internal.session.SessionInitializer;
import io.hoptrace.proxy.internal.session.Termination;
import io.hoptrace.proxy.internal.stats.StatsServer;
import io.hoptrace.proxy.internal.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.ServerChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One running proxy: its frontends accept connections and forward them to their backends' servers, and its
 * stats sockets answer the protocol of docs/protocol.md ({@code show events} and the rest).
 *
 * <pre>{@code
 * try (ProxyServer proxy = ProxyServer.start(ProxyConfig.load(Path.of("edge.cfg")))) {
 *     InetSocketAddress web = proxy.frontendAddress("web");
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #start(ProxyConfig)} gives the proxy threads of its own; to run several proxies in one process,
 * start them from one {@link ProxyRuntime}. {@link #stop()} stops accepting, ends every session with
 * {@code term=proxy-stop} (subscribers receive those {@code -} lines), closes the stats sockets and removes their
 * files.
 */
public final class ProxyServer implements AutoCloseable {
    private static final long STOP_TIMEOUT_MILLIS = 5_000;
    /** How long a frontend bind is retried while its address is in use (see bindRetrying). */
    static final long BIND_RETRY_MILLIS = 1_000;
    private static final long BIND_RETRY_PAUSE_MILLIS = 10;

    private final ProxyRuntime runtime;
    private final boolean ownsRuntime;
    private final ProxyContext context;
    private final List<Channel> listeners = new ArrayList<>();
    private final List<StatsServer> stats = new ArrayList<>();
    private volatile boolean running;

    private ProxyServer(ProxyRuntime runtime, boolean ownsRuntime, ProxyContext context) {
        this.runtime = runtime;
        this.ownsRuntime = ownsRuntime;
        this.context = context;
    }

    /** Starts a proxy with threads of its own ({@link RuntimeOptions#defaults()}); {@link #close()} ends them. */
    public static ProxyServer start(ProxyConfig config) throws IOException {
        return start(config, RuntimeOptions.defaults());
    }

    public static ProxyServer start(ProxyConfig config, RuntimeOptions options) throws IOException {
        ProxyRuntime runtime = ProxyRuntime.create(options);
        try {
            return runtime.start(config, true);
        } catch (IOException | RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    static ProxyServer start(ProxyRuntime runtime, ProxyConfig config, boolean ownsRuntime) throws IOException {
        EventLoop listenerLoop = runtime.ioGroup().next();
        ProxyContext context = new ProxyContext(config, runtime.transportImpl(), runtime.options().ioThreads(),
                listenerLoop, runtime.dispatcher(), runtime.options().eventQueueBytes());
        ProxyServer server = new ProxyServer(runtime, ownsRuntime, context);
        try {
            for (FrontendRuntime fe : context.frontends()) {
                for (BindConfig bind : fe.config().binds()) {
                    server.listen(fe, bind, listenerLoop);
                }
            }
            for (StatsSocketConfig s : config.global().statsSockets()) {
                server.stats.add(StatsServer.bind(s, context, runtime.controlTransportImpl(),
                        runtime.dispatcher().loop()));
            }
        } catch (IOException | RuntimeException e) {
            server.release();
            throw e;
        }
        server.running = true;
        return server;
    }

    /** All of a proxy's listeners live on one loop: accepts are counted one at a time (see AcceptGate). */
    private void listen(FrontendRuntime fe, BindConfig bind, EventLoop listenerLoop) throws IOException {
        ServerChannel ch = runtime.transportImpl().newServerSocketChannel(bind.address());
        ch.config().setOption(ChannelOption.SO_REUSEADDR, true);
        ch.pipeline().addLast(new ListenerHandler(fe, context.gate(), runtime.ioGroup(),
                new SessionInitializer(context, fe, bind.acceptProxy())));
        ChannelFuture f = listenerLoop.register(ch).awaitUninterruptibly();
        if (f.isSuccess()) {
            listeners.add(ch);
            fe.addListener(ch);
            f = bindRetrying(ch, bind.address());
        }
        if (!f.isSuccess()) {
            String retried = Transport.isAddressInUse(f.cause())
                    ? " (still in use after " + BIND_RETRY_MILLIS + " ms of retries)" : "";
            throw new IOException("bind " + describe(bind.address()) + " (" + bind.location() + ", frontend "
                    + fe.name() + "): " + f.cause().getMessage() + retried, f.cause());
        }
    }

    /**
     * Binds, retrying while the address is in use for up to {@link #BIND_RETRY_MILLIS}: a proxy restarted right
     * after it crashed (a service manager's restart) can find its port still held for a few milliseconds, because
     * the kernel tears an io_uring instance down asynchronously after its process died (measured: 5-7 ms).
     */
    private static ChannelFuture bindRetrying(ServerChannel ch, InetSocketAddress address) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BIND_RETRY_MILLIS);
        while (true) {
            ChannelFuture f = ch.bind(address).awaitUninterruptibly();
            if (f.isSuccess() || !Transport.isAddressInUse(f.cause()) || System.nanoTime() > deadline) {
                return f;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(BIND_RETRY_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return f;
            }
        }
    }

    private static String describe(InetSocketAddress a) {
        return Endpoint.of(a).toString();
    }

    public String name() {
        return context.name();
    }

    public ProxyConfig config() {
        return context.config();
    }

    /** {@code epoll} or {@code nio}. */
    public String transport() {
        return runtime.transport();
    }

    public boolean isRunning() {
        return running;
    }

    /** The addresses a frontend listens on, in bind order, with the real ports (a bind to port 0 gets one). */
    public List<InetSocketAddress> frontendAddresses(String frontend) {
        for (FrontendRuntime fe : context.frontends()) {
            if (fe.name().equals(frontend)) {
                return fe.boundAddresses();
            }
        }
        throw new IllegalArgumentException("frontend: no frontend named '" + frontend + "' in " + name()
                + " (have " + context.frontends().stream().map(FrontendRuntime::name).toList() + ")");
    }

    /** The first address a frontend listens on. */
    public InetSocketAddress frontendAddress(String frontend) {
        return frontendAddresses(frontend).get(0);
    }

    /** Every frontend's bound addresses, by frontend name, in configuration order. */
    public Map<String, List<InetSocketAddress>> frontendAddresses() {
        Map<String, List<InetSocketAddress>> all = new LinkedHashMap<>();
        for (FrontendRuntime fe : context.frontends()) {
            all.put(fe.name(), fe.boundAddresses());
        }
        return all;
    }

    /**
     * The stats sockets, in configuration order: a {@link java.net.UnixDomainSocketAddress} for a path (connect
     * with {@code SocketChannel.open(StandardProtocolFamily.UNIX)}), an {@link InetSocketAddress} for TCP.
     */
    public List<SocketAddress> statsAddresses() {
        return stats.stream().map(StatsServer::address).toList();
    }

    /**
     * Stops the proxy (idempotent): stops accepting, ends every session with {@code term=proxy-stop}, delivers
     * the resulting events to subscribers, closes the stats sockets and removes their files. Waits at most a few
     * seconds for sessions to close.
     */
    public void stop() {
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
        }
        for (Channel l : listeners) {
            l.close().awaitUninterruptibly();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_TIMEOUT_MILLIS);
        context.beginStop();
        runtime.dispatcher().execute(() -> context.bus().forEachSession(ProxyServer::stopSession));
        await(context.drained(), deadline);
        // Every '-' is queued before its session counts as ended: subscribers get them before they are closed.
        try {
            List<ChannelFuture> closing = runtime.dispatcher().loop()
                    .submit(() -> context.bus().closeSubscribers()).get(remainingMillis(deadline),
                            TimeUnit.MILLISECONDS);
            for (ChannelFuture f : closing) {
                f.awaitUninterruptibly(Math.max(1, remainingMillis(deadline)));
            }
        } catch (ExecutionException | TimeoutException e) {
            // Subscribers that cannot take their last events in time are closed below regardless.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        release();
    }

    private static void stopSession(ProxySession s) {
        s.eventLoop().execute(() -> s.shutdown(Termination.PROXY_STOP));
    }

    private static void await(CompletableFuture<Void> f, long deadline) {
        try {
            f.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Sessions still closing after the deadline are cut off when their loops stop.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long remainingMillis(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    /** Closes whatever is bound; the Unix socket files go first so no client connects to a dead path. */
    private void release() {
        for (Channel l : listeners) {
            l.close().awaitUninterruptibly();
        }
        for (StatsServer s : stats) {
            s.closeListener();
            s.closeConnections();
        }
    }

    /** Stops the proxy, and its threads when it has its own ({@link #start(ProxyConfig)}). */
    @Override
    public void close() {
        stop();
        if (ownsRuntime) {
            runtime.close();
        }
    }
}
