package io.hoptrace.correlator.internal.report;

import io.hoptrace.correlator.Side;
import io.hoptrace.events.Endpoint;
import io.hoptrace.events.FourTuple;
import io.hoptrace.events.Timestamps;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The text of the values a report repeats for every trace (addresses, endpoints, Wireshark filters, timestamps),
 * exactly as {@link Endpoint#toString}, {@link WiresharkFilter} and {@link Timestamps#formatMicros} write them,
 * but appended into the writer's builder and with what repeats cached: a report of tens of thousands of traces
 * names a few addresses, and its timestamps share their date and time of day down to the second.
 * One instance per report written; not thread-safe.
 */
final class ReportFormatter {
    /** {@link Side} names as reports write them (lower case), by ordinal. */
    private static final String[] SIDES = sideNames();

    private final Map<InetAddress, String> hosts = new HashMap<>();
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedSecondText;

    /** {@link Endpoint#toString}: {@code a.b.c.d:port}, {@code [v6]:port} or {@code unknown}. */
    StringBuilder endpoint(StringBuilder sb, Endpoint e) {
        if (e.isUnknown()) {
            return sb.append("unknown");
        }
        if (e.isIpv6()) {
            sb.append('[').append(host(e)).append(']');
        } else {
            sb.append(host(e));
        }
        return sb.append(':').append(e.port());
    }

    /** {@link FourTuple#toString}: {@code client -> server}. */
    StringBuilder tuple(StringBuilder sb, FourTuple t) {
        endpoint(sb, t.client()).append(" -> ");
        return endpoint(sb, t.server());
    }

    /** {@link WiresharkFilter#of(FourTuple)}; false (nothing appended) when an end has no IP address. */
    boolean filter(StringBuilder sb, FourTuple t) {
        if (!t.isInet()) {
            return false;
        }
        sb.append('(');
        filterTerm(sb, t.client()).append(" && ");
        filterTerm(sb, t.server()).append(')');
        return true;
    }

    /**
     * Appends a hop's filter to its trace's, the hops' filters or-ed as {@code WiresharkFilter.of(Trace)} joins
     * them; returns where the hop's filter starts in {@code traceFilter}, or -1 (nothing appended) when the hop has
     * none.
     */
    int hopFilter(StringBuilder traceFilter, FourTuple t) {
        int mark = traceFilter.length();
        if (mark > 0) {
            traceFilter.append(" || ");
        }
        if (filter(traceFilter, t)) {
            return mark == 0 ? 0 : mark + 4;
        }
        traceFilter.setLength(mark);
        return -1;
    }

    /** {@link Timestamps#formatMicros}: RFC 3339 UTC with six fraction digits. */
    StringBuilder timestamp(StringBuilder sb, long micros) {
        long second = Math.floorDiv(micros, 1_000_000L);
        int fraction = (int) Math.floorMod(micros, 1_000_000L);
        if (second != cachedSecond) {
            // "yyyy-MM-ddTHH:mm:ss." of this second: its text at fraction 0 without the "000000Z".
            String whole = Timestamps.formatMicros(second * 1_000_000L);
            cachedSecondText = whole.substring(0, whole.length() - 7);
            cachedSecond = second;
        }
        sb.append(cachedSecondText);
        for (int digits = 100_000; digits > 1 && fraction < digits; digits /= 10) {
            sb.append('0');
        }
        return sb.append(fraction).append('Z');
    }

    /** A side as reports name it: {@code client}, {@code server}. */
    static String side(Side s) {
        return SIDES[s.ordinal()];
    }

    private static String[] sideNames() {
        Side[] sides = Side.values();
        String[] names = new String[sides.length];
        for (Side s : sides) {
            names[s.ordinal()] = s.name().toLowerCase(Locale.ROOT);
        }
        return names;
    }

    private StringBuilder filterTerm(StringBuilder sb, Endpoint e) {
        return sb.append(e.isIpv6() ? "ipv6.addr==" : "ip.addr==").append(host(e)).append(" && tcp.port==")
                .append(e.port());
    }

    private String host(Endpoint e) {
        String h = hosts.get(e.address());
        if (h == null) {
            h = e.host();
            hosts.put(e.address(), h);
        }
        return h;
    }
}
