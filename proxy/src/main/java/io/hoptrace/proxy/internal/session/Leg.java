package io.hoptrace.proxy.internal.session;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.SocketChannelConfig;

/**
 * One of a session's two connections, as the session sees it, and the ways it is ended. All fields belong to
 * the session's I/O thread.
 */
final class Leg {
    private static final ChannelFutureListener SHUTDOWN_OUTPUT = f -> {
        if (f.isSuccess()) {
            shutdownOutput(f.channel());
        }
    };

    Channel channel;
    /** The channel is open (for the server leg: from the connection attempt until its close). */
    boolean open;
    /** The peer sent FIN: nothing more to read. */
    boolean eof;
    /** Not reading because the other leg cannot take more (backpressure). */
    boolean readPaused;
    /** Last sign of life, System.nanoTime(): a read, or output the peer took. */
    long activityNanos;
    /** Pending output bytes at the previous idle check (output that moves is activity). */
    long checkedPending;

    void attach(Channel ch) {
        channel = ch;
        open = true;
        eof = false;
        readPaused = false;
    }

    /** Bytes written to this connection that the socket has not taken yet. */
    long pending() {
        Channel ch = channel;
        ChannelOutboundBuffer out = ch == null ? null : ch.unsafe().outboundBuffer();
        return out == null ? 0 : out.totalPendingWriteBytes();
    }

    /** After a flush: if the socket took everything, the peer is keeping up. */
    void flushed(long nowNanos) {
        if (pending() == 0) {
            activityNanos = nowNanos;
        }
    }

    /** Forwards a FIN: shuts the output down once everything written before it is on the wire. */
    void shutdownOutputAfterFlush() {
        Channel ch = channel;
        if (pending() == 0) {
            shutdownOutput(ch); // nothing to wait for: no empty write, no listener
        } else {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(SHUTDOWN_OUTPUT);
        }
    }

    private static void shutdownOutput(Channel ch) {
        if (ch instanceof DuplexChannel d && d.isActive()) {
            ChannelFuture done = d.shutdownOutput();
            if (done.isSuccess() && d.config() instanceof SocketChannelConfig config) {
                // Nothing more will be written here, so the peer's FIN, when it comes, ends this connection: it
                // can close at once rather than half-close (Netty's half-close costs a shutdown(SHUT_RD) system
                // call and, when the output is already shut down, an exception). The session sees the close.
                config.setAllowHalfClosure(false);
            }
        }
    }

    /** Closes once what is pending has been written (at once when nothing is: no empty write, no listener). */
    void closeOnFlush() {
        Channel ch = channel;
        if (ch == null) {
            return;
        }
        if (ch.isActive() && pending() > 0) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            ch.close();
        }
    }

    /** Closes now; with {@code reset}, with a reset (SO_LINGER 0) so that the peer sees one. */
    void close(boolean reset) {
        Channel ch = channel;
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
}
