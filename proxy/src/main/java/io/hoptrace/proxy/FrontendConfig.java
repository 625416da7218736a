package io.hoptrace.proxy;

import java.util.List;

/**
 * A {@code frontend} (or the front half of a {@code listen}): its binds, {@code maxconn} (0 = the global
 * limit only), {@code default_backend}, its timeouts and optional {@code unique-id-format}.
 */
public record FrontendConfig(String name, List<BindConfig> binds, int maxconn, String defaultBackend,
                             Timeouts timeouts, UniqueIdFormat uniqueIdFormat, String location) {
    public FrontendConfig {
        binds = List.copyOf(binds);
        if (maxconn < 0) {
            throw new IllegalArgumentException("maxconn: expected a non-negative number, got " + maxconn);
        }
    }
}
