package io.hoptrace.proxy.internal.backend;

import io.hoptrace.proxy.Balance;
import java.net.InetAddress;

/**
 * Chooses a server for a session ({@code balance}, HAProxy configuration manual section 4.2). Implementations
 * are lock-free: they take the chosen server's slot with {@link ServerRuntime#tryAcquire()} and move on to
 * another candidate when it is full.
 */
public interface Balancer {
    /**
     * A server whose slot is now held by the caller, or null when every candidate is full (the session waits in
     * the backend queue). {@code exclude} is a server that just failed (redispatch); it is skipped when another
     * server exists.
     */
    ServerRuntime reserve(InetAddress source, ServerRuntime exclude);

    /** The one server a waiting session must have ({@code balance source}), or null when any will do. */
    ServerRuntime home(InetAddress source, ServerRuntime exclude);

    static Balancer of(Balance balance, ServerRuntime[] servers) {
        return switch (balance) {
            case ROUNDROBIN -> new RoundRobinBalancer(servers);
            case LEASTCONN -> new LeastConnBalancer(servers);
            case SOURCE -> new SourceBalancer(servers);
        };
    }
}
