package io.hoptrace.tracer.internal.source;

import io.hoptrace.events.SessionEvent;
import io.hoptrace.events.Timestamps;
import io.hoptrace.tracer.TracedSession;
import io.hoptrace.tracer.internal.net.LineChars;
import io.hoptrace.tracer.internal.net.LineSink;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Follows a stock HAProxy (2.6+) through its ordinary stats socket (docs/haproxy.md).
 *
 * <p>Polls {@code show info;show sess all} every interval. Each poll is a snapshot: streams established since
 * the last poll are opened, streams gone since are closed. HAProxy does not say why or with how many bytes, so a
 * poll-detected close carries no reason; with a ring configured, such closes wait one more interval for the
 * ring's log line, which carries bytes, timers and the termination state. After a failed poll, or when
 * {@code show info} shows a new process (another Pid, or an uptime that went back), what vanished is closed as
 * {@code term=lost}.
 *
 * <p>The ring ({@code show events <ring> -w}) also reports sessions shorter than the poll interval, which no
 * poll ever sees: their log line carries the four addresses, so they are opened and closed from it.
 */
final class HaproxyFollower implements Follower {
    private final SourceContext ctx;
    private final SourceRunner runner;
    private final HaproxyClock clock = new HaproxyClock();
    private final HaproxyRingReader ring;
    /** Sessions a poll found gone, waiting one interval for their ring line: id to when they were missed. */
    private Map<Long, Long> pending = new HashMap<>();
    private long pid = -1;
    private long uptime = -1;
    private boolean gap = true;
    private boolean stopped;
    private Channel pollChannel;
    private ScheduledFuture<?> pollTimer;

    HaproxyFollower(SourceContext ctx, SourceRunner runner) {
        this.ctx = ctx;
        this.runner = runner;
        this.ring = ctx.spec.ring() == null ? null : new HaproxyRingReader(ctx, runner, this::ringLine);
    }

    @Override
    public void start() {
        poll();
        if (ring != null) {
            ring.start();
        }
    }

    @Override
    public void stop() {
        stopped = true;
        if (pollTimer != null) {
            pollTimer.cancel(false);
        }
        if (pollChannel != null) {
            pollChannel.close();
        }
        if (ring != null) {
            ring.stop();
        }
    }

    // ---- polling ----

    private void poll() {
        if (stopped) {
            return;
        }
        PollAnswer answer = new PollAnswer();
        pollChannel = ctx.open("show info;show sess all", answer, ctx.answerTimeoutMillis(), runner::connected,
                cause -> pollEnded(answer, cause));
    }

    /** The two answers of one poll: {@code show info}, then the {@code show sess all} dump. */
    private final class PollAnswer implements LineSink, HaproxySessParser.Handler {
        final InfoAnswer info = new InfoAnswer();
        final HaproxySessParser sessions = new HaproxySessParser(this);
        boolean infoDone;
        boolean infoBad;
        String error;
        long receivedMicros;
        long current;

        @Override
        public void line(LineChars line, long now) {
            receivedMicros = now;
            if (!infoDone) {
                info.line(line, now);
                if (info.complete()) {
                    infoDone = true;
                    infoBad = !info.hasValues();
                    if (!infoBad) {
                        infoReceived(info, now);
                    }
                }
                return;
            }
            if (!infoBad && error == null) {
                current = now;
                sessions.line(line);
            }
        }

        @Override
        public void overlong(int length) {
            ctx.malformed("(" + length + " bytes without a line end)", "line too long");
        }

        @Override
        public void session(HaproxySession s) {
            if (!s.isProxied()) {
                return;
            }
            long ts = clock.toEpochMicros(s.acceptLocalMicros(), s.ageSeconds(), current);
            SessionEvent.Open o = new SessionEvent.Open(s.id(), s.source(), s.frontendAddr(), s.backendAddr(),
                    s.serverAddr(), ts, s.frontendName(), s.backendName(), s.serverName(), null, null);
            ctx.reconcile(o, current);
        }

        @Override
        public void error(String text) {
            if (error == null) {
                error = text;
            }
        }

        @Override
        public void malformed(String text, String why) {
            ctx.malformed(text, why);
        }
    }

    private void infoReceived(InfoAnswer info, long now) {
        long newPid = info.pid();
        long newUptime = info.uptimeSeconds();
        if (pid != -1 && (newPid != pid || (newUptime >= 0 && newUptime < uptime))) {
            ctx.log.warn("haproxy restarted (pid " + pid + " -> " + newPid + "); its old sessions are closed as lost");
            for (long id : ctx.shard.openIds()) {
                ctx.emitLost(id, now);
            }
            pending.clear();
            gap = true;
        }
        pid = newPid;
        uptime = newUptime;
        ctx.shard.beginSweep();
    }

    private void pollEnded(PollAnswer answer, Throwable cause) {
        pollChannel = null;
        if (stopped) {
            return;
        }
        answer.sessions.end();
        String failure = null;
        if (cause != null) {
            failure = runner.describeFailure(cause);
        } else if (!answer.infoDone || answer.infoBad) {
            failure = "haproxy did not answer 'show info'" + (answer.info.firstLine() == null ? ""
                    : ": " + answer.info.firstLine());
        } else if (answer.error != null) {
            failure = "haproxy refused 'show sess all': " + answer.error
                    + (answer.error.contains("ermission") ? " (the stats socket needs level operator or admin)" : "");
        }
        if (failure != null) {
            gap = true;
            schedulePoll(runner.failure(failure));
            return;
        }
        sweep(answer.receivedMicros != 0 ? answer.receivedMicros : Timestamps.nowMicros());
        schedulePoll(ctx.spec.pollInterval().toMillis());
    }

    private void sweep(long now) {
        long[] gone = ctx.shard.unswept();
        Map<Long, Long> waiting = new HashMap<>();
        for (long id : gone) {
            Long since = pending.remove(id);
            if (gap) {
                ctx.emitLost(id, now);
            } else if (since == null && ring != null && ring.connected()) {
                waiting.put(id, now);
            } else {
                long at = since != null ? since : now;
                ctx.emit(new SessionEvent.Close(id, at, SessionEvent.NONE, SessionEvent.NONE, SessionEvent.NONE,
                        null), at);
            }
        }
        pending = waiting;
        if (gap) {
            gap = false;
            ctx.emit(new SessionEvent.Snapshot(ctx.shard.openCount()), now);
            runner.synced();
        }
    }

    private void schedulePoll(long delayMillis) {
        if (!stopped) {
            pollTimer = ctx.loop.schedule(this::poll, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    // ---- the ring ----

    /** A session's log line: close it with its bytes and reason, opening it first if no poll saw it. */
    private void ringLine(HaproxyRingLine r, long now) {
        long end = r.endMicros();
        if (r.isFailed()) {
            if (!ctx.shard.isKnown(r.id())) {
                ctx.emit(new SessionEvent.Failed(r.id(), r.client(), r.frontend(), end, r.frontendName(),
                        r.backendName(), r.term()), now);
            }
            return;
        }
        SessionEvent.Open open = new SessionEvent.Open(r.id(), r.client(), r.frontend(), r.backend(), r.server(),
                r.acceptMicros(), r.frontendName(), r.backendName(), r.serverName(), null, r.uniqueId());
        TracedSession known = ctx.shard.get(r.id());
        if (known != null && known.isOpen() && !(known.client().equals(r.client())
                && known.backend().equals(r.backend()))) {
            ctx.emitLost(r.id(), now); // an id of an older process (restart not yet seen by a poll)
            known = null;
        }
        if (r.isOpen()) {
            if (known == null) {
                ctx.emit(open, now);
            }
            return;
        }
        if (known == null) {
            ctx.emit(open, now); // shorter than the poll interval: never seen by a poll
        } else if (!known.isOpen()) {
            return; // already closed
        }
        pending.remove(r.id());
        ctx.emit(new SessionEvent.Close(r.id(), end, r.bytesIn(), r.bytesOut(), Math.max(0, r.tt()) * 1_000L,
                r.term()), now);
    }
}
