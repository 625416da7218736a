package io.hoptrace.proxy;

import java.time.Duration;

/**
 * {@code timeout connect|client|server}. A null value means "not set" (no timeout, as HAProxy, which warns
 * about it); values in a section override those of {@code defaults}.
 */
public record Timeouts(Duration connect, Duration client, Duration server) {
    public static final Timeouts NONE = new Timeouts(null, null, null);

    /** This section's values where set, else those of {@code fallback}. */
    public Timeouts orElse(Timeouts fallback) {
        return new Timeouts(connect != null ? connect : fallback.connect,
                client != null ? client : fallback.client,
                server != null ? server : fallback.server);
    }
}
