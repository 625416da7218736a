package io.hoptrace.correlator.internal.report;

import io.hoptrace.correlator.ConnectionEnd;
import io.hoptrace.correlator.ConnectionStats;
import io.hoptrace.correlator.CorrelationCounts;
import io.hoptrace.correlator.CorrelationReport;
import io.hoptrace.correlator.Hop;
import io.hoptrace.correlator.InputDamage;
import io.hoptrace.correlator.ProxyDwell;
import io.hoptrace.correlator.ProxySession;
import io.hoptrace.correlator.Trace;
import io.hoptrace.events.SessionEvent;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The readable report: one block per trace, hop by hop (tuple, packets and bytes each way, handshake, how it ended,
 * Wireshark filter) with each proxy's dwell between its two hops, then the summary: figures, the connections no
 * session explains, the sessions no capture saw, warnings and damaged inputs.
 */
public final class TextReportWriter {
    private final Writer out;
    private final StringBuilder sb = new StringBuilder(1024);
    private final ReportFormatter text = new ReportFormatter();
    /** The hops' filters of the trace being written, or-ed: the trace's filter. */
    private final StringBuilder traceFilter = new StringBuilder(512);

    private TextReportWriter(Writer out) {
        this.out = out;
    }

    public static void write(CorrelationReport report, Writer out) throws IOException {
        new TextReportWriter(out).report(report);
    }

    /**
     * One trace's block, numbered {@code n} of {@code of} ({@code trace 3 of 17:}), or just {@code n} when
     * {@code of} is 0 (a live trace: the total is not known yet). Does not flush {@code out}.
     */
    public static void writeTrace(Trace t, int n, int of, Writer out) throws IOException {
        TextReportWriter w = new TextReportWriter(out);
        w.trace(t, n, of);
        w.flush();
    }

    /** The summary that ends the report; {@code shown} is how many traces were written before it. */
    public static void writeSummary(CorrelationReport r, long shown, Writer out) throws IOException {
        TextReportWriter w = new TextReportWriter(out);
        w.summary(r, shown);
        w.flush();
        out.flush();
    }

    private void report(CorrelationReport r) throws IOException {
        List<Trace> traces = r.traces();
        for (int i = 0; i < traces.size(); i++) {
            trace(traces.get(i), i + 1, traces.size());
            flush();
        }
        summary(r, traces.size());
        flush();
        out.flush();
    }

    private void trace(Trace t, int n, int of) {
        sb.append("trace ").append(n);
        if (of > 0) {
            sb.append(" of ").append(of);
        }
        sb.append(": ");
        text.endpoint(sb, t.origin()).append(" -> ");
        text.endpoint(sb, t.destination()).append(" via ");
        for (int k = 0; k < t.proxies().size(); k++) {
            ref(sb.append(k > 0 ? ", " : ""), t.proxies().get(k).session());
        }
        sb.append('\n').append("  ");
        long start = t.startNanos();
        if (start != Trace.NONE) {
            text.timestamp(sb, start / 1000).append(", lasted ");
            DurationText.append(sb, t.durationNanos()).append(", ");
        }
        int captured = 0;
        for (Hop h : t.hops()) {
            captured += h.captured() ? 1 : 0;
        }
        sb.append(t.hops().size()).append(t.hops().size() == 1 ? " hop, " : " hops, ")
                .append(captured == t.hops().size() ? "all" : captured + " of " + t.hops().size()).append(" captured");
        if (t.failed()) {
            ProxySession last = t.proxies().get(t.proxies().size() - 1).session();
            ref(sb.append("; "), last).append(" failed before reaching a server")
                    .append(last.term() != null ? " (" + last.term() + ")" : "");
        }
        sb.append('\n');
        traceFilter.setLength(0);
        for (Hop h : t.hops()) {
            hop(t, h);
            if (h.index() < t.proxies().size()) {
                proxy(t.proxies().get(h.index()));
            }
        }
        if (traceFilter.length() > 0) {
            sb.append("  trace filter: ").append(traceFilter).append('\n');
        }
        sb.append('\n');
    }

    private void hop(Trace t, Hop h) {
        sb.append("  hop ").append(h.index()).append("  ");
        text.tuple(sb, h.tuple()).append("   ");
        if (h.index() == 0) {
            sb.append("client");
        } else {
            ref(sb, t.proxies().get(h.index() - 1).session());
        }
        sb.append(" -> ");
        if (h.index() < t.proxies().size()) {
            ref(sb, t.proxies().get(h.index()).session());
        } else {
            sb.append("server");
        }
        sb.append('\n');
        ConnectionStats c = h.connection();
        if (c == null) {
            sb.append("         not captured\n");
        } else {
            sb.append("         ");
            connection(c, "\n         ");
            sb.append('\n');
        }
        int from = text.hopFilter(traceFilter, h.tuple());
        if (from >= 0) {
            sb.append("         filter ").append(traceFilter, from, traceFilter.length()).append('\n');
        }
    }

    /** Two lines about a captured connection: counts, handshake, first response; how and when it ended. */
    private void connection(ConnectionStats c, String newLine) {
        sb.append("packets ").append(c.up().packets()).append(" up / ").append(c.down().packets())
                .append(" down, bytes ").append(c.up().bytes()).append(" up / ").append(c.down().bytes())
                .append(" down");
        long rtt = c.handshakeRttNanos();
        sb.append(", handshake ");
        if (rtt == ConnectionStats.NONE) {
            sb.append("not captured");
        } else {
            DurationText.append(sb, rtt);
        }
        long response = c.responseTimeNanos();
        if (response != ConnectionStats.NONE) {
            DurationText.append(sb.append(", first response after "), response);
        }
        sb.append(newLine);
        if (c.end() == ConnectionEnd.OPEN) {
            sb.append("still open at the end of the capture");
        } else {
            sb.append("ended ").append(c.end()).append(" by ").append(ReportFormatter.side(c.endedBy()));
        }
        DurationText.append(sb.append(" after "), c.durationNanos());
        long retrans = c.up().retransmissions() + c.down().retransmissions();
        if (retrans > 0) {
            sb.append(", ").append(retrans).append(retrans == 1 ? " retransmission" : " retransmissions");
        }
        if (c.instance() > 0) {
            sb.append(" (connection ").append(c.instance() + 1).append(" on this tuple)");
        }
    }

    private void proxy(ProxyDwell d) {
        ProxySession s = d.session();
        ref(sb.append("    "), s);
        if (s.frontendName() != null || s.backendName() != null) {
            sb.append(" (").append(s.frontendName() != null ? s.frontendName() : "?").append(" -> ")
                    .append(s.backendName() != null ? s.backendName() : "?")
                    .append(s.serverName() != null ? "/" + s.serverName() : "").append(')');
        }
        sb.append(": ");
        if (s.failed()) {
            sb.append("failed").append(s.term() != null ? " (" + s.term() + ")" : "").append('\n');
            return;
        }
        sb.append("request dwell ");
        if (d.hasRequestDwell()) {
            DurationText.append(sb, d.requestDwellNanos());
        } else {
            sb.append('?');
        }
        sb.append(", response dwell ");
        if (d.hasResponseDwell()) {
            DurationText.append(sb, d.responseDwellNanos());
        } else {
            sb.append('?');
        }
        if (s.bytesIn() != SessionEvent.NONE) {
            sb.append("; proxy counted ").append(s.bytesIn()).append(" bytes in / ").append(s.bytesOut())
                    .append(" out");
        }
        if (s.term() != null) {
            sb.append("; ended ").append(s.term());
        }
        sb.append('\n');
    }

    /** {@link io.hoptrace.correlator.SessionRef#toString}: {@code source#id}. */
    private static StringBuilder ref(StringBuilder sb, ProxySession s) {
        return sb.append(s.source()).append('#').append(s.id());
    }

    private void summary(CorrelationReport r, long shown) throws IOException {
        CorrelationCounts c = r.counts();
        sb.append("summary\n");
        sb.append("  traces: ").append(c.traces());
        if (!r.follow().everything()) {
            sb.append(" (").append(shown).append(" shown for --follow ").append(r.follow()).append(')');
        }
        sb.append(", ").append(c.completeTraces()).append(" with every hop captured\n");
        sb.append("  sessions: ").append(c.sessions()).append(" (").append(c.failedSessions()).append(" failed, ")
                .append(c.uncapturedSessions()).append(" without captured packets)\n");
        sb.append("  connections: ").append(c.connections()).append(" captured, ")
                .append(c.unexplainedConnections()).append(" explained by no session\n");
        sb.append("  packets: ").append(c.packets()).append(" read from ").append(c.captures())
                .append(c.captures() == 1 ? " capture" : " captures").append(", ").append(c.tcpPackets())
                .append(" TCP");
        if (c.duplicatePackets() > 0) {
            sb.append(", ").append(c.duplicatePackets()).append(" seen at two capture points counted once");
        }
        if (c.firstPacketNanos() != CorrelationCounts.NONE) {
            text.timestamp(sb.append(", "), c.firstPacketNanos() / 1000).append(" to ");
            text.timestamp(sb, c.lastPacketNanos() / 1000);
        }
        sb.append('\n');
        flush();
        if (!r.unexplainedFlows().isEmpty()) {
            sb.append("unexplained flows (captured connections no session explains): ")
                    .append(r.unexplainedFlows().size()).append('\n');
            for (ConnectionStats f : r.unexplainedFlows()) {
                text.tuple(sb.append("  "), f.tuple()).append("  ");
                text.timestamp(sb, f.firstNanos() / 1000).append("\n    ");
                connection(f, "\n    ");
                text.filter(sb.append("\n    filter "), f.tuple()); // captured, so both ends have IP addresses
                sb.append('\n');
                if (sb.length() > 1 << 16) {
                    flush();
                }
            }
        }
        if (!r.uncapturedSessions().isEmpty()) {
            sb.append("uncaptured sessions (no capture saw their connections): ").append(r.uncapturedSessions().size())
                    .append('\n');
            for (ProxySession s : r.uncapturedSessions()) {
                ref(sb.append("  "), s).append("  ");
                text.tuple(sb, s.front());
                if (s.back() != null) {
                    text.tuple(sb.append(" | "), s.back());
                } else {
                    sb.append(" | failed").append(s.term() != null ? " (" + s.term() + ")" : "");
                }
                long t = s.openMicros() != SessionEvent.NONE ? s.openMicros() : s.closeMicros();
                if (t != SessionEvent.NONE) {
                    sb.append("  ").append(s.openMicros() != SessionEvent.NONE ? "opened " : "at ");
                    text.timestamp(sb, t);
                }
                sb.append('\n');
                if (sb.length() > 1 << 16) {
                    flush();
                }
            }
        }
        if (!r.warnings().isEmpty()) {
            sb.append("warnings:\n");
            for (String w : r.warnings()) {
                sb.append("  ").append(w).append('\n');
            }
        }
        if (!r.damage().isEmpty()) {
            sb.append("damaged inputs (what was read before the damage is reported above):\n");
            for (InputDamage d : r.damage()) {
                sb.append("  ").append(d).append('\n');
            }
        }
    }

    private void flush() throws IOException {
        out.append(sb);
        sb.setLength(0);
    }
}
