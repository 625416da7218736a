package io.hoptrace.tracer;

import io.hoptrace.tracer.internal.DurationText;
import io.hoptrace.tracer.internal.net.StatsAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * One stats socket to follow: {@code [NAME=]ADDR[,ring=RING][,kind=KIND][,interval=DURATION]}.
 *
 * <p>{@code ADDR} is a Unix socket path ({@code /run/haproxy.sock}, {@code unix@path}) or TCP
 * ({@code host:port}, {@code [v6]:port}, {@code ipv4@h:p}, {@code ipv6@[a]:p}). {@code NAME} names the proxy in
 * the table and in records (default: the address as written). {@code ring} names a HAProxy ring carrying the
 * hoptrace log-format (see {@code docs/haproxy.md}); {@code interval} is how often a stock HAProxy is polled.
 *
 * @param pollInterval how often a stock HAProxy is polled with {@code show sess all}
 * @param ring the HAProxy ring to read finished sessions from, or null
 */
public record SourceSpec(String name, String address, SourceKind kind, Duration pollInterval, String ring) {
    /** How often a stock HAProxy is polled unless told otherwise. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

    public SourceSpec {
        requireToken("name", name);
        Objects.requireNonNull(address, "address");
        StatsAddress.parse(address);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.toMillis() < 10) {
            throw new IllegalArgumentException("interval: expected at least 10ms, got "
                    + DurationText.format(pollInterval));
        }
        if (ring != null) {
            requireToken("ring", ring);
        }
    }

    /** A source named after its address, auto-detected, polled every second if it is a stock HAProxy. */
    public static SourceSpec of(String address) {
        return new SourceSpec(address, address, SourceKind.AUTO, DEFAULT_POLL_INTERVAL, null);
    }

    /** Parses {@code [NAME=]ADDR[,ring=RING][,kind=KIND][,interval=DURATION]} with the default kind and interval. */
    public static SourceSpec parse(String text) {
        return parse(text, SourceKind.AUTO, DEFAULT_POLL_INTERVAL);
    }

    /**
     * Parses a spec; {@code kind} and {@code interval} apply unless the text sets them. Throws
     * {@link IllegalArgumentException} naming the part, the value and what was expected.
     */
    public static SourceSpec parse(String text, SourceKind kind, Duration interval) {
        Objects.requireNonNull(text, "source");
        String[] parts = text.split(",", -1);
        String head = parts[0].trim();
        String name = null;
        int eq = head.indexOf('=');
        if (eq >= 0) {
            String before = head.substring(0, eq);
            if (before.chars().noneMatch(c -> c == '/' || c == ':' || c == '@' || c == '[')) {
                name = before;
                head = head.substring(eq + 1);
            }
        }
        if (head.isEmpty()) {
            throw new IllegalArgumentException("source: expected [NAME=]ADDR, got '" + text + "'");
        }
        String ring = null;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int e = p.indexOf('=');
            String key = e < 0 ? p : p.substring(0, e);
            String value = e < 0 ? "" : p.substring(e + 1);
            switch (key) {
                case "ring" -> ring = value;
                case "kind" -> kind = SourceKind.parse(value);
                case "interval" -> interval = DurationText.parse("interval", value);
                default -> throw new IllegalArgumentException("source option: expected ring=, kind= or interval=,"
                        + " got '" + p + "' in '" + text + "'");
            }
        }
        return new SourceSpec(name != null ? name : head, head, kind, interval, ring);
    }

    public SourceSpec withKind(SourceKind k) {
        return new SourceSpec(name, address, k, pollInterval, ring);
    }

    public SourceSpec withPollInterval(Duration d) {
        return new SourceSpec(name, address, kind, d, ring);
    }

    private static void requireToken(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + ": expected a non-empty name, got '"
                    + (value == null ? "" : value) + "'");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == ',' || c == 0x7f || (c == '=' && !field.equals("name"))) {
                throw new IllegalArgumentException(field + ": expected a name without spaces or ','"
                        + (field.equals("name") ? "" : " or '='") + ", got '" + value + "'");
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name.equals(address) ? address : name + "=" + address);
        if (ring != null) {
            sb.append(",ring=").append(ring);
        }
        if (kind != SourceKind.AUTO) {
            sb.append(",kind=").append(kind);
        }
        if (!pollInterval.equals(DEFAULT_POLL_INTERVAL)) {
            sb.append(",interval=").append(DurationText.format(pollInterval));
        }
        return sb.toString();
    }
}
