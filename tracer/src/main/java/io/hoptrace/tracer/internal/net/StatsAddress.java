package io.hoptrace.tracer.internal.net;

import java.util.Objects;

/**
 * Where a stats socket listens, in HAProxy's address syntax (configuration manual, section 11 "Address
 * formats"): {@code unix@PATH} or a plain path for a Unix stream socket; {@code ipv4@HOST:PORT},
 * {@code ipv6@[ADDR]:PORT}, {@code HOST:PORT} or {@code [ADDR]:PORT} for TCP. A text with a {@code /} before any
 * colon, or without a {@code :PORT} suffix, is a path.
 *
 * @param path the Unix socket path, or null for TCP
 * @param host the TCP host (name or literal, without brackets), or null for Unix
 */
public record StatsAddress(String text, String path, String host, int port) {
    public StatsAddress {
        Objects.requireNonNull(text, "text");
        if ((path == null) == (host == null)) {
            throw new IllegalArgumentException("address: expected a Unix path or a TCP host, got '" + text + "'");
        }
        if (host != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("address: expected a port 1..65535 in '" + text + "', got " + port);
        }
    }

    public boolean isUnix() {
        return path != null;
    }

    /** Parses an address; throws {@link IllegalArgumentException} naming the text and what was expected. */
    public static StatsAddress parse(String text) {
        Objects.requireNonNull(text, "address");
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("address: expected a socket path or host:port, got ''");
        }
        if (t.startsWith("unix@")) {
            String p = t.substring(5);
            if (p.isEmpty()) {
                throw new IllegalArgumentException("address: expected a path after unix@, got '" + text + "'");
            }
            return new StatsAddress(text, p, null, 0);
        }
        if (t.startsWith("abns@") || t.startsWith("fd@") || t.startsWith("sockpair@") || t.startsWith("udp")) {
            throw new IllegalArgumentException("address: expected unix@, ipv4@, ipv6@, a path or host:port, got '"
                    + text + "' (abstract, fd and datagram sockets cannot be followed)");
        }
        boolean v4 = t.startsWith("ipv4@");
        boolean v6 = t.startsWith("ipv6@");
        if (v4 || v6) {
            return inet(text, t.substring(5), true);
        }
        int slash = t.indexOf('/');
        int colon = t.lastIndexOf(':');
        if (slash >= 0 && (colon < 0 || slash < t.indexOf(':'))) {
            return new StatsAddress(text, t, null, 0);
        }
        StatsAddress a = colon > 0 ? inet(text, t, false) : null;
        return a != null ? a : new StatsAddress(text, t, null, 0);
    }

    /** HOST:PORT or [V6]:PORT; null when it is not one and need not be (then the text is a path). */
    private static StatsAddress inet(String text, String t, boolean required) {
        int colon = t.lastIndexOf(':');
        String host = colon > 0 ? t.substring(0, colon) : "";
        String portText = colon > 0 ? t.substring(colon + 1) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = -1;
        if (!portText.isEmpty() && portText.length() <= 5 && portText.chars().allMatch(Character::isDigit)) {
            port = Integer.parseInt(portText);
        }
        if (host.isEmpty() || port < 0) {
            if (!required) {
                return null;
            }
            throw new IllegalArgumentException("address: expected HOST:PORT or [V6]:PORT, got '" + text + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("address: expected a port 1..65535 in '" + text + "', got "
                    + portText);
        }
        return new StatsAddress(text, null, host, port);
    }

    @Override
    public String toString() {
        return text;
    }
}
