package io.hoptrace.tracer;

import java.util.Locale;

/** What a stats socket belongs to, and so how the tracer follows it. */
public enum SourceKind {
    /**
     * Find out: {@code show info} names a hoptrace proxy by its {@code Version: hoptrace ...}; anything else is
     * asked for {@code show events full snapshot}, and a stock HAProxy (which answers that it has no such event
     * sink) is followed by polling.
     */
    AUTO,
    /** A hoptrace proxy, or any proxy speaking the {@code show events} protocol (also its original bare form). */
    HOPTRACE,
    /** A stock HAProxy 2.6+: polled with {@code show sess all}, plus finished sessions from a log ring. */
    HAPROXY;

    /** Parses {@code auto}, {@code hoptrace} or {@code haproxy} (any case). */
    public static SourceKind parse(String text) {
        for (SourceKind k : values()) {
            if (k.name().equalsIgnoreCase(text.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("kind: expected auto, hoptrace or haproxy, got '" + text + "'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
