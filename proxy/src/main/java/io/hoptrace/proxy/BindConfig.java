package io.hoptrace.proxy;

import java.net.InetSocketAddress;

/** {@code bind <addr>:<port> [accept-proxy]}; port 0 binds an ephemeral port (reported by the running proxy). */
public record BindConfig(InetSocketAddress address, boolean acceptProxy, String location) {
}
