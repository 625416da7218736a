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
 * <p>Each event is formatted at most once per mode ({@link EventLineFormatter}, bare or full) into one buffer,
 * shared by every subscriber of that mode as retained duplicates; nothing is formatted when nobody listens.
 */
public final class EventBus<S extends TrackedSession> {
    private final EventDispatcher dispatcher;
    private final long queueBytes;
    private final LongObjectHashMap<S> sessions = new LongObjectHashMap<>();
    private final List<EventSubscriber> subscribers = new ArrayList<>();
    private final StringBuilder line = new StringBuilder(256);
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
        ByteBuf bare = null;
        ByteBuf full = null;
        try {
            for (int i = 0, n = subscribers.size(); i < n; i++) {
                EventSubscriber sub = subscribers.get(i);
                if (fullOnly && !sub.full()) {
                    continue;
                }
                if (!sub.hasRoom()) {
                    sub.drop();
                    dropped++;
                    continue;
                }
                ByteBuf shared;
                if (sub.full()) {
                    shared = full != null ? full : (full = format(sub.channel().alloc(), event, true));
                } else {
                    shared = bare != null ? bare : (bare = format(sub.channel().alloc(), event, false));
                }
                sub.send(shared.retainedDuplicate());
                sent++;
                long queued = sub.queuedBytes();
                if (queued > maxQueuedBytes) {
                    maxQueuedBytes = queued;
                }
            }
        } finally {
            if (bare != null) {
                bare.release();
            }
            if (full != null) {
                full.release();
            }
        }
        scheduleFlush();
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
        for (int i = 0, n = subscribers.size(); i < n; i++) {
            subscribers.get(i).channel().flush();
        }
    }

    /**
     * Dispatcher thread: starts streaming events to {@code channel}. With {@code snapshot}, first replays the
     * established sessions as {@code +} lines (by id) and {@code # snapshot <n>}, in the same step.
     */
    public EventSubscriber subscribe(Channel channel, boolean full, boolean snapshot) {
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
