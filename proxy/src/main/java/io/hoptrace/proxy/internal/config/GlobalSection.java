package io.hoptrace.proxy.internal.config;

import io.hoptrace.proxy.StatsSocketConfig;
import java.util.ArrayList;
import java.util.List;

/** What the {@code global} sections of a file (there may be several) have set so far. */
final class GlobalSection {
    int maxconn;
    String node;
    final List<StatsSocketConfig> statsSockets = new ArrayList<>();
}
