package io.hoptrace.proxy.internal.session;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;

/** One of a session's two connections, as the session sees it. All fields belong to the session's I/O thread. */
final class Leg {
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
}
