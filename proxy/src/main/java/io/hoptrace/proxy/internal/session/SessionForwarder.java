package io.hoptrace.proxy.internal.session;

import io.hoptrace.proxy.internal.transport.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;

/**
 * A session's data path: bytes from each side written to the other, with backpressure and half-closes. Driven by
 * {@link FrontendHandler} (the client connection) and {@link BackendHandler} (the server connection), on the
 * session's event loop.
 *
 * <p>Reads are explicit (auto-read off). A side is read again after what it sent has been written to the other
 * side and that side is still writable; when the other side goes over its high water mark, reading pauses until
 * it drains below the low one. So at most the high water mark plus one read is buffered per direction, however
 * fast one side sends and however slowly the other takes. What a client sends before its server connection is
 * up is held (up to {@link #EARLY_DATA_LIMIT}) and sent first. A FIN is forwarded as a half-close once the data
 * before it has been written; a reset is forwarded as a reset.
 */
final class SessionForwarder {
    /** How much a client may send before its server connection is up (it is read while connecting or queued). */
    static final int EARLY_DATA_LIMIT = 64 * 1024;

    private final ProxySession session;
    private ByteBuf early;

    SessionForwarder(ProxySession session) {
        this.session = session;
    }

    // ---- client side ----

    void frontRead(ByteBuf msg) {
        ProxySession s = session;
        int n = msg.readableBytes();
        s.bytesIn += n;
        s.frontend.counters().addIn(n);
        switch (s.state) {
            case ESTABLISHED -> {
                s.backend.counters().addIn(n);
                s.server.counters().addIn(n);
                Channel b = s.back.channel;
                b.write(msg, b.voidPromise());
            }
            case ACCEPTED, QUEUED, CONNECTING -> early = append(early, msg);
            default -> msg.release();
        }
    }

    void frontReadComplete() {
        ProxySession s = session;
        Leg front = s.front;
        long now = System.nanoTime();
        front.activityNanos = now;
        switch (s.state) {
            case ESTABLISHED -> {
                Channel b = s.back.channel;
                b.flush();
                s.back.flushed(now);
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
        ProxySession s = session;
        if (s.front.eof) {
            return;
        }
        s.front.eof = true;
        s.closer.finSeen(Termination.CLIENT_FIN);
        switch (s.state) {
            case ACCEPTED -> s.closer.abort(Termination.CLIENT_FIN); // gone before its PROXY header
            case ESTABLISHED -> {
                if (s.back.eof) {
                    s.closer.closeBoth(); // both directions are done: the close carries the FIN
                } else {
                    s.back.shutdownOutputAfterFlush();
                }
            }
            default -> {
                // Queued or connecting: the FIN is forwarded once the server connection is up.
            }
        }
    }

    void frontWritable() {
        ProxySession s = session;
        if (s.state == SessionState.ESTABLISHED && s.back.readPaused && s.front.channel.isWritable()) {
            s.back.readPaused = false;
            s.back.channel.read();
        }
    }

    void frontError(Throwable cause) {
        if (cause instanceof HAProxyProtocolException) {
            session.closer.abort(Termination.BAD_PROXY);
        } else {
            session.closer.abort(Transport.isReset(cause)
                    ? Termination.CLIENT_RST : Termination.CLIENT_ERROR);
        }
    }

    // ---- the server connection is up ----

    /** Sends what the client sent while connecting (and its FIN), then reads both sides. */
    void begin() {
        ProxySession s = session;
        Leg front = s.front;
        Channel b = s.back.channel;
        if (early != null) {
            int n = early.readableBytes();
            s.backend.counters().addIn(n);
            s.server.counters().addIn(n);
            b.write(early, b.voidPromise());
            early = null;
        }
        b.flush();
        if (front.eof) {
            s.back.shutdownOutputAfterFlush();
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
    }

    // ---- server side (events name their channel: a session may have abandoned earlier attempts) ----

    void backRead(Channel ch, ByteBuf msg) {
        ProxySession s = session;
        if (ch != s.back.channel || s.state != SessionState.ESTABLISHED) {
            msg.release();
            return;
        }
        int n = msg.readableBytes();
        s.bytesOut += n;
        s.frontend.counters().addOut(n);
        s.backend.counters().addOut(n);
        s.server.counters().addOut(n);
        Channel f = s.front.channel;
        f.write(msg, f.voidPromise());
    }

    void backReadComplete(Channel ch) {
        ProxySession s = session;
        if (ch != s.back.channel || s.state != SessionState.ESTABLISHED) {
            return;
        }
        long now = System.nanoTime();
        s.back.activityNanos = now;
        Channel f = s.front.channel;
        f.flush();
        s.front.flushed(now);
        if (!s.back.eof) {
            if (f.isWritable()) {
                ch.read();
            } else {
                s.back.readPaused = true;
            }
        }
    }

    void backEof(Channel ch) {
        ProxySession s = session;
        if (ch != s.back.channel || s.back.eof) {
            return;
        }
        s.back.eof = true;
        s.closer.finSeen(Termination.SERVER_FIN);
        if (s.state == SessionState.ESTABLISHED) {
            if (s.front.eof) {
                s.closer.closeBoth(); // both directions are done: the close carries the FIN
            } else {
                s.front.shutdownOutputAfterFlush();
            }
        }
    }

    void backWritable(Channel ch) {
        ProxySession s = session;
        if (ch == s.back.channel && s.state == SessionState.ESTABLISHED && s.front.readPaused && ch.isWritable()) {
            s.front.readPaused = false;
            s.front.channel.read();
        }
    }

    void backError(Channel ch, Throwable cause) {
        ProxySession s = session;
        if (ch != s.back.channel || s.state == SessionState.CONNECTING) {
            return; // a connect failure arrives through the connect future
        }
        s.closer.abort(Transport.isReset(cause)
                ? Termination.SERVER_RST : Termination.SERVER_ERROR);
    }

    /** The session is ending: what the client sent while connecting will never be sent. */
    void dropEarly() {
        if (early != null) {
            early.release();
            early = null;
        }
    }

    private ByteBuf append(ByteBuf held, ByteBuf msg) {
        if (held == null) {
            return msg;
        }
        CompositeByteBuf c;
        if (held instanceof CompositeByteBuf composite) {
            c = composite;
        } else {
            c = session.front.channel.alloc().compositeBuffer();
            c.addComponent(true, held);
        }
        return c.addComponent(true, msg);
    }
}
