package io.hoptrace.tracer.internal.source;

import io.hoptrace.events.EventLineParser;
import io.hoptrace.events.EventRecord;
import io.hoptrace.events.SessionEvent;
import io.hoptrace.tracer.SourceSpec;
import io.hoptrace.tracer.TracerOptions;
import io.hoptrace.tracer.internal.net.LineSink;
import io.hoptrace.tracer.internal.net.StatsAddress;
import io.hoptrace.tracer.internal.net.StatsConnection;
import io.hoptrace.tracer.internal.net.StatsTransport;
import io.hoptrace.tracer.internal.table.SessionShard;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.function.Consumer;

/**
 * What every part of one source shares: its name and address, its shard of the table, its event loop (all its
 * connections and timers run there, so its state needs no locks), its counters, and the one path by which events
 * reach the table and the listener.
 */
final class SourceContext {
    final SourceSpec spec;
    final String name;
    final StatsAddress address;
    final SessionShard shard;
    final EventLoop loop;
    final StatsTransport transport;
    final TracerOptions options;
    final SourceCounters counters;
    final WarningLog log;
    private final Consumer<EventRecord> listener;

    SourceContext(SourceSpec spec, SessionShard shard, EventLoop loop, StatsTransport transport,
                  TracerOptions options, SourceCounters counters, Consumer<EventRecord> listener) {
        this.spec = spec;
        this.name = spec.name();
        this.address = StatsAddress.parse(spec.address());
        this.shard = shard;
        this.loop = loop;
        this.transport = transport;
        this.options = options;
        this.counters = counters;
        this.log = new WarningLog(spec.name(), options.warnings());
        this.listener = listener;
    }

    /** Applies an event to the table and hands its record to the listener. */
    void emit(SessionEvent e, long receivedMicros) {
        shard.endBatch();
        EventRecord r = EventRecord.of(name, e, receivedMicros);
        shard.apply(r);
        if (!(e instanceof SessionEvent.Dropped) && !(e instanceof SessionEvent.Snapshot)) {
            counters.count(e);
        }
        if (listener != null) {
            try {
                listener.accept(r);
            } catch (RuntimeException x) {
                log.warn("event listener failed: " + x);
            }
        }
    }

    /**
     * The same as {@link #emit} with the event of the line {@code scanned} last read, when that needs no event
     * object: an open, close or failure, and no listener to hand a record to. Returns false (and does nothing)
     * otherwise; the caller then emits the event. Applies in a batch: the caller ends it with {@link #endBatch} once
     * the lines of the read are done.
     */
    boolean applyScanned(EventLineParser scanned, long receivedMicros) {
        EventLineParser.Kind kind = scanned.kind();
        if (listener != null || kind == EventLineParser.Kind.DROPPED || kind == EventLineParser.Kind.SNAPSHOT) {
            return false;
        }
        shard.applyInBatch(scanned, receivedMicros);
        counters.count(kind, scanned.term());
        return true;
    }

    /** Ends the batch {@link #applyScanned} keeps open across the lines of a read (readers may proceed). */
    void endBatch() {
        shard.endBatch();
    }

    /** Closes a session that vanished while the tracer was not looking. */
    void emitLost(long id, long nowMicros) {
        emit(new SessionEvent.Close(id, SessionEvent.NONE, SessionEvent.NONE, SessionEvent.NONE,
                SessionEvent.NONE, "lost"), nowMicros);
    }

    /**
     * A session seen in a snapshot or a poll: reported when new; when its id now names other addresses, the old
     * session is closed as lost and the new one reported; nothing when the table has it already (or its close
     * came first, as HAProxy's ring logs a session before the stream is freed).
     */
    void reconcile(SessionEvent.Open o, long nowMicros) {
        switch (shard.reconcile(o)) {
            case NEW -> emit(o, nowMicros);
            case REPLACE -> {
                emitLost(o.id(), nowMicros);
                emit(o, nowMicros);
            }
            case SAME, STALE -> {
                // nothing new to report
            }
        }
    }

    /** Counts and reports a line the tracer does not understand; the table is not touched. */
    void malformed(CharSequence line, String why) {
        counters.malformed++;
        String text = abbreviate(line);
        counters.lastMalformed = text;
        log.warn("malformed line (" + why + "): " + text);
    }

    Channel open(String request, LineSink sink, long readTimeoutMillis, Runnable onConnected,
                 Consumer<Throwable> onEnd) {
        return StatsConnection.open(transport, address, loop, request, sink,
                (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()), readTimeoutMillis,
                onConnected, onEnd);
    }

    long answerTimeoutMillis() {
        return options.answerTimeout().toMillis();
    }

    static String abbreviate(CharSequence s) {
        String t = s.toString();
        return t.length() <= 200 ? t : t.substring(0, 197) + "...";
    }
}
