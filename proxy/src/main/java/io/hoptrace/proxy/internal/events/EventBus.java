package io.hoptrace.proxy.internal.events;

import io.hoptrace.events.EventLineFormatter;
import io.hoptrace.events.SessionEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.collection.LongObjectHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * One proxy's session events: the live-session table and the {@code show events} subscribers.
 *
 * <p>Producers (the I/O threads) call {@link #accepted}, {@link #established} and {@link #closed}; each posts a
 * task to the {@link EventDispatcher}'s queue and returns: no lock, no formatting, no blocking on the data path.
 * Everything else runs on the dispatcher thread, which owns the table and the subscribers. Because the queue is
 * FIFO, events leave in the order they were posted across the whole proxy, and a session's {@code +} (posted by
 * its I/O thread before its {@code -}) always comes first. A snapshot ({@link #subscribe} with
 * {@code snapshot}) replays the table and registers the subscriber in one dispatcher task, so no session is
 * missed or reported twice.
 *
 * <p>Each event is formatted at most once per mode ({@link EventLineFormatter}, bare or full), appended to that
 * mode's batch buffer, and taken by every subscriber of that mode that has room ({@link EventSubscriber#take}):
 * what a subscriber took since the last flush is one contiguous range, written as one slice per flush rather
 * than one buffer per event per subscriber. Nothing is formatted when nobody listens.
 */
public final class EventBus<S extends TrackedSession> {
    /**
     * Batch buffers are this big (a busy proxy's events of about a millisecond); a batch that cannot take the
     * next line is written out and replaced.
     */
    static final int BATCH_BYTES = 16 * 1024;

    private final EventDispatcher dispatcher;
    private final long queueBytes;
    private final LongObjectHashMap<S> sessions = new LongObjectHashMap<>();
    private final List<EventSubscriber> subscribers = new ArrayList<>();
    private final StringBuilder line = new StringBuilder(256);
    private ByteBuf bareBatch;
    private ByteBuf fullBatch;
    private final Runnable flushTask = this::flushSubscribers;
    private boolean flushScheduled;
    private long sent;
    private long dropped;
    private long maxQueuedBytes;

    public EventBus(EventDispatcher dispatcher, long queueBytes) {
        if (queueBytes < 1) {
            throw new IllegalArgumentException("event queue: expected at least 1 byte per subscriber, got "
                    + queueBytes);
        }
        this.dispatcher = dispatcher;
        this.queueBytes = queueBytes;
    }

    public EventDispatcher dispatcher() {
        return dispatcher;
    }

    // ---- producers (any thread) ----

    /** A connection was accepted: the session joins the table ({@code show sess}), no event yet. */
    public void accepted(S session) {
        dispatcher.post(() -> sessions.put(session.id(), session));
    }

    /** Both connections are up: {@code +}. */
    public void established(S session) {
        dispatcher.post(() -> announce(session));
    }

    /** The session ended: {@code -} if it was established, else {@code x} (full mode only). */
    public void closed(S session) {
        dispatcher.post(() -> retire(session));
    }

    // ---- dispatcher thread ----

    private void announce(S session) {
        session.announced = true;
        if (!subscribers.isEmpty()) {
            publish(session.openEvent(), false);
        }
    }

    private void retire(S session) {
        sessions.remove(session.id());
        if (!subscribers.isEmpty()) {
            publish(session.endEvent(), !session.announced);
        }
    }

    private void publish(SessionEvent event, boolean fullOnly) {
        int bareStart = -1;
        int fullStart = -1;
        for (int i = 0, n = subscribers.size(); i < n; i++) {
            EventSubscriber sub = subscribers.get(i);
            boolean full = sub.full();
            if (fullOnly && !full) {
                continue;
            }
            if (!sub.hasRoom()) {
                sub.drop();
                dropped++;
                continue;
            }
            if (full) {
                if (fullStart < 0) {
                    fullStart = append(sub.channel().alloc(), event, true);
                }
                sub.take(fullBatch, fullStart, fullBatch.writerIndex());
            } else {
                if (bareStart < 0) {
                    bareStart = append(sub.channel().alloc(), event, false);
                }
                sub.take(bareBatch, bareStart, bareBatch.writerIndex());
            }
            sent++;
            long queued = sub.queuedBytes();
            if (queued > maxQueuedBytes) {
                maxQueuedBytes = queued;
            }
        }
        scheduleFlush();
    }

    /** Formats {@code event} onto the end of its mode's batch buffer; returns where the line starts. */
    private int append(ByteBufAllocator alloc, SessionEvent event, boolean full) {
        line.setLength(0);
        EventLineFormatter.appendTo(line, event, full).append('\n');
        int max = ByteBufUtil.utf8MaxBytes(line);
        ByteBuf batch = full ? fullBatch : bareBatch;
        if (batch == null || batch.writableBytes() < max) {
            if (batch != null) {
                endBatch(batch);
            }
            batch = alloc.directBuffer(Math.max(BATCH_BYTES, max), Math.max(BATCH_BYTES, max));
            if (full) {
                fullBatch = batch;
            } else {
                bareBatch = batch;
            }
        }
        int start = batch.writerIndex();
        ByteBufUtil.writeUtf8(batch, line);
        return start;
    }

    /** Writes every subscriber's range of {@code batch} to its channel and lets the batch go. */
    private void endBatch(ByteBuf batch) {
        for (int i = 0, n = subscribers.size(); i < n; i++) {
            subscribers.get(i).writeRange();
        }
        batch.release();
        if (batch == fullBatch) {
            fullBatch = null;
        } else if (batch == bareBatch) {
            bareBatch = null;
        }
    }

    private ByteBuf format(ByteBufAllocator alloc, SessionEvent event, boolean full) {
        line.setLength(0);
        EventLineFormatter.appendTo(line, event, full).append('\n');
        ByteBuf buf = alloc.directBuffer(ByteBufUtil.utf8MaxBytes(line));
        ByteBufUtil.writeUtf8(buf, line);
        return buf;
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            // Behind the events already queued: one flush (one writev) per batch, not per event.
            dispatcher.execute(flushTask);
        }
    }

    private void flushSubscribers() {
        flushScheduled = false;
        endBatches();
        for (int i = 0, n = subscribers.size(); i < n; i++) {
            subscribers.get(i).channel().flush();
        }
    }

    /** Writes out every pending range: before a flush, and before subscribers come or go. */
    private void endBatches() {
        if (fullBatch != null) {
            endBatch(fullBatch);
        }
        if (bareBatch != null) {
            endBatch(bareBatch);
        }
    }

    /**
     * Dispatcher thread: starts streaming events to {@code channel}. With {@code snapshot}, first replays the
     * established sessions as {@code +} lines (by id) and {@code # snapshot <n>}, in the same step.
     */
    public EventSubscriber subscribe(Channel channel, boolean full, boolean snapshot) {
        endBatches(); // a batch buffer is shared by the subscribers that were there when its lines were added
        EventSubscriber sub = new EventSubscriber(channel, full, queueBytes);
        if (snapshot) {
            long[] ids = new long[sessions.size()];
            int n = 0;
            for (S s : sessions.values()) {
                if (s.announced) {
                    ids[n++] = s.id();
                }
            }
            Arrays.sort(ids, 0, n);
            for (int i = 0; i < n; i++) {
                channel.write(format(channel.alloc(), sessions.get(ids[i]).openEvent(), full),
                        channel.voidPromise());
            }
            channel.write(format(channel.alloc(), new SessionEvent.Snapshot(n), full), channel.voidPromise());
            sent += n;
            sub.allowQueued();
        }
        subscribers.add(sub);
        sub.attach();
        dispatcher.subscriberAdded();
        channel.flush();
        return sub;
    }

    /** Dispatcher thread: stops streaming to this subscriber (it sent a new line or went away). */
    public void unsubscribe(EventSubscriber sub) {
        sub.writeRange(); // what it took is its own, as if written at once
        if (subscribers.remove(sub)) {
            sub.detach();
            dispatcher.subscriberRemoved();
        }
    }

    /**
     * Dispatcher thread: flushes what every subscriber has queued, then closes them (the proxy stops). Returns
     * their close futures.
     */
    public List<ChannelFuture> closeSubscribers() {
        List<ChannelFuture> closed = new ArrayList<>();
        for (EventSubscriber sub : List.copyOf(subscribers)) {
            unsubscribe(sub);
            sub.channel().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            closed.add(sub.channel().closeFuture());
        }
        return closed;
    }

    /** Dispatcher thread: visits the live sessions (accepted, not yet ended), in no particular order. */
    public void forEachSession(Consumer<S> visitor) {
        for (S s : sessions.values()) {
            visitor.accept(s);
        }
    }

    /** Dispatcher thread: the live session with this id, or null. */
    public S session(long id) {
        return sessions.get(id);
    }

    public int sessionCount() {
        return sessions.size();
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    /** Event lines written to subscribers, one per subscriber per event, snapshot replays included. */
    public long eventsSent() {
        return sent;
    }

    /** Events not written to a subscriber because its queue was full. */
    public long eventsDropped() {
        return dropped;
    }

    /** The most bytes any subscriber had queued right after an event was written to it. */
    public long maxQueuedBytes() {
        return maxQueuedBytes;
    }

    public long queueBytes() {
        return queueBytes;
    }
}
