package io.hoptrace.tracer.internal.source;

import io.hoptrace.events.EventRecord;
import io.hoptrace.tracer.SourceKind;
import io.hoptrace.tracer.SourceSpec;
import io.hoptrace.tracer.SourceStats;
import io.hoptrace.tracer.TracerOptions;
import io.hoptrace.tracer.internal.net.StatsConnectException;
import io.hoptrace.tracer.internal.net.StatsTransport;
import io.hoptrace.tracer.internal.table.SessionShard;
import io.netty.channel.ConnectTimeoutException;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.FileNotFoundException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The life of one source: find out what it is, follow it, and when that fails, try again after a capped
 * exponential backoff; each new connection starts with a snapshot (or a poll), which repairs the table. Everything
 * runs on the source's event loop; sources never wait for each other.
 */
public final class SourceRunner {
    private final SourceContext ctx;
    private final Backoff backoff;
    private final Runnable onChange;
    private SourceKind resolved;
    private boolean bare;
    private boolean failedSinceSync;
    private boolean everSynced;
    private boolean closed;
    private Follower current;
    private ScheduledFuture<?> retry;

    public SourceRunner(SourceSpec spec, SessionShard shard, StatsTransport transport, TracerOptions options,
                        Consumer<EventRecord> listener, Runnable onChange) {
        this.ctx = new SourceContext(spec, shard, transport.nextLoop(), transport, options, new SourceCounters(),
                listener);
        this.backoff = new Backoff(options.reconnectMin().toMillis(), options.reconnectMax().toMillis());
        this.onChange = onChange;
        if (spec.kind() != SourceKind.AUTO) {
            ctx.counters.kind = spec.kind();
        }
    }

    public void start() {
        ctx.loop.execute(this::attempt);
    }

    /** Stops following: cancels timers and closes the connections (the future completes once that is done). */
    public Future<?> close() {
        return ctx.loop.submit(() -> {
            closed = true;
            if (retry != null) {
                retry.cancel(false);
            }
            if (current != null) {
                current.stop();
                current = null;
            }
            ctx.counters.connected = false;
        });
    }

    public SourceStats stats() {
        return ctx.counters.snapshot(ctx.name, ctx.spec.address(), ctx.shard.openCount());
    }

    public SourceCounters counters() {
        return ctx.counters;
    }

    public String name() {
        return ctx.name;
    }

    private void attempt() {
        retry = null;
        if (closed) {
            return;
        }
        SourceKind kind = resolved != null ? resolved : ctx.spec.kind();
        switch (kind) {
            case AUTO -> probe();
            case HOPTRACE -> follow(new HoptraceFollower(ctx, this, bare));
            case HAPROXY -> follow(new HaproxyFollower(ctx, this));
        }
    }

    private void follow(Follower f) {
        current = f;
        f.start();
    }

    /** {@code show info}: a hoptrace proxy says so in its Version; anything else is asked for events next. */
    private void probe() {
        InfoAnswer info = new InfoAnswer();
        ctx.open("show info", info, ctx.answerTimeoutMillis(), null, cause -> {
            if (closed) {
                return;
            }
            if (cause != null) {
                failed(describeFailure(cause));
                return;
            }
            resolve(info.isHoptrace() ? SourceKind.HOPTRACE : null);
            follow(new HoptraceFollower(ctx, this, false));
        });
    }

    private void resolve(SourceKind kind) {
        if (kind != null) {
            resolved = kind;
            ctx.counters.kind = kind;
        }
    }

    // ---- callbacks from followers (on the loop) ----

    void connected() {
        ctx.counters.connected = true;
        onChange.run();
    }

    void synced() {
        if (resolved == null) {
            resolve(current instanceof HaproxyFollower ? SourceKind.HAPROXY : SourceKind.HOPTRACE);
        }
        ctx.counters.synced = true;
        ctx.counters.attempted = true;
        ctx.counters.resyncs++;
        if (failedSinceSync && everSynced) {
            ctx.counters.reconnects++;
        }
        failedSinceSync = false;
        everSynced = true;
        backoff.reset();
        onChange.run();
    }

    /** A gap ({@code ! dropped}): subscribe again at once; the snapshot repairs the table. */
    void resync() {
        current = null;
        ctx.counters.synced = false;
        onChange.run();
        retry = ctx.loop.schedule(this::attempt, 0, TimeUnit.MILLISECONDS);
    }

    /** The answer to {@code show events full snapshot} was text, not events. */
    void notAnEventStream(boolean wasBare, String text) {
        current = null;
        if (ctx.spec.kind() == SourceKind.AUTO && text != null && text.contains("event sink")) {
            resolve(SourceKind.HAPROXY); // stock HAProxy 1.9+ knows show events, for its rings: "No such event sink"
            attempt();
        } else if (!wasBare) {
            bare = true; // a proxy of the original patch: "show events" without arguments
            resolve(SourceKind.HOPTRACE);
            attempt();
        } else {
            failed("the proxy does not stream events ('show events' answered: " + text + ")");
        }
    }

    void connectFailed(Throwable cause) {
        current = null;
        failed(describeFailure(cause));
    }

    void lost(String why) {
        current = null;
        failed("lost " + ctx.name + " (" + ctx.spec.address() + "): " + why);
    }

    private void failed(String message) {
        long delay = failure(message);
        if (!closed) {
            retry = ctx.loop.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
        }
    }

    /** Records a failure (stats, warning) and returns how long to wait before trying again. */
    long failure(String message) {
        ctx.counters.connected = false;
        ctx.counters.synced = false;
        ctx.counters.attempted = true;
        ctx.counters.lastError = message;
        failedSinceSync = true;
        if (!closed) {
            ctx.log.warn(message);
        }
        onChange.run();
        return backoff.nextDelayMillis();
    }

    /** A connection failure as one line: {@code cannot connect to edge (/run/edge.sock): No such file or directory}. */
    String describeFailure(Throwable cause) {
        return (cause instanceof StatsConnectException ? "cannot connect to " : "lost ") + ctx.name
                + (ctx.name.equals(ctx.spec.address()) ? "" : " (" + ctx.spec.address() + ")") + ": " + describe(cause);
    }

    /** The reason of a failure without exception class names and the transport's decorations. */
    static String describe(Throwable t) {
        Throwable root = t instanceof StatsConnectException && t.getCause() != null ? t.getCause() : t;
        if (root instanceof ConnectTimeoutException) {
            return "connection timed out";
        }
        if (root instanceof FileNotFoundException) {
            return "No such file or directory"; // epoll's ENOENT on a Unix socket path
        }
        if (root instanceof ClosedChannelException) {
            return "connection closed";
        }
        String m = root.getMessage();
        if (m == null || m.isEmpty()) {
            return root.getClass().getSimpleName();
        }
        // "connect(..) failed: No such file or directory", "finishConnect(..) failed with error(-111): ..."
        m = m.replaceFirst("^\\w+\\(\\.\\.\\) failed( with error\\(-?\\d+\\))?: ", "");
        int c = m.indexOf(": /");
        if (c > 0) {
            m = m.substring(0, c); // "Connection refused: /127.0.0.1:1": the address is named already
        }
        return m;
    }
}
