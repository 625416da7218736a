package io.hoptrace.proxy.internal.frontend;

import io.hoptrace.proxy.FrontendConfig;
import io.hoptrace.proxy.UniqueIdFormat;
import io.hoptrace.proxy.internal.TrafficCounters;
import io.hoptrace.proxy.internal.backend.BackendRuntime;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@code frontend} at run time: its listening channels, its backend ({@code default_backend}, null when none),
 * and its counters, whose {@code scur} is what its {@code maxconn} limits.
 */
public final class FrontendRuntime {
    private final FrontendConfig config;
    private final BackendRuntime backend;
    private final TrafficCounters counters = new TrafficCounters();
    private final List<Channel> listeners = new CopyOnWriteArrayList<>();

    public FrontendRuntime(FrontendConfig config, BackendRuntime backend) {
        this.config = config;
        this.backend = backend;
    }

    public String name() {
        return config.name();
    }

    public FrontendConfig config() {
        return config;
    }

    public BackendRuntime backend() {
        return backend;
    }

    public TrafficCounters counters() {
        return counters;
    }

    public int maxconn() {
        return config.maxconn();
    }

    /** {@code timeout client}, or null when unset. */
    public Duration clientTimeout() {
        return config.timeouts().client();
    }

    /** The compiled {@code unique-id-format}, or null. */
    public UniqueIdFormat uniqueIdFormat() {
        return config.uniqueIdFormat();
    }

    public List<Channel> listeners() {
        return listeners;
    }

    public void addListener(Channel listener) {
        listeners.add(listener);
    }

    /** The addresses the listeners are bound to (the real port when the configuration said 0). */
    public List<InetSocketAddress> boundAddresses() {
        return listeners.stream().map(ch -> (InetSocketAddress) ch.localAddress()).toList();
    }
}
