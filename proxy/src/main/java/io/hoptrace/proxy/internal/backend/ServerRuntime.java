package io.hoptrace.proxy.internal.backend;

import io.hoptrace.proxy.ServerConfig;
import io.hoptrace.proxy.internal.TrafficCounters;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@code server} line at run time: its address, its connection slots ({@code maxconn}, 0 = unlimited; the
 * slot count is also {@code scur}, which {@code leastconn} compares) and its counters.
 */
public final class ServerRuntime {
    private final ServerConfig config;
    private final TrafficCounters counters = new TrafficCounters();
    private final AtomicInteger queued = new AtomicInteger();
    private BackendRuntime backend;

    public ServerRuntime(ServerConfig config) {
        this.config = config;
    }

    void attach(BackendRuntime owner) {
        this.backend = owner;
    }

    public String name() {
        return config.name();
    }

    public InetSocketAddress address() {
        return config.address();
    }

    public ServerConfig.SendProxy sendProxy() {
        return config.sendProxy();
    }

    public int maxconn() {
        return config.maxconn();
    }

    public TrafficCounters counters() {
        return counters;
    }

    public BackendRuntime backend() {
        return backend;
    }

    /** Sessions waiting in the backend queue for this server in particular ({@code balance source}). */
    public int queued() {
        return queued.get();
    }

    AtomicInteger queuedCounter() {
        return queued;
    }

    /** Takes a connection slot if one is free (never more than {@code maxconn}, without locks). */
    public boolean tryAcquire() {
        return counters.tryOpen(config.maxconn());
    }

    /** Gives a slot back and lets the oldest waiting session that can use it have it. */
    public void release() {
        counters.closed();
        backend.drainQueue();
    }

    /** Gives back a slot that was taken for a queued session that is gone; the caller drains on. */
    void releaseQuietly() {
        counters.closed();
    }

    public boolean isFull() {
        return config.maxconn() > 0 && counters.current() >= config.maxconn();
    }
}
