package io.hoptrace.proxy;

import java.util.List;

/**
 * A {@code backend} (or the back half of a {@code listen}): {@code balance}, servers, timeouts,
 * {@code retries} (connection attempts after the first) and {@code option redispatch}.
 */
public record BackendConfig(String name, Balance balance, List<ServerConfig> servers, Timeouts timeouts,
                            int retries, boolean redispatch, String location) {
    public BackendConfig {
        servers = List.copyOf(servers);
        if (retries < 0) {
            throw new IllegalArgumentException("retries: expected a non-negative number, got " + retries);
        }
    }
}
