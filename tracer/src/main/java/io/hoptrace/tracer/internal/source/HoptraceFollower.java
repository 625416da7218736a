package io.hoptrace.tracer.internal.source;

import io.hoptrace.events.EventLineException;
import io.hoptrace.events.EventLineParser;
import io.hoptrace.events.SessionEvent;
import io.hoptrace.events.Timestamps;
import io.hoptrace.tracer.internal.net.LineChars;
import io.hoptrace.tracer.internal.net.LineSink;
import io.netty.channel.Channel;

/**
 * Follows a proxy that speaks the {@code show events} protocol (docs/protocol.md; DESIGN.md "The stats socket
 * protocol").
 *
 * <p>Full mode sends {@code show events full snapshot}: the {@code +} lines up to {@code # snapshot <n>} are the
 * sessions established at subscription time; each is compared with the table (same: nothing to report; new:
 * opened; same id with other addresses: the old one lost, the new one opened), and at the {@code #} line every
 * open session of this source that the snapshot did not list is closed as {@code term=lost}. Then the live
 * stream is applied as it comes. {@code ! dropped <n>} means this subscriber lost events: the gap is recorded and
 * the runner subscribes again with a snapshot, which repairs the table.
 *
 * <p>If the first answer line is not an event line (a proxy that does not know {@code full}/{@code snapshot}
 * prints its usage text) the runner falls back: a stock HAProxy is polled instead, anything else is followed in
 * the original bare format ({@code show events}: no attributes and no snapshot, so the table starts empty and
 * fills from the stream; on every new subscription what the table held is closed as lost, since nothing can
 * confirm it).
 */
final class HoptraceFollower implements Follower, LineSink {
    private enum Phase { CONNECTING, FIRST_LINE, SNAPSHOT, STREAM, NOT_EVENTS, DONE }

    private final SourceContext ctx;
    private final SourceRunner runner;
    private final boolean bare;
    private final EventLineParser parser = new EventLineParser();
    private Phase phase = Phase.CONNECTING;
    private String answerText;
    private Channel channel;
    private boolean stopping;

    HoptraceFollower(SourceContext ctx, SourceRunner runner, boolean bare) {
        this.ctx = ctx;
        this.runner = runner;
        this.bare = bare;
    }

    @Override
    public void start() {
        channel = ctx.open(bare ? "show events" : "show events full snapshot", this, 0, this::connected,
                this::ended);
    }

    @Override
    public void stop() {
        stopping = true;
        if (channel != null) {
            channel.close();
        }
    }

    private void connected() {
        runner.connected();
        if (bare) {
            // The original format has no snapshot: what the table held cannot be confirmed, so it is closed as
            // lost and the table fills again from the stream.
            long now = Timestamps.nowMicros();
            for (long id : ctx.shard.openIds()) {
                ctx.emitLost(id, now);
            }
            phase = Phase.STREAM;
            runner.synced();
        } else {
            phase = Phase.FIRST_LINE;
        }
    }

    @Override
    public void line(LineChars line, long receivedMicros) {
        if (phase == Phase.DONE || phase == Phase.NOT_EVENTS) {
            return; // after a resync request, or the rest of a usage text: read to the close
        }
        EventLineParser.Kind kind;
        try {
            kind = parser.scan(line);
        } catch (EventLineException x) {
            if (phase == Phase.FIRST_LINE) {
                phase = Phase.NOT_EVENTS;
                answerText = SourceContext.abbreviate(line);
                return;
            }
            ctx.malformed(line, x.getMessage());
            return;
        }
        if (kind == null) {
            return; // blank line or comment
        }
        if (phase == Phase.STREAM && ctx.applyScanned(parser, receivedMicros)) {
            return; // the hot path: an open, close or failure applied without building an event
        }
        SessionEvent e = parser.event();
        if (phase == Phase.FIRST_LINE) {
            ctx.shard.beginSweep();
            phase = Phase.SNAPSHOT;
        }
        if (phase == Phase.SNAPSHOT) {
            snapshotLine(e, receivedMicros);
        } else {
            streamLine(e, receivedMicros);
        }
    }

    private void snapshotLine(SessionEvent e, long now) {
        if (e instanceof SessionEvent.Open o) {
            ctx.reconcile(o, now);
        } else if (e instanceof SessionEvent.Snapshot s) {
            for (long id : ctx.shard.unswept()) {
                ctx.emitLost(id, now);
            }
            ctx.emit(s, now);
            phase = Phase.STREAM;
            runner.synced();
        } else {
            // A close, failure or drop before any '# snapshot': this proxy streams without snapshots (the original
            // patch ignores arguments). Nothing can be swept; follow the stream from here.
            phase = Phase.STREAM;
            runner.synced();
            streamLine(e, now);
        }
    }

    private void streamLine(SessionEvent e, long now) {
        if (e instanceof SessionEvent.Dropped d) {
            ctx.counters.drops++;
            ctx.counters.droppedEvents += d.count();
            ctx.emit(d, now);
            ctx.log.warn("the proxy dropped " + d.count() + " events for this subscriber; resynchronising");
            phase = Phase.DONE;
            stopping = true;
            channel.close();
            runner.resync();
        } else if (e instanceof SessionEvent.Snapshot) {
            ctx.malformed("# snapshot", "a snapshot marker in the middle of the stream");
        } else {
            ctx.emit(e, now);
        }
    }

    @Override
    public void endOfRead() {
        ctx.endBatch();
    }

    @Override
    public void overlong(int length) {
        ctx.malformed("(" + length + " bytes without a line end)", "line too long");
    }

    private void ended(Throwable cause) {
        if (stopping) {
            return;
        }
        if (phase == Phase.NOT_EVENTS) {
            runner.notAnEventStream(bare, answerText);
        } else if (phase == Phase.CONNECTING) {
            runner.connectFailed(cause);
        } else {
            runner.lost(cause != null ? SourceRunner.describe(cause) : "the proxy closed the event stream");
        }
    }
}
