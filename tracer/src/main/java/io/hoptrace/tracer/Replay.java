package io.hoptrace.tracer;

import io.hoptrace.events.EventLogReader;
import io.hoptrace.events.EventRecord;
import io.hoptrace.events.SessionEvent;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a recording back into a {@link SessionTable}: JSON Lines written by {@link EventRecorder} (or raw
 * {@code show events} text, see {@link EventLogReader}). Replaying a recording into a fresh table rebuilds the
 * table the tracer had when it stopped recording: the records are exactly what was applied to it, and closed
 * sessions are expired as the recording's own clock passes the table's linger time.
 */
public final class Replay {
    private Replay() {
    }

    /** What a replay read: records, and how many of them changed the table. */
    public record Result(long records, long applied) {
    }

    /** Replays a file; an unreadable line stops it with an {@code EventLogException} naming file and line. */
    public static Result into(SessionTable table, Path file) throws IOException {
        try (EventLogReader reader = EventLogReader.open(file, null)) {
            return into(table, reader);
        }
    }

    public static Result into(SessionTable table, EventLogReader reader) throws IOException {
        long records = 0;
        long applied = 0;
        long lastExpire = 0;
        EventRecord r;
        while ((r = reader.next()) != null) {
            records++;
            if (table.apply(r)) {
                applied++;
            }
            long ts = r.tsMicros();
            if (ts != SessionEvent.NONE && ts - lastExpire >= 1_000_000L) {
                table.expire(ts);
                lastExpire = ts;
            }
        }
        return new Result(records, applied);
    }
}
