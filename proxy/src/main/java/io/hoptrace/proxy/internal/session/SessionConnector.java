package io.hoptrace.proxy.internal.session;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.Timestamps;
import io.hoptrace.proxy.ServerConfig;
import io.hoptrace.proxy.UniqueIdFormat;
import io.hoptrace.proxy.internal.backend.BackendRuntime;
import io.hoptrace.proxy.internal.backend.QueueEntry;
import io.hoptrace.proxy.internal.backend.ServerRuntime;
import io.hoptrace.proxy.internal.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A session's way to a server: the unique id, a slot on the server the balancer picks (or a place in the backend
 * queue while every server is at {@code maxconn}), connection attempts with {@code retries} and
 * {@code option redispatch}, and, once connected, the hand-over to the {@link SessionForwarder}. Runs on the
 * session's event loop.
 */
final class SessionConnector {
    private final ProxySession session;
    private QueueEntry queueEntry;
    private ScheduledFuture<?> queueTimer;
    private int attempts;
    /** The session counts in the backend's {@code scur} (from the first attempt to its end). */
    private boolean backendCounted;

    SessionConnector(ProxySession session) {
        this.session = session;
    }

    /** The client is accepted (and its PROXY header read): choose a server and connect. */
    void start() {
        ProxySession s = session;
        UniqueIdFormat format = s.frontend.uniqueIdFormat();
        s.uniqueId = format != null ? format.render(new UniqueIdFormat.Values(Endpoint.of(s.clientForHeaders()),
                Endpoint.of(s.frontendAddress), s.acceptMicros, s.id(), s.host.pid())) : s.receivedUniqueId;
        BackendRuntime backend = s.backend;
        if (backend == null || !backend.hasServers()) {
            s.closer.abort(Termination.NO_SERVER);
            return;
        }
        backend.counters().opened();
        backendCounted = true;
        s.state = SessionState.CONNECTING;
        s.front.channel.read(); // take what the client sends while connecting (bounded by EARLY_DATA_LIMIT)
        dispatch(null, null);
    }

    /** Takes a slot on {@code only} (a retry) or on the balancer's choice (avoiding {@code exclude}), or queues. */
    private void dispatch(ServerRuntime only, ServerRuntime exclude) {
        ProxySession s = session;
        InetAddress source = s.clientForHeaders().getAddress();
        ServerRuntime server = s.backend.reserve(source, only, exclude);
        if (server != null) {
            connect(server);
            return;
        }
        s.state = SessionState.QUEUED;
        queueEntry = s.backend.enqueue(s, source, only, exclude);
        Duration timeout = s.backend.queueTimeout();
        if (timeout != null) {
            queueTimer = s.eventLoop().schedule(this::queueTimedOut, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** The backend queue handed this session a slot on {@code server}. */
    void assigned(ServerRuntime server) {
        if (session.state != SessionState.QUEUED) {
            server.release(); // the session ended while the slot was on its way
            return;
        }
        queueEntry = null;
        cancelQueueTimer();
        connect(server);
    }

    private void queueTimedOut() {
        queueTimer = null;
        if (session.state == SessionState.QUEUED && session.backend.cancel(queueEntry)) {
            queueEntry = null;
            session.closer.abort(Termination.QUEUE_TIMEOUT);
        }
    }

    private void connect(ServerRuntime server) {
        ProxySession s = session;
        s.server = server;
        attempts++;
        s.state = SessionState.CONNECTING;
        server.counters().selected();
        Channel ch = ServerConnector.open(s, s.host.transport(), s.eventLoop(), server, s.backend.connectTimeout());
        s.back.attach(ch);
        ch.closeFuture().addListener((ChannelFuture f) -> s.closer.backClosed(f.channel()));
    }

    void connectDone(Channel ch, ChannelFuture f) {
        if (ch != session.back.channel || session.state != SessionState.CONNECTING) {
            ch.close(); // an attempt nobody waits for any more
        } else if (f.isSuccess()) {
            established();
        } else {
            connectFailed(f.cause());
            ch.close(); // a failed attempt's channel stays open (a Bootstrap would close it): release its fd
        }
    }

    private void connectFailed(Throwable cause) {
        ProxySession s = session;
        BackendRuntime backend = s.backend;
        ServerRuntime failed = s.server;
        s.server = null;
        s.back.channel = null;
        s.back.open = false;
        failed.counters().connectError();
        backend.counters().connectError();
        failed.release();
        Termination why = cause instanceof ConnectTimeoutException ? Termination.CONNECT_TIMEOUT
                : Transport.isRefused(cause) ? Termination.CONNECT_REFUSED : Termination.CONNECT_ERROR;
        int retried = attempts - 1;
        if (retried >= backend.retries()) {
            s.closer.abort(why);
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

    /** Both connections are up: announce the session ({@code +}), send the PROXY header, start forwarding. */
    private void established() {
        ProxySession s = session;
        Channel b = s.back.channel;
        long now = System.nanoTime();
        s.state = SessionState.ESTABLISHED;
        s.establishedMicros = Timestamps.nowMicros();
        s.backendAddress = b.localAddress();
        s.serverAddress = b.remoteAddress();
        s.serverName = s.server.name();
        s.back.activityNanos = now;
        s.front.activityNanos = now;
        if (s.server.sendProxy() != ServerConfig.SendProxy.NONE) {
            b.write(ProxyHeaders.build(s.server.sendProxy(), s.clientForHeaders(), s.destinationForHeaders(),
                    s.uniqueId), b.voidPromise());
            b.pipeline().remove(HAProxyMessageEncoder.INSTANCE);
        }
        s.host.bus().established(s);
        s.forwarder.begin();
        if (s.timer != null) {
            s.timer.start();
        }
    }

    /** Leaves the backend queue if the session is in it (if a slot is already on its way, assigned() gives it back). */
    void leaveQueue() {
        cancelQueueTimer();
        if (queueEntry != null) {
            session.backend.cancel(queueEntry);
            queueEntry = null;
        }
    }

    /** The session has ended: gives back its server slot and its place in the backend's {@code scur}. */
    void release() {
        ProxySession s = session;
        if (s.server != null) {
            ServerRuntime server = s.server;
            s.server = null;
            server.release();
        }
        if (backendCounted) {
            s.backend.counters().closed();
        }
    }

    int attempts() {
        return attempts;
    }

    private void cancelQueueTimer() {
        if (queueTimer != null) {
            queueTimer.cancel(false);
            queueTimer = null;
        }
    }
}
