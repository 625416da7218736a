package io.hoptrace.proxy;

import java.util.List;

/** The {@code global} section: process-wide {@code maxconn} (0 = unlimited) and the stats sockets. */
public record GlobalConfig(int maxconn, List<StatsSocketConfig> statsSockets) {
    public GlobalConfig {
        if (maxconn < 0) {
            throw new IllegalArgumentException("maxconn: expected a non-negative number, got " + maxconn);
        }
        statsSockets = List.copyOf(statsSockets);
    }
}
