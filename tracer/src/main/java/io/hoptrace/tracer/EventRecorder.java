package io.hoptrace.tracer;

import io.hoptrace.events.EventRecord;
import io.hoptrace.events.EventRecordCodec;
import io.hoptrace.events.SessionEvent;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Appends {@link EventRecord}s to a file as JSON Lines, exactly as {@link EventRecordCodec} writes them
 * ({@code docs/event-records.md}); a new (empty) file starts with {@link EventRecordCodec#metaLine}. Use it as a
 * {@link Tracer}'s listener: it then holds the session-open records of the first snapshot (so a recording
 * started mid-traffic is complete), {@code dropped} records where the proxy reported a gap, and {@code close}
 * records with {@code term=lost} for sessions a resync found gone. {@link Replay} reads a recording back into a
 * table.
 *
 * <p>Thread-safe. Buffered, and flushed at least once a second and on {@link #close()}, so at most a second of
 * records is at risk if the process is killed without a chance to close it (SIGKILL); the CLI closes it on
 * SIGINT and SIGTERM. A write error is kept and rethrown by {@link #flush()} and {@link #close()}; records after
 * it are counted as {@link #failed()}.
 */
public final class EventRecorder implements Consumer<EventRecord>, Closeable {
    private final Path file;
    private final BufferedWriter out;
    private final ScheduledExecutorService flusher;
    private IOException error;
    private boolean closed;
    private long records;
    private long opens;
    private long closes;
    private long lost;
    private long drops;
    private long failed;

    private EventRecorder(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "hoptrace-recorder-flush");
            t.setDaemon(true);
            return t;
        });
        ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.flusher = ex;
        flusher.scheduleWithFixedDelay(this::flushQuietly, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Opens {@code file} for appending (creating it); writes the meta line naming {@code tool} (e.g.
     * {@code "hoptrace 0.1.0"}) when the file is empty.
     */
    public static EventRecorder open(Path file, String tool) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IOException(file + ": the directory " + parent + " does not exist");
        }
        boolean empty = !Files.exists(file) || Files.size(file) == 0;
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE),
                StandardCharsets.UTF_8), 1 << 16);
        if (empty) {
            w.write(EventRecordCodec.metaLine(tool));
            w.write('\n');
            w.flush();
        }
        return new EventRecorder(file, w);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void accept(EventRecord record) {
        if (closed || error != null) {
            failed++;
            return;
        }
        try {
            EventRecordCodec.write(out, record);
        } catch (IOException e) {
            error = e;
            failed++;
            return;
        }
        records++;
        SessionEvent e = record.event();
        if (e instanceof SessionEvent.Open) {
            opens++;
        } else if (e instanceof SessionEvent.Close c) {
            closes++;
            if ("lost".equals(c.term())) {
                lost++;
            }
        } else if (e instanceof SessionEvent.Dropped) {
            drops++;
        }
    }

    /** Writes what is buffered to the file. */
    public synchronized void flush() throws IOException {
        if (error != null) {
            throw error;
        }
        if (!closed) {
            try {
                out.flush();
            } catch (IOException e) {
                error = e;
                throw e;
            }
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (IOException e) {
            // kept in `error`; reported by close()
        }
    }

    /** Records written. */
    public synchronized long records() {
        return records;
    }

    /** Session-open records written (sessions recorded). */
    public synchronized long opens() {
        return opens;
    }

    public synchronized long closes() {
        return closes;
    }

    /** Close records with {@code term=lost}. */
    public synchronized long lost() {
        return lost;
    }

    /** {@code dropped} records (gaps) written. */
    public synchronized long drops() {
        return drops;
    }

    /** Records that could not be written (after a write error, or after close). */
    public synchronized long failed() {
        return failed;
    }

    /** Flushes and closes the file; rethrows the first write error, if any. Idempotent. */
    @Override
    public void close() throws IOException {
        flusher.shutdownNow();
        synchronized (this) {
            if (closed) {
                if (error != null) {
                    throw error;
                }
                return;
            }
            closed = true;
            try {
                if (error == null) {
                    out.flush();
                }
            } catch (IOException e) {
                error = e;
            } finally {
                try {
                    out.close();
                } catch (IOException e) {
                    if (error == null) {
                        error = e;
                    }
                }
            }
            if (error != null) {
                throw error;
            }
        }
    }
}
