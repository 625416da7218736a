package io.hoptrace.proxy.internal.config;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Addresses as HAProxy writes them ({@code str2sa_range()}; configuration manual 5.1 "bind" and 11 "Address
 * formats"): {@code host:port}, {@code [ipv6]:port}, {@code ipv6:port} split at the last colon
 * ({@code :::8080}), {@code *:port} and {@code :port} for any IPv4 address, the {@code ipv4@} and {@code ipv6@}
 * family prefixes, and for stats sockets a Unix path ({@code /path} or {@code unix@path}). Host names are
 * resolved once, here, as HAProxy resolves them at startup. Errors are {@link IllegalArgumentException}s naming
 * the value and what was expected; the caller adds the keyword and {@code file:line}.
 */
public final class AddressParser {
    /** The longest Unix socket path: {@code sizeof(sun_path) - 1} on Linux. */
    static final int MAX_UNIX_PATH_BYTES = 107;
    private static final String FORMS = "expected <host>:<port>, [<ipv6>]:<port>, ipv4@<host>:<port> or "
            + "ipv6@<host>:<port>";

    /** A stats socket address: exactly one of a Unix path and a TCP address. */
    public record StatsAddress(Path unixPath, InetSocketAddress tcpAddress) {
    }

    private enum Family { ANY, IPV4, IPV6 }

    private AddressParser() {
    }

    /** A {@code bind} address; port 0 asks for an ephemeral port (HAProxy itself refuses port 0). */
    public static InetSocketAddress bind(String text) {
        if (text.startsWith("/") || text.startsWith("unix@")) {
            throw new IllegalArgumentException("Unix socket binds are out of hoptrace's scope (TCP only), got '"
                    + text + "'; " + FORMS);
        }
        return inet(text, 0, "bind");
    }

    /** A {@code server} address: a port from 1 to 65535 is required (no port mapping). */
    public static InetSocketAddress server(String text) {
        if (text.startsWith("/") || text.startsWith("unix@")) {
            throw new IllegalArgumentException("Unix socket servers are out of hoptrace's scope (TCP only), got '"
                    + text + "'; " + FORMS);
        }
        return inet(text, 1, "server");
    }

    /** A {@code stats socket} address: a Unix path or a TCP address (port 0 = ephemeral). */
    public static StatsAddress stats(String text) {
        String path = null;
        if (text.startsWith("unix@")) {
            path = text.substring("unix@".length());
        } else if (text.startsWith("/")) {
            path = text;
        }
        if (path == null) {
            return new StatsAddress(null, inet(text, 0, "stats"));
        }
        if (path.isEmpty()) {
            throw new IllegalArgumentException("expected a Unix socket path after unix@, got '" + text + "'");
        }
        int bytes = path.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_UNIX_PATH_BYTES) {
            throw new IllegalArgumentException("Unix socket path '" + path + "' is " + bytes
                    + " bytes long; the maximum is " + MAX_UNIX_PATH_BYTES);
        }
        return new StatsAddress(Path.of(path), null);
    }

    private static InetSocketAddress inet(String text, int minPort, String use) {
        Family family = Family.ANY;
        String rest = text;
        int at = text.indexOf('@');
        if (at >= 0) {
            String prefix = text.substring(0, at + 1);
            switch (prefix) {
                case "ipv4@" -> family = Family.IPV4;
                case "ipv6@" -> family = Family.IPV6;
                default -> throw new IllegalArgumentException("address prefix '" + prefix
                        + "' is out of hoptrace's scope, got '" + text + "'; " + FORMS
                        + (use.equals("stats") ? ", or a Unix path (/path or unix@path)" : ""));
            }
            rest = text.substring(at + 1);
        }
        if (rest.indexOf(',') >= 0) {
            throw new IllegalArgumentException("address lists are out of hoptrace's scope (write one line per "
                    + "address), got '" + text + "'");
        }
        int colon = rest.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("missing port in '" + text + "'; " + FORMS);
        }
        int port = port(rest.substring(colon + 1), text, minPort);
        InetAddress address = host(rest.substring(0, colon), text, family);
        return new InetSocketAddress(address, port);
    }

    private static int port(String p, String text, int minPort) {
        if (p.isEmpty()) {
            throw new IllegalArgumentException("missing port in '" + text + "'; " + FORMS);
        }
        if (p.charAt(0) == '+' || p.charAt(0) == '-') {
            throw new IllegalArgumentException("port offsets ('" + p + "') are out of hoptrace's scope, got '"
                    + text + "'; expected a port from " + minPort + " to 65535");
        }
        if (p.indexOf('-') > 0) {
            throw new IllegalArgumentException("port ranges ('" + p + "') are out of hoptrace's scope, got '"
                    + text + "'; expected a single port from " + minPort + " to 65535");
        }
        int port = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c < '0' || c > '9' || i >= 5) {
                throw badPort(p, text, minPort);
            }
            port = port * 10 + (c - '0');
        }
        if (port < minPort || port > 65535) {
            throw badPort(p, text, minPort);
        }
        return port;
    }

    private static IllegalArgumentException badPort(String p, String text, int minPort) {
        return new IllegalArgumentException("invalid port '" + p + "' in '" + text + "': expected a number from "
                + minPort + " to 65535");
    }

    private static InetAddress host(String host, String text, Family family) {
        if (host.isEmpty() || host.equals("*")) {
            return family == Family.IPV6 ? literal("::") : literal("0.0.0.0");
        }
        boolean bracketed = host.startsWith("[");
        if (bracketed) {
            if (!host.endsWith("]") || host.length() < 3) {
                throw new IllegalArgumentException("unbalanced brackets in '" + text + "'; " + FORMS);
            }
            host = host.substring(1, host.length() - 1);
        }
        InetAddress address;
        if (host.indexOf(':') >= 0) {
            address = ipv6Literal(host, text);
        } else if (looksNumeric(host)) {
            address = ipv4Literal(host, text);
        } else if (bracketed) {
            throw new IllegalArgumentException("expected an IPv6 address between brackets, got '" + text + "'");
        } else {
            address = resolve(host, text, family);
        }
        if (family == Family.IPV4 && !(address instanceof Inet4Address)) {
            throw new IllegalArgumentException("expected an IPv4 address after ipv4@, got '" + text + "'");
        }
        if (family == Family.IPV6 && !(address instanceof Inet6Address)) {
            throw new IllegalArgumentException("expected an IPv6 address after ipv6@, got '" + text + "'");
        }
        return address;
    }

    private static boolean looksNumeric(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static InetAddress ipv4Literal(String host, String text) {
        String[] parts = host.split("\\.", -1);
        boolean ok = parts.length == 4;
        for (int i = 0; ok && i < 4; i++) {
            ok = !parts[i].isEmpty() && parts[i].length() <= 3 && Integer.parseInt(parts[i]) <= 255;
        }
        if (!ok) {
            throw new IllegalArgumentException("invalid IPv4 address '" + host + "' in '" + text
                    + "': expected four numbers from 0 to 255 separated by dots");
        }
        return literal(host);
    }

    private static InetAddress ipv6Literal(String host, String text) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                throw invalidIpv6(host, text);
            }
        }
        try {
            // A string of hex digits, colons and dots is parsed as a literal by the JDK: no name lookup happens.
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw invalidIpv6(host, text);
        }
    }

    private static IllegalArgumentException invalidIpv6(String host, String text) {
        return new IllegalArgumentException("invalid IPv6 address '" + host + "' in '" + text + "'");
    }

    private static InetAddress resolve(String host, String text, Family family) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '-' && c != '.' && c != '_') {
                throw new IllegalArgumentException("invalid host name '" + host + "' in '" + text + "'; " + FORMS);
            }
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (family == Family.ANY || (family == Family.IPV4) == (a instanceof Inet4Address)) {
                    return a;
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve host '" + host + "' in '" + text + "'");
        }
        throw new IllegalArgumentException("host '" + host + "' in '" + text + "' has no "
                + (family == Family.IPV4 ? "IPv4" : "IPv6") + " address");
    }

    private static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not a literal address: " + ip, e);
        }
    }
}
