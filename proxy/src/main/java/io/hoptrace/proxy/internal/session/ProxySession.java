package io.hoptrace.proxy.internal.session;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.SessionEvent;
import io.hoptrace.events.Timestamps;
import io.hoptrace.proxy.internal.backend.BackendRuntime;
import io.hoptrace.proxy.internal.backend.ServerRuntime;
import io.hoptrace.proxy.internal.backend.ServerWaiter;
import io.hoptrace.proxy.internal.events.TrackedSession;
import io.hoptrace.proxy.internal.frontend.FrontendRuntime;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * One proxied client connection and, once connected, its server connection: the state its three roles share,
 * and what the stats socket and the event bus see of it. Everything runs on the client channel's event loop,
 * which is also the server channel's, so there are no locks; other threads (stats socket, queue) hand work over
 * with {@code eventLoop().execute}.
 *
 * <p>Life: accepted (an {@code accept-proxy} bind first reads the PROXY header) → queued while the servers are
 * at {@code maxconn} → connecting (with {@code retries}, {@code option redispatch}) → established ({@code +}) →
 * closing → closed ({@code -}, or {@code x} when it never got a server connection). The roles:
 * <ul>
 *   <li>{@link SessionConnector}: choosing a server, the backend queue, connection attempts and retries;</li>
 *   <li>{@link SessionForwarder}: the data path, backpressure and half-closes, fed by {@link FrontendHandler}
 *       and {@link BackendHandler};</li>
 *   <li>{@link SessionCloser}: how the session ends, why ({@link Termination}), and what it releases.</li>
 * </ul>
 */
public final class ProxySession extends TrackedSession implements ServerWaiter {
    final SessionHost host;
    final FrontendRuntime frontend;
    final BackendRuntime backend;
    final boolean acceptProxy;
    final long acceptMicros = Timestamps.nowMicros();
    private final long acceptNanos = System.nanoTime();
    final Leg front = new Leg();
    final Leg back = new Leg();
    final SessionTimer timer;
    final SessionConnector connector;
    final SessionForwarder forwarder;
    final SessionCloser closer;

    volatile SessionState state = SessionState.ACCEPTED;
    /** The server of the current connection attempt or connection; null before, between attempts and after. */
    ServerRuntime server;
    volatile String serverName;

    volatile SocketAddress clientAddress;
    volatile SocketAddress frontendAddress;
    volatile SocketAddress backendAddress;
    volatile SocketAddress serverAddress;
    volatile InetSocketAddress orig;
    InetSocketAddress origDestination;
    String receivedUniqueId;
    volatile String uniqueId;

    volatile long bytesIn;
    volatile long bytesOut;
    volatile long establishedMicros;
    volatile long endMicros;

    ProxySession(SessionHost host, FrontendRuntime frontend, Channel channel, boolean acceptProxy) {
        super(host.nextSessionId());
        this.host = host;
        this.frontend = frontend;
        this.backend = frontend.backend();
        this.acceptProxy = acceptProxy;
        this.front.attach(channel);
        this.timer = SessionTimer.of(this, frontend.clientTimeout(),
                backend == null ? null : backend.serverTimeout());
        this.connector = new SessionConnector(this);
        this.forwarder = new SessionForwarder(this);
        this.closer = new SessionCloser(this);
    }

    // ---- start (FrontendHandler) ----

    /** The client connection is up: the session joins the table, then waits for a PROXY header or connects. */
    void frontActive() {
        Channel ch = front.channel;
        clientAddress = ch.remoteAddress();
        frontendAddress = ch.localAddress();
        front.activityNanos = System.nanoTime();
        host.bus().accepted(this);
        if (host.stopping()) {
            closer.abort(Termination.PROXY_STOP);
            return;
        }
        if (timer != null) {
            timer.start(); // timeout client also bounds the wait for a PROXY header
        }
        if (acceptProxy) {
            ch.read();
        } else {
            connector.start();
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
            connector.start();
        }
    }

    // ---- the backend queue (ServerWaiter) ----

    @Override
    public EventLoop executor() {
        return front.channel.eventLoop();
    }

    @Override
    public void assigned(ServerRuntime s) {
        connector.assigned(s);
    }

    // ---- ending from outside the data path ----

    /** From the session's thread: ends the session now ({@code shutdown session}, proxy stop). */
    public void shutdown(Termination why) {
        closer.abort(why);
    }

    void timedOut(Termination why) {
        closer.abort(why);
    }

    /** The client as the PROXY header named it, else the connection's peer (HAProxy's {@code %ci}). */
    InetSocketAddress clientForHeaders() {
        InetSocketAddress o = orig;
        return o != null ? o : (InetSocketAddress) clientAddress;
    }

    InetSocketAddress destinationForHeaders() {
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
        return closer.termination();
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
        return connector.attempts();
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
