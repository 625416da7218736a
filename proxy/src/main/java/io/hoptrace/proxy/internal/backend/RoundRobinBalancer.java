package io.hoptrace.proxy.internal.backend;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code balance roundrobin}: each server in turn; a full server is skipped for this round. */
final class RoundRobinBalancer implements Balancer {
    private final ServerRuntime[] servers;
    private final AtomicInteger next = new AtomicInteger();

    RoundRobinBalancer(ServerRuntime[] servers) {
        this.servers = servers;
    }

    @Override
    public ServerRuntime reserve(InetAddress source, ServerRuntime exclude) {
        int n = servers.length;
        int start = Math.floorMod(next.getAndIncrement(), n);
        for (int i = 0; i < n; i++) {
            ServerRuntime s = servers[(start + i) % n];
            if (s == exclude && n > 1) {
                continue;
            }
            if (s.tryAcquire()) {
                return s;
            }
        }
        return null;
    }

    @Override
    public ServerRuntime home(InetAddress source, ServerRuntime exclude) {
        return null;
    }
}
