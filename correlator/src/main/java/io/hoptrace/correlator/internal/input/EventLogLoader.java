package io.hoptrace.correlator.internal.input;

import io.hoptrace.correlator.InputDamage;
import io.hoptrace.events.EventLogException;
import io.hoptrace.events.EventLogReader;
import io.hoptrace.events.EventRecord;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * Reads event logs into a sink, either at once or on a second thread while the captures are read: the two inputs
 * are independent until matching, and parsing the JSON Lines of large logs costs about as much as reading the
 * packets, so on two cores the logs come for free. Whichever way, the sink sees the records in the order the logs
 * were added, and each log's damage notes land where they would have had the log been read when it was added.
 */
public final class EventLogLoader {
    /** Damaged lines reported per event log; more are counted in one last note. */
    private static final int DAMAGE_NOTES_PER_LOG = 10;

    /** An opened log waiting to be read; its damage notes go at {@code damageSlot} of the run's list. */
    private record Deferred(EventLogReader reader, int damageSlot, List<InputDamage> damage) {
    }

    private final Consumer<EventRecord> sink;
    private final List<Deferred> deferred = new ArrayList<>();
    private FutureTask<Void> running;

    public EventLogLoader(Consumer<EventRecord> sink) {
        this.sink = sink;
    }

    /** Reads every record of {@code reader} now; damaged lines become notes in {@code damage} and reading goes on. */
    public static void read(EventLogReader reader, Consumer<EventRecord> sink, List<InputDamage> damage) {
        int damaged = 0;
        while (true) {
            try {
                EventRecord r = reader.next();
                if (r == null) {
                    break;
                }
                sink.accept(r);
            } catch (EventLogException e) {
                if (++damaged <= DAMAGE_NOTES_PER_LOG) {
                    damage.add(new InputDamage(e.file(), e.getMessage()));
                }
            } catch (IOException e) {
                // Not a bad line but a bad file (a cut gzip stream): nothing more can be read from it.
                damage.add(new InputDamage(reader.name(), reader.name() + ":" + reader.lineNumber() + ": "
                        + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())));
                break;
            }
        }
        if (damaged > DAMAGE_NOTES_PER_LOG) {
            damage.add(new InputDamage(reader.name(), reader.name() + ": " + (damaged - DAMAGE_NOTES_PER_LOG)
                    + " more damaged lines"));
        }
    }

    /**
     * Keeps an opened log to be read later ({@link #readDeferred} or {@link #start}); this loader closes it.
     * {@code damageSlot} is the size of the run's damage list now.
     */
    public void defer(EventLogReader reader, int damageSlot) {
        if (running != null) {
            throw new IllegalStateException("the deferred logs are already being read");
        }
        deferred.add(new Deferred(reader, damageSlot, new ArrayList<>()));
    }

    /** Reads the deferred logs on this thread and puts their damage notes into {@code damage}. */
    public void readDeferred(List<InputDamage> damage) throws IOException {
        if (deferred.isEmpty()) {
            return;
        }
        try {
            readAll();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        insertDamage(damage);
    }

    /** Starts reading the deferred logs on a second thread; {@link #finish} waits for it. */
    public void start() {
        if (deferred.isEmpty() || running != null) {
            return;
        }
        running = new FutureTask<>(() -> {
            readAll();
            return null;
        });
        Thread t = new Thread(running, "hoptrace-event-logs");
        t.setDaemon(true);
        t.start();
    }

    /** Waits for {@link #start}'s thread and puts the damage notes of its logs into {@code damage}. */
    public void finish(List<InputDamage> damage) throws IOException {
        if (running == null) {
            readDeferred(damage);
            return;
        }
        try {
            running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.cancel(true);
            throw new InterruptedIOException("interrupted while reading the event logs");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        } finally {
            running = null;
        }
        insertDamage(damage);
    }

    private void readAll() {
        IOException closeFailure = null;
        for (Deferred d : deferred) {
            try (EventLogReader r = d.reader()) {
                read(r, sink, d.damage());
            } catch (IOException e) {
                closeFailure = closeFailure != null ? closeFailure : e;
            }
        }
        if (closeFailure != null) {
            throw new UncheckedIOException(closeFailure);
        }
    }

    /** Each log's notes at its slot; from the last log back, so that the earlier slots stay where they were. */
    private void insertDamage(List<InputDamage> damage) {
        for (int i = deferred.size() - 1; i >= 0; i--) {
            Deferred d = deferred.get(i);
            damage.addAll(d.damageSlot(), d.damage());
        }
        deferred.clear();
    }
}
