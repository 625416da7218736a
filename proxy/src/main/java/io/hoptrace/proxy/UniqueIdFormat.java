package io.hoptrace.proxy;

import io.hoptrace.events.Endpoint;

/**
 * A compiled {@code unique-id-format} (HAProxy configuration manual, section 8.2.4, "Custom log format"),
 * restricted to the variables documented in {@code docs/proxy-config.md}. Compiled once at configuration time;
 * {@link #render} runs once per session.
 */
public final class UniqueIdFormat {
    /** What a unique id can be made of, for one session. */
    public record Values(Endpoint client, Endpoint frontend, long acceptMicros, long sessionId, long pid) {
    }

    private final String source;

    private UniqueIdFormat(String source) {
        this.source = source;
    }

    /** Compiles a format; throws {@link IllegalArgumentException} naming the unsupported variable. */
    public static UniqueIdFormat compile(String format) {
        throw new UnsupportedOperationException("unique-id-format is implemented by the configuration work");
    }

    public String render(Values values) {
        throw new UnsupportedOperationException("unique-id-format is implemented by the configuration work");
    }

    @Override
    public String toString() {
        return source;
    }
}
