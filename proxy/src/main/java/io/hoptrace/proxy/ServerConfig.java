package io.hoptrace.proxy;

import java.net.InetSocketAddress;

/** {@code server <name> <addr>:<port> [send-proxy|send-proxy-v2] [maxconn <n>]}; maxconn 0 = unlimited. */
public record ServerConfig(String name, InetSocketAddress address, SendProxy sendProxy, int maxconn,
                           String location) {
    /** Which PROXY protocol header (haproxy.org/download/2.6/doc/proxy-protocol.txt) opens the connection. */
    public enum SendProxy { NONE, V1, V2 }
}
