package io.hoptrace.events;

import java.util.Objects;

/**
 * One line of an event log: an event of a named proxy ({@code source}) at a time. {@code tsMicros} is the
 * proxy's own time when it reported one ({@code full} mode), else the time the tracer received the event, or
 * {@link SessionEvent#NONE} when neither is known (a raw {@code show events} capture in bare format).
 */
public record EventRecord(String source, long tsMicros, SessionEvent event) {
    public EventRecord {
        Objects.requireNonNull(event, "event");
        if (source == null || source.isEmpty()) {
            throw new IllegalArgumentException("source: expected a non-empty proxy name, got '" + source + "'");
        }
        if (tsMicros < SessionEvent.NONE) {
            throw new IllegalArgumentException("ts: expected microseconds since the epoch, got " + tsMicros);
        }
    }

    /** The event's own time when it has one, else {@code receivedMicros}. */
    public static EventRecord of(String source, SessionEvent event, long receivedMicros) {
        long ts = event.tsMicros() != SessionEvent.NONE ? event.tsMicros() : receivedMicros;
        return new EventRecord(source, ts, event);
    }
}
