package io.hoptrace.proxy.internal.session;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.SessionEvent;
import io.hoptrace.events.Timestamps;
import io.hoptrace.proxy.ServerConfig;
import io.hoptrace.proxy.UniqueIdFormat;
import io.hoptrace.proxy.internal.backend.BackendRuntime;
import io.hoptrace.proxy.internal.backend.QueueEntry;
import io.hoptrace.proxy.internal.backend.ServerRuntime;
import io.hoptrace.proxy.internal.backend.ServerWaiter;
import io.hoptrace.proxy.internal.events.TrackedSession;
import io.hoptrace.proxy.internal.frontend.FrontendRuntime;
import io.hoptrace.proxy.internal.transport.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One proxied client connection and, once connected, its server connection: the state both handlers
 * ({@link FrontendHandler}, {@link BackendHandler}) drive. Everything runs on the client channel's event loop,
 * which is also the server channel's, so there are no locks; other threads (stats socket, queue) hand work over
 * with {@code eventLoop().execute}.
 *
 * <p>Life: accepted (an {@code accept-proxy} bind first reads the PROXY header) → queued while the servers are
 * at {@code maxconn} → connecting (with {@code retries}, {@code option redispatch}) → established ({@code +}) →
 * closing → closed ({@code -}, or {@code x} when it never got a server connection).
 *
 * <p>Data: reads are explicit (auto-read off). A side is read again after what it sent has been written to
 * the other side and that side is still writable; when the other side goes over its high water mark, reading
 * pauses until it drains below the low one. So at most the high water mark plus one read is buffered per
 * direction, however fast one side sends and however slowly the other takes. A FIN is forwarded as a
 * half-close once the data before it has been written; a reset is forwarded as a reset.
 */
public final class ProxySession extends TrackedSession implements ServerWaiter {
    /** How much a client may send before its server connection is up (it is read while connecting or queued). */
    static final int EARLY_DATA_LIMIT = 64 * 1024;

    private static final ChannelFutureListener SHUTDOWN_OUTPUT = f -> {
        if (f.isSuccess() && f.channel() instanceof DuplexChannel d && d.isActive()) {
            d.shutdownOutput();
        }
    };

    private final SessionHost host;
    private final FrontendRuntime frontend;
    private final BackendRuntime backend;
    private final boolean acceptProxy;
    private final long acceptMicros = Timestamps.nowMicros();
    private final long acceptNanos = System.nanoTime();
    private final Leg front = new Leg();
    private final Leg back = new Leg();
    private final SessionTimer timer;

    private volatile SessionState state = SessionState.ACCEPTED;
    private ServerRuntime server;
    private volatile String serverName;
    private QueueEntry queueEntry;
    private ScheduledFuture<?> queueTimer;
    private int attempts;
    private boolean backendCounted;
    private boolean ended;
    private ByteBuf early;

    private volatile SocketAddress clientAddress;
    private volatile SocketAddress frontendAddress;
    private volatile SocketAddress backendAddress;
    private volatile SocketAddress serverAddress;
    private volatile InetSocketAddress orig;
    private InetSocketAddress origDestination;
    private String receivedUniqueId;
    private volatile String uniqueId;

    private volatile long bytesIn;
    private volatile long bytesOut;
    private volatile long establishedMicros;
    private volatile long endMicros;
    private Termination term;
    private Termination firstFin;

    ProxySession(SessionHost host, FrontendRuntime frontend, Channel channel, boolean acceptProxy) {
        super(host.nextSessionId());
        this.host = host;
        this.frontend = frontend;
        this.backend = frontend.backend();
        this.acceptProxy = acceptProxy;
        this.front.attach(channel);
        this.timer = SessionTimer.of(this, frontend.clientTimeout(),
                backend == null ? null : backend.serverTimeout());
    }

    // ---- client side (FrontendHandler) ----

    void frontActive() {
        Channel ch = front.channel;
        clientAddress = ch.remoteAddress();
        frontendAddress = ch.localAddress();
        front.activityNanos = System.nanoTime();
        host.bus().accepted(this);
        if (host.stopping()) {
            abort(Termination.PROXY_STOP);
            return;
        }
        if (timer != null) {
            timer.start(); // timeout client also bounds the wait for a PROXY header
        }
        if (acceptProxy) {
            ch.read();
        } else {
            startBackend();
        }
    }

    void proxyHeader(HAProxyMessage message) {
        try {
            ProxyHeaders.Received r = ProxyHeaders.read(message);
            orig = r.source();
            origDestination = r.destination();
            receivedUniqueId = r.uniqueId();
        } finally {
            message.release();
        }
        if (state == SessionState.ACCEPTED) {
            startBackend();
        }
    }

    void frontRead(ByteBuf msg) {
        int n = msg.readableBytes();
        bytesIn += n;
        frontend.counters().addIn(n);
        switch (state) {
            case ESTABLISHED -> {
                backend.counters().addIn(n);
                server.counters().addIn(n);
                back.channel.write(msg, back.channel.voidPromise());
            }
            case ACCEPTED, QUEUED, CONNECTING -> early = append(early, msg);
            default -> msg.release();
        }
    }

    void frontReadComplete() {
        long now = System.nanoTime();
        front.activityNanos = now;
        switch (state) {
            case ESTABLISHED -> {
                Channel b = back.channel;
                b.flush();
                back.flushed(now);
                if (!front.eof) {
                    if (b.isWritable()) {
                        front.channel.read();
                    } else {
                        front.readPaused = true;
                    }
                }
            }
            case QUEUED, CONNECTING -> {
                if (!front.eof && (early == null || early.readableBytes() < EARLY_DATA_LIMIT)) {
                    front.channel.read();
                } else {
                    front.readPaused = true;
                }
            }
            default -> {
                // ACCEPTED: the PROXY header decoder asks for more by itself; closing: nothing to do.
            }
        }
    }

    void frontEof() {
        if (front.eof) {
            return;
        }
        front.eof = true;
        if (firstFin == null) {
            firstFin = Termination.CLIENT_FIN;
        }
        switch (state) {
            case ACCEPTED -> abort(Termination.CLIENT_FIN); // gone before its PROXY header
            case ESTABLISHED -> {
                if (back.eof) {
                    closeBoth(); // both directions are done: the close carries the FIN
                } else {
                    shutdownOutputAfterFlush(back.channel);
                }
            }
            default -> {
                // Queued or connecting: the FIN is forwarded once the server connection is up.
            }
        }
    }

    void frontWritable() {
        if (state == SessionState.ESTABLISHED && back.readPaused && front.channel.isWritable()) {
            back.readPaused = false;
            back.channel.read();
        }
    }

    void frontError(Throwable cause) {
        if (cause instanceof HAProxyProtocolException) {
            abort(Termination.BAD_PROXY);
        } else {
            abort(Transport.isReset(cause) ? Termination.CLIENT_RST : Termination.CLIENT_ERROR);
        }
    }

    void frontInactive() {
        front.open = false;
        if (state != SessionState.CLOSING && state != SessionState.CLOSED) {
            // The client connection went away without a FIN we saw (closed by an error path).
            if (firstFin == null) {
                firstFin = Termination.CLIENT_FIN;
            }
            state = SessionState.CLOSING;
            teardown();
            closeOnFlush(back.channel);
        }
        maybeEnd();
    }

    // ---- choosing and connecting a server ----

    private void startBackend() {
        UniqueIdFormat format = frontend.uniqueIdFormat();
        uniqueId = format != null ? format.render(new UniqueIdFormat.Values(Endpoint.of(clientForHeaders()),
                Endpoint.of(frontendAddress), acceptMicros, id(), host.pid())) : receivedUniqueId;
        if (backend == null || !backend.hasServers()) {
            abort(Termination.NO_SERVER);
            return;
        }
        backend.counters().opened();
        backendCounted = true;
        state = SessionState.CONNECTING;
        front.channel.read(); // take what the client sends while connecting (bounded by EARLY_DATA_LIMIT)
        dispatch(null, null);
    }

    /** Takes a slot on {@code only} (a retry) or on the balancer's choice (avoiding {@code exclude}), or queues. */
    private void dispatch(ServerRuntime only, ServerRuntime exclude) {
        InetAddress source = clientForHeaders().getAddress();
        ServerRuntime s = backend.reserve(source, only, exclude);
        if (s != null) {
            connect(s);
            return;
        }
        state = SessionState.QUEUED;
        queueEntry = backend.enqueue(this, source, only, exclude);
        Duration timeout = backend.queueTimeout();
        if (timeout != null) {
            queueTimer = eventLoop().schedule(this::queueTimedOut, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public EventLoop executor() {
        return front.channel.eventLoop();
    }

    @Override
    public void assigned(ServerRuntime s) {
        if (state != SessionState.QUEUED) {
            s.release(); // the session ended while the slot was on its way
            return;
        }
        queueEntry = null;
        cancelQueueTimer();
        connect(s);
    }

    private void queueTimedOut() {
        queueTimer = null;
        if (state == SessionState.QUEUED && backend.cancel(queueEntry)) {
            queueEntry = null;
            abort(Termination.QUEUE_TIMEOUT);
        }
    }

    private void connect(ServerRuntime s) {
        server = s;
        attempts++;
        state = SessionState.CONNECTING;
        s.counters().selected();
        Channel ch = ServerConnector.open(this, host.transport(), eventLoop(), s, backend.connectTimeout());
        back.attach(ch);
        ch.closeFuture().addListener((ChannelFuture f) -> backClosed(f.channel()));
    }

    void connectDone(Channel ch, ChannelFuture f) {
        if (ch != back.channel || state != SessionState.CONNECTING) {
            ch.close(); // an attempt nobody waits for any more
        } else if (f.isSuccess()) {
            established();
        } else {
            connectFailed(f.cause());
            ch.close(); // a failed attempt's channel stays open (a Bootstrap would close it): release its fd
        }
    }

    private void connectFailed(Throwable cause) {
        ServerRuntime failed = server;
        server = null;
        back.channel = null;
        back.open = false;
        failed.counters().connectError();
        backend.counters().connectError();
        failed.release();
        Termination why = cause instanceof ConnectTimeoutException ? Termination.CONNECT_TIMEOUT
                : Transport.isRefused(cause) ? Termination.CONNECT_REFUSED : Termination.CONNECT_ERROR;
        int retried = attempts - 1;
        if (retried >= backend.retries()) {
            abort(why);
        } else if (backend.redispatch() && retried + 1 == backend.retries() && backend.servers().size() > 1) {
            // option redispatch: the last retry goes to another server (HAProxy configuration manual 4.2).
            backend.counters().redispatched();
            failed.counters().redispatched();
            dispatch(null, failed);
        } else {
            backend.counters().retried();
            failed.counters().retried();
            dispatch(failed, null);
        }
    }

    private void established() {
        Channel b = back.channel;
        long now = System.nanoTime();
        state = SessionState.ESTABLISHED;
        establishedMicros = Timestamps.nowMicros();
        backendAddress = b.localAddress();
        serverAddress = b.remoteAddress();
        serverName = server.name();
        back.activityNanos = now;
        front.activityNanos = now;
        if (server.sendProxy() != ServerConfig.SendProxy.NONE) {
            b.write(ProxyHeaders.build(server.sendProxy(), clientForHeaders(), destinationForHeaders(), uniqueId),
                    b.voidPromise());
            b.pipeline().remove(HAProxyMessageEncoder.INSTANCE);
        }
        host.bus().established(this);
        if (early != null) {
            int n = early.readableBytes();
            backend.counters().addIn(n);
            server.counters().addIn(n);
            b.write(early, b.voidPromise());
            early = null;
        }
        b.flush();
        if (front.eof) {
            shutdownOutputAfterFlush(b);
        }
        b.read();
        if (!front.eof) {
            if (b.isWritable()) {
                front.readPaused = false;
                front.channel.read();
            } else {
                front.readPaused = true;
            }
        }
        if (timer != null) {
            timer.start();
        }
    }

    // ---- server side (BackendHandler) ----

    void backRead(Channel ch, ByteBuf msg) {
        if (ch != back.channel || state != SessionState.ESTABLISHED) {
            msg.release();
            return;
        }
        int n = msg.readableBytes();
        bytesOut += n;
        frontend.counters().addOut(n);
        backend.counters().addOut(n);
        server.counters().addOut(n);
        front.channel.write(msg, front.channel.voidPromise());
    }

    void backReadComplete(Channel ch) {
        if (ch != back.channel || state != SessionState.ESTABLISHED) {
            return;
        }
        long now = System.nanoTime();
        back.activityNanos = now;
        Channel f = front.channel;
        f.flush();
        front.flushed(now);
        if (!back.eof) {
            if (f.isWritable()) {
                ch.read();
            } else {
                back.readPaused = true;
            }
        }
    }

    void backEof(Channel ch) {
        if (ch != back.channel || back.eof) {
            return;
        }
        back.eof = true;
        if (firstFin == null) {
            firstFin = Termination.SERVER_FIN;
        }
        if (state == SessionState.ESTABLISHED) {
            if (front.eof) {
                closeBoth(); // both directions are done: the close carries the FIN
            } else {
                shutdownOutputAfterFlush(front.channel);
            }
        }
    }

    void backWritable(Channel ch) {
        if (ch == back.channel && state == SessionState.ESTABLISHED && front.readPaused && ch.isWritable()) {
            front.readPaused = false;
            front.channel.read();
        }
    }

    void backError(Channel ch, Throwable cause) {
        if (ch != back.channel || state == SessionState.CONNECTING) {
            return; // a connect failure arrives through the connect future
        }
        abort(Transport.isReset(cause) ? Termination.SERVER_RST : Termination.SERVER_ERROR);
    }

    private void backClosed(Channel ch) {
        if (ch != back.channel) {
            return; // an abandoned connection attempt
        }
        back.open = false;
        if (state == SessionState.ESTABLISHED) {
            if (firstFin == null) {
                firstFin = Termination.SERVER_FIN;
            }
            state = SessionState.CLOSING;
            teardown();
            closeOnFlush(front.channel);
        }
        maybeEnd();
    }

    // ---- ending ----

    /** From the session's thread: ends the session now ({@code shutdown session}, proxy stop). */
    public void shutdown(Termination why) {
        abort(why);
    }

    void timedOut(Termination why) {
        abort(why);
    }

    /**
     * Ends the session now for an abnormal reason: closes both connections, a reset side's peer with a reset
     * (SO_LINGER 0) so that the reset is propagated, as HAProxy does.
     */
    private void abort(Termination why) {
        if (state == SessionState.CLOSING || state == SessionState.CLOSED) {
            return;
        }
        state = SessionState.CLOSING;
        if (term == null) {
            term = why;
        }
        teardown();
        close(front.channel, why == Termination.SERVER_RST);
        close(back.channel, why == Termination.CLIENT_RST);
        maybeEnd();
    }

    /** Both sides sent FIN and each FIN was forwarded: close once the last bytes are written. */
    private void closeBoth() {
        state = SessionState.CLOSING;
        teardown();
        closeOnFlush(front.channel);
        closeOnFlush(back.channel);
    }

    private void teardown() {
        if (timer != null) {
            timer.stop();
        }
        cancelQueueTimer();
        if (queueEntry != null) {
            backend.cancel(queueEntry); // if a slot is already on its way, assigned() gives it back
            queueEntry = null;
        }
        if (early != null) {
            early.release();
            early = null;
        }
    }

    private void maybeEnd() {
        if (ended || front.open || back.open) {
            return;
        }
        ended = true;
        state = SessionState.CLOSED;
        endMicros = Timestamps.nowMicros();
        teardown();
        if (server != null) {
            ServerRuntime s = server;
            server = null;
            s.release();
        }
        if (backendCounted) {
            backend.counters().closed();
        }
        host.bus().closed(this);
        host.sessionEnded(frontend);
    }

    private void cancelQueueTimer() {
        if (queueTimer != null) {
            queueTimer.cancel(false);
            queueTimer = null;
        }
    }

    private static void close(Channel ch, boolean reset) {
        if (ch == null) {
            return;
        }
        if (reset && ch.isActive()) {
            try {
                ch.config().setOption(ChannelOption.SO_LINGER, 0);
            } catch (ChannelException e) {
                // The socket is already gone: a plain close is all that is left.
            }
        }
        ch.close();
    }

    private static void closeOnFlush(Channel ch) {
        if (ch == null) {
            return;
        }
        if (ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            ch.close();
        }
    }

    /** Forwards a FIN: shuts the output down once everything written before it is on the wire. */
    private static void shutdownOutputAfterFlush(Channel ch) {
        ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(SHUTDOWN_OUTPUT);
    }

    private ByteBuf append(ByteBuf held, ByteBuf msg) {
        if (held == null) {
            return msg;
        }
        CompositeByteBuf c;
        if (held instanceof CompositeByteBuf composite) {
            c = composite;
        } else {
            c = front.channel.alloc().compositeBuffer();
            c.addComponent(true, held);
        }
        return c.addComponent(true, msg);
    }

    /** The client as the PROXY header named it, else the connection's peer (HAProxy's {@code %ci}). */
    private InetSocketAddress clientForHeaders() {
        InetSocketAddress o = orig;
        return o != null ? o : (InetSocketAddress) clientAddress;
    }

    private InetSocketAddress destinationForHeaders() {
        return origDestination != null ? origDestination : (InetSocketAddress) frontendAddress;
    }

    // ---- views (dispatcher / stats thread: fields are volatile or published before the event) ----

    @Override
    protected SessionEvent.Open openEvent() {
        InetSocketAddress o = orig;
        return new SessionEvent.Open(id(), Endpoint.of(clientAddress), Endpoint.of(frontendAddress),
                Endpoint.of(backendAddress), Endpoint.of(serverAddress), establishedMicros, frontend.name(),
                backend.name(), serverName, o == null ? null : Endpoint.of(o), uniqueId);
    }

    @Override
    protected SessionEvent endEvent() {
        if (establishedMicros > 0) {
            return new SessionEvent.Close(id(), endMicros, bytesIn, bytesOut, endMicros - acceptMicros,
                    termination().token());
        }
        return new SessionEvent.Failed(id(), Endpoint.of(clientAddress), Endpoint.of(frontendAddress), endMicros,
                frontend.name(), backend == null ? null : backend.name(), termination().token());
    }

    /** Why the session ended (or is ending): the first abnormal cause, else the side that closed first. */
    public Termination termination() {
        Termination t = term;
        if (t != null) {
            return t;
        }
        Termination f = firstFin;
        return f != null ? f : Termination.CLIENT_FIN;
    }

    public SessionState state() {
        return state;
    }

    public EventLoop eventLoop() {
        return front.channel.eventLoop();
    }

    Leg front() {
        return front;
    }

    Leg back() {
        return back;
    }

    public String frontendName() {
        return frontend.name();
    }

    public String backendName() {
        return backend == null ? null : backend.name();
    }

    public String serverName() {
        return serverName;
    }

    public Endpoint client() {
        return Endpoint.of(clientAddress);
    }

    public Endpoint frontendEndpoint() {
        return Endpoint.of(frontendAddress);
    }

    public Endpoint backendEndpoint() {
        return Endpoint.of(backendAddress);
    }

    public Endpoint serverEndpoint() {
        return Endpoint.of(serverAddress);
    }

    public Endpoint orig() {
        InetSocketAddress o = orig;
        return o == null ? null : Endpoint.of(o);
    }

    public String uniqueId() {
        return uniqueId;
    }

    public long bytesIn() {
        return bytesIn;
    }

    public long bytesOut() {
        return bytesOut;
    }

    public long ageNanos() {
        return System.nanoTime() - acceptNanos;
    }

    public int attempts() {
        return attempts;
    }

    /** Bytes waiting in the proxy to be written to the client (server to client direction). */
    public long pendingToClient() {
        return front.pending();
    }

    /** Bytes waiting in the proxy to be written to the server (client to server direction). */
    public long pendingToServer() {
        return back.pending();
    }

    public boolean clientReadPaused() {
        return front.readPaused;
    }

    public boolean serverReadPaused() {
        return back.readPaused;
    }
}
