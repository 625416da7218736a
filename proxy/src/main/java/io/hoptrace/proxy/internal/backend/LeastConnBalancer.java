package io.hoptrace.proxy.internal.backend;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code balance leastconn}: the server with the fewest current connections; ties go round-robin (the scan
 * starts one further each time), as HAProxy does among servers of equal load.
 */
final class LeastConnBalancer implements Balancer {
    private final ServerRuntime[] servers;
    private final AtomicInteger rotation = new AtomicInteger();

    LeastConnBalancer(ServerRuntime[] servers) {
        this.servers = servers;
    }

    @Override
    public ServerRuntime reserve(InetAddress source, ServerRuntime exclude) {
        int n = servers.length;
        int start = Math.floorMod(rotation.getAndIncrement(), n);
        // Another thread may fill the chosen server between the scan and tryAcquire: scan again, at most n times.
        for (int attempt = 0; attempt < n; attempt++) {
            ServerRuntime best = null;
            int bestLoad = Integer.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                ServerRuntime s = servers[(start + i) % n];
                if ((s == exclude && n > 1) || s.isFull()) {
                    continue;
                }
                int load = s.counters().current();
                if (load < bestLoad) {
                    best = s;
                    bestLoad = load;
                }
            }
            if (best == null) {
                return null;
            }
            if (best.tryAcquire()) {
                return best;
            }
        }
        return null;
    }

    @Override
    public ServerRuntime home(InetAddress source, ServerRuntime exclude) {
        return null;
    }
}
