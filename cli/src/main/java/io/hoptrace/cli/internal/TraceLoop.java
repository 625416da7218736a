package io.hoptrace.cli.internal;

import io.hoptrace.correlator.LiveCapture;
import io.hoptrace.correlator.LiveCorrelator;
import io.hoptrace.correlator.Packet;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The correlation thread of {@code hoptrace trace}: reads the capture, hands each packet to the live correlation
 * and lets it report the traces that are complete, widens the capture filter when the tracer has seen new
 * endpoints, until it is told to stop. A ticker wakes the read every {@link #TICK_MILLIS} ms, so that traces are
 * reported and signals noticed while no packet arrives (an idle capture blocks in libpcap, see
 * {@link LiveCapture#poll()}).
 */
public final class TraceLoop {
    /** How often an idle read is woken up: the resolution of the grace period and of stopping. */
    public static final long TICK_MILLIS = 100;
    /** How often the kernel's count of dropped packets is looked at, to say so while it happens. */
    private static final long DROPS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** Why the loop ended. */
    public enum End {
        /** {@code --count} traces were printed. */
        COUNT,
        /** {@code --duration} passed. */
        DURATION,
        /** SIGINT or SIGTERM. */
        SIGNAL,
        /** The output can no longer be written (a closed pipe). */
        OUTPUT_CLOSED,
        /** The capture ended by itself (its interface went away). */
        CAPTURE_ENDED
    }

    private final LiveCapture capture;
    private final LiveCorrelator live;
    private final TraceFilter endpoints;
    private final TracePrinter printer;
    private final SessionsStop stop;
    private final long deadlineNanos;
    private final Consumer<String> notes;
    private long dropped;
    private long nextDropCheck = System.nanoTime() + DROPS_EVERY_NANOS;

    /**
     * {@code endpoints} is null when the user gave the filter; {@code deadlineNanos} is a {@link System#nanoTime}
     * ({@link Long#MAX_VALUE}: none); {@code notes} receives one line per filter change.
     */
    public TraceLoop(LiveCapture capture, LiveCorrelator live, TraceFilter endpoints, TracePrinter printer,
                     SessionsStop stop, long deadlineNanos, Consumer<String> notes) {
        this.capture = capture;
        this.live = live;
        this.endpoints = endpoints;
        this.printer = printer;
        this.stop = stop;
        this.deadlineNanos = deadlineNanos;
        this.notes = notes;
    }

    /** Runs until one of the {@link End}s; a failing read or filter change throws. */
    public End run() throws IOException {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hoptrace-trace-tick");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(capture::wakeup, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        try {
            while (true) {
                End end = ended();
                if (end != null) {
                    return end;
                }
                if (endpoints != null) {
                    String widened = endpoints.update();
                    if (widened != null) {
                        capture.setFilter(widened);
                        notes.accept("capture filter now: " + widened);
                    }
                }
                Packet p = capture.poll();
                if (p != null) {
                    live.packet(p);
                } else if (capture.isClosed()) {
                    return End.CAPTURE_ENDED;
                }
                live.poll();
                if (System.nanoTime() - nextDropCheck >= 0) {
                    nextDropCheck = System.nanoTime() + DROPS_EVERY_NANOS;
                    checkDrops();
                }
            }
        } finally {
            ticker.shutdownNow();
            checkDrops();
        }
    }

    /** Says when the kernel dropped packets since the last look: the traces of that time may lack some. */
    private void checkDrops() {
        long now = capture.droppedPackets();
        if (now > dropped) {
            notes.accept("the kernel dropped " + (now - dropped) + " packets the capture could not take in time ("
                    + now + " in all); traces of that moment may lack packets (narrow the capture filter)");
            dropped = now;
        }
    }

    /** Packets the kernel dropped for this capture, as last looked at. */
    public long dropped() {
        return dropped;
    }

    private End ended() {
        if (stop.signalled()) {
            return End.SIGNAL;
        }
        if (printer.done()) {
            return End.COUNT;
        }
        if (printer.broken()) {
            return End.OUTPUT_CLOSED;
        }
        return System.nanoTime() - deadlineNanos >= 0 && deadlineNanos != Long.MAX_VALUE ? End.DURATION : null;
    }
}
