package io.hoptrace.correlator.internal.report;

import io.hoptrace.correlator.Hop;
import io.hoptrace.correlator.Trace;
import io.hoptrace.events.Endpoint;
import io.hoptrace.events.FourTuple;

/**
 * Wireshark/tshark display filters that select a connection by its four-tuple, without {@code tcp.stream}
 * (which numbers differ between files and tools): {@code (ip.addr==A && tcp.port==P && ip.addr==B &&
 * tcp.port==Q)}, {@code ipv6.addr} for IPv6.
 */
public final class WiresharkFilter {
    private WiresharkFilter() {
    }

    /** The filter of one connection, or null when an end has no IP address (a Unix socket). */
    public static String of(FourTuple t) {
        if (!t.isInet()) {
            return null;
        }
        StringBuilder sb = new StringBuilder(96).append('(');
        term(sb, t.client()).append(" && ");
        return term(sb, t.server()).append(')').toString();
    }

    /** The filter of every hop of a trace, or-ed; null when no hop has IP addresses. */
    public static String of(Trace trace) {
        StringBuilder sb = new StringBuilder(200);
        for (Hop h : trace.hops()) {
            String f = of(h.tuple());
            if (f != null) {
                if (sb.length() > 0) {
                    sb.append(" || ");
                }
                sb.append(f);
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static StringBuilder term(StringBuilder sb, Endpoint e) {
        return sb.append(e.isIpv6() ? "ipv6.addr==" : "ip.addr==").append(e.host()).append(" && tcp.port==")
                .append(e.port());
    }
}
