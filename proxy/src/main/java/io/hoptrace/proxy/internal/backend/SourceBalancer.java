package io.hoptrace.proxy.internal.backend;

import java.net.InetAddress;

/**
 * {@code balance source}: a hash of the client's address picks the server, so a client keeps reaching the same
 * one while the server list does not change. A full server makes the session wait for that server.
 */
final class SourceBalancer implements Balancer {
    private final ServerRuntime[] servers;

    SourceBalancer(ServerRuntime[] servers) {
        this.servers = servers;
    }

    @Override
    public ServerRuntime reserve(InetAddress source, ServerRuntime exclude) {
        ServerRuntime s = home(source, exclude);
        return s.tryAcquire() ? s : null;
    }

    @Override
    public ServerRuntime home(InetAddress source, ServerRuntime exclude) {
        int n = servers.length;
        int index = Math.floorMod(mix(source == null ? 0 : source.hashCode()), n);
        if (servers[index] == exclude && n > 1) {
            index = (index + 1) % n;
        }
        return servers[index];
    }

    /**
     * InetAddress.hashCode is the address itself for IPv4 (no allocation, unlike getAddress()); a finalizer
     * (MurmurHash3 fmix32) spreads neighbouring addresses over the servers.
     */
    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
