package io.hoptrace.proxy;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * {@code stats socket <addr> [mode <octal>] [user <u>] [group <g>] [level user|operator|admin]}. Exactly one of
 * {@code unixPath} (a path) and {@code tcpAddress} ({@code ipv4@host:port}, {@code ipv6@[host]:port}) is set.
 * {@code mode} is the Unix file mode, or -1 when not given; {@code level} is already defaulted as HAProxy 2.6
 * does (see {@code docs/proxy-config.md}). {@code location} is the {@code file:line} of the declaration.
 */
public record StatsSocketConfig(Path unixPath, InetSocketAddress tcpAddress, int mode, String user, String group,
                                StatsLevel level, String location) {
    public StatsSocketConfig {
        if ((unixPath == null) == (tcpAddress == null)) {
            throw new IllegalArgumentException("stats socket: expected exactly one of a path or a TCP address");
        }
        if (mode < -1 || mode > 07777) {
            throw new IllegalArgumentException("mode: expected an octal file mode, got " + Integer.toOctalString(mode));
        }
        if (level == null) {
            throw new IllegalArgumentException("level: expected user, operator or admin");
        }
    }

    /** The address as written in the configuration, for messages. */
    public String describe() {
        return unixPath != null ? unixPath.toString()
                : (tcpAddress.getAddress() instanceof java.net.Inet6Address ? "ipv6@[" : "ipv4@")
                + tcpAddress.getAddress().getHostAddress()
                + (tcpAddress.getAddress() instanceof java.net.Inet6Address ? "]" : "") + ":" + tcpAddress.getPort();
    }
}
