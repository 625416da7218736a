package io.hoptrace.proxy.internal.events;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The single thread that owns every {@link EventBus} of a runtime and the stats sockets' channels.
 *
 * <p>I/O threads hand it work through the event loop's task queue, a lock-free multi-producer single-consumer
 * queue, with {@link SingleThreadEventExecutor#lazyExecute}: enqueueing never wakes the dispatcher (no eventfd
 * write, no system call on the data path). The dispatcher drains the queue on its own tick instead: every
 * {@value #BUSY_TICK_MICROS} µs while anybody subscribes to events, every {@value #IDLE_TICK_MICROS} µs otherwise
 * (then the queue only feeds the live-session table). Commands from the stats sockets run as ordinary tasks
 * behind the events already queued, so an answer reflects everything that happened before its request arrived.
 */
public final class EventDispatcher {
    static final long BUSY_TICK_MICROS = 1_000;
    static final long IDLE_TICK_MICROS = 20_000;

    private final EventLoop loop;
    private final SingleThreadEventExecutor executor;
    private int subscribers;
    private ScheduledFuture<?> tick;
    private boolean stopped;

    public EventDispatcher(EventLoop loop) {
        if (!(loop instanceof SingleThreadEventExecutor single)) {
            throw new IllegalArgumentException("dispatcher: expected a single-thread event loop, got "
                    + loop.getClass().getName());
        }
        this.loop = loop;
        this.executor = single;
        loop.execute(this::scheduleTick);
    }

    public EventLoop loop() {
        return loop;
    }

    /** From any thread: runs {@code task} on the dispatcher, in order with every other posted task. */
    public void post(Runnable task) {
        executor.lazyExecute(task);
    }

    /** From any thread: runs {@code task} on the dispatcher now (wakes it up), after what is already queued. */
    public void execute(Runnable task) {
        loop.execute(task);
    }

    boolean inDispatcher() {
        return loop.inEventLoop();
    }

    void subscriberAdded() {
        if (subscribers++ == 0 && tick != null) {
            tick.cancel(false);
            scheduleTick();
        }
    }

    void subscriberRemoved() {
        subscribers--;
    }

    /** Stops ticking; called when the runtime shuts down. */
    public void stop() {
        loop.execute(() -> {
            stopped = true;
            if (tick != null) {
                tick.cancel(false);
            }
        });
    }

    private void scheduleTick() {
        if (stopped) {
            return;
        }
        // The tick has nothing to do: waking the loop is what makes it run the queued tasks.
        tick = loop.schedule(this::scheduleTick, subscribers > 0 ? BUSY_TICK_MICROS : IDLE_TICK_MICROS,
                TimeUnit.MICROSECONDS);
    }
}
