package io.hoptrace.tracer.internal.source;

import io.hoptrace.tracer.internal.net.LineChars;
import io.hoptrace.tracer.internal.net.LineSink;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Reads a HAProxy ring carrying the hoptrace log-format ({@code show events <ring> -w}, management guide 9.3) and
 * hands each session's line to the follower, reconnecting with backoff when the stream ends.
 *
 * <p>The first subscription asks only for new lines ({@code -n}): older ones are sessions that ended before the
 * tracer started. After a reconnect the whole ring is read again and lines that ended before the last one already
 * seen are skipped, so nothing logged while disconnected is missed unless the ring wrapped meanwhile; lines at
 * the boundary are deduplicated by the table itself (a closed session is not closed twice).
 */
final class HaproxyRingReader {
    private final SourceContext ctx;
    private final SourceRunner runner;
    private final String ring;
    private final BiConsumer<HaproxyRingLine, Long> onLine;
    private final Backoff backoff;
    private Channel channel;
    private ScheduledFuture<?> timer;
    private boolean stopped;
    private boolean connected;
    private boolean everRead;
    private boolean replaying;
    private long lastEnd = Long.MIN_VALUE;

    HaproxyRingReader(SourceContext ctx, SourceRunner runner, BiConsumer<HaproxyRingLine, Long> onLine) {
        this.ctx = ctx;
        this.runner = runner;
        this.ring = ctx.spec.ring();
        this.onLine = onLine;
        this.backoff = new Backoff(ctx.options.reconnectMin().toMillis(), ctx.options.reconnectMax().toMillis());
    }

    void start() {
        if (stopped) {
            return;
        }
        replaying = everRead;
        Sink sink = new Sink();
        channel = ctx.open("show events " + ring + (everRead ? " -w" : " -nw"), sink, 0, () -> connected = true,
                cause -> ended(sink, cause));
    }

    void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel(false);
        }
        if (channel != null) {
            channel.close();
        }
    }

    /** True while the ring is being read (a poll-detected close may then wait for its line). */
    boolean connected() {
        return connected;
    }

    /** Lines of {@code show events <ring> -w}. */
    private final class Sink implements LineSink {
        String error;
        boolean first = true;

        @Override
        public void line(LineChars line, long now) {
            if (line.isBlank()) {
                return;
            }
            String text = line.toString();
            HaproxyRingLine r;
            try {
                r = HaproxyRingParser.parse(text);
            } catch (IllegalArgumentException x) {
                ctx.malformed(text, x.getMessage());
                return;
            }
            if (r == null) {
                if (first) {
                    error = text; // "No such event sink", "Permission denied", ...
                    connected = false;
                } else {
                    ctx.malformed(text, "not a " + HaproxyRingParser.MARKER + " line (is the ring shared with"
                            + " other logs? see docs/haproxy.md)");
                }
                first = false;
                return;
            }
            first = false;
            everRead = true;
            backoff.reset();
            long end = r.endMicros();
            if (replaying && end < lastEnd) {
                return; // logged before the reconnect, already applied
            }
            lastEnd = Math.max(lastEnd, end);
            onLine.accept(r, now);
        }

        @Override
        public void overlong(int length) {
            ctx.malformed("(" + length + " bytes without a line end)", "ring line too long");
        }
    }

    private void ended(Sink sink, Throwable cause) {
        connected = false;
        channel = null;
        if (stopped) {
            return;
        }
        String why = sink.error != null ? sink.error
                : cause != null ? runner.describeFailure(cause) : "haproxy closed the ring stream";
        String message = "ring '" + ring + "': " + why;
        if (sink.error != null && sink.error.contains("No such event sink")) {
            message += " (add the ring section of docs/haproxy.md)";
        }
        ctx.counters.lastError = message;
        ctx.log.warn(message);
        timer = ctx.loop.schedule(this::start, backoff.nextDelayMillis(), TimeUnit.MILLISECONDS);
    }
}
