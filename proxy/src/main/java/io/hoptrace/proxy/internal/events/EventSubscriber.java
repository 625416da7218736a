package io.hoptrace.proxy.internal.events;

import io.hoptrace.events.EventLineFormatter;
import io.hoptrace.events.SessionEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;

/**
 * One {@code show events} stream: a stats socket channel, its mode, and its drop accounting. Lives on the
 * dispatcher thread.
 *
 * <p>The subscriber's queue is the channel's outbound buffer, bounded to {@code queueBytes} (plus the size of
 * its snapshot replay, which is bounded by the number of live sessions and must never be dropped, or a tracer
 * resynchronising would loop). An event that finds the queue full is dropped and counted; the next time there
 * is room the subscriber first receives {@code ! dropped <n>}.
 *
 * <p>Events reach the channel in batches: the bus formats each event once per mode into a shared batch buffer,
 * and a subscriber holds the range of that buffer it has taken since the last flush ({@link #take}); the range
 * is written as one slice when the bus flushes, when the subscriber drops an event (so the range stays
 * contiguous) or when the batch buffer is full. Bytes held in the range count as queued.
 */
public final class EventSubscriber {
    private final Channel channel;
    private final boolean full;
    private final long queueBytes;
    private long allowance;
    private long dropped;
    /** The batch buffer this subscriber's pending range is in, and the range [rangeStart, rangeEnd); or null. */
    private ByteBuf batch;
    private int rangeStart;
    private int rangeEnd;

    private final ChannelInboundHandlerAdapter watcher = new ChannelInboundHandlerAdapter() {
        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                drained();
            }
            ctx.fireChannelWritabilityChanged();
        }
    };

    EventSubscriber(Channel channel, boolean full, long queueBytes) {
        this.channel = channel;
        this.full = full;
        this.queueBytes = queueBytes;
    }

    /** Starts watching the channel drain (its writability), to announce drops as soon as there is room. */
    void attach() {
        channel.pipeline().addLast(watcher);
    }

    void detach() {
        if (channel.pipeline().context(watcher) != null) {
            channel.pipeline().remove(watcher);
        }
    }

    public Channel channel() {
        return channel;
    }

    public boolean full() {
        return full;
    }

    /** Bytes written to the channel and not yet taken by the socket, plus the range not yet written. */
    long queuedBytes() {
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        return out == null ? Long.MAX_VALUE : out.totalPendingWriteBytes() + (rangeEnd - rangeStart);
    }

    boolean hasRoom() {
        return queuedBytes() < queueBytes + allowance;
    }

    void drop() {
        writeRange(); // what was taken before the drop goes first, and the range restarts after the notice
        dropped++;
    }

    /**
     * Takes the event line at {@code [start, end)} of {@code lines} (a batch buffer of the bus): extends the pending
     * range when it follows it, else writes the pending range and starts a new one, announcing earlier drops first.
     */
    void take(ByteBuf lines, int start, int end) {
        if (batch != lines || rangeEnd != start || dropped > 0) {
            writeRange();
            announceDrops();
            batch = lines;
            rangeStart = start;
        }
        rangeEnd = end;
    }

    /** Writes the pending range to the channel (a retained slice the channel releases); flushing is the bus's. */
    void writeRange() {
        if (batch != null) {
            if (rangeEnd > rangeStart) {
                channel.write(batch.retainedSlice(rangeStart, rangeEnd - rangeStart), channel.voidPromise());
            }
            batch = null;
            rangeStart = 0;
            rangeEnd = 0;
        }
    }

    /** After the snapshot replay: its bytes do not count against the queue bound until they have drained. */
    void allowQueued() {
        allowance = queuedBytes();
    }

    /** The channel drained below its low water mark: the snapshot is gone, and there is room to announce. */
    void drained() {
        allowance = 0;
        if (dropped > 0 && hasRoom()) {
            announceDrops();
            channel.flush();
        }
    }

    private void announceDrops() {
        if (dropped > 0) {
            String notice = EventLineFormatter.format(new SessionEvent.Dropped(dropped), full) + "\n";
            channel.write(ByteBufUtil.writeAscii(channel.alloc(), notice), channel.voidPromise());
            dropped = 0;
        }
    }
}
