package io.hoptrace.correlator.internal.report;

import static io.hoptrace.correlator.internal.report.TimelineStyle.BAR_HEIGHT;
import static io.hoptrace.correlator.internal.report.TimelineStyle.DOWN_BAR_TOP;
import static io.hoptrace.correlator.internal.report.TimelineStyle.FONT;
import static io.hoptrace.correlator.internal.report.TimelineStyle.FONT_MONO;
import static io.hoptrace.correlator.internal.report.TimelineStyle.FONT_SMALL;
import static io.hoptrace.correlator.internal.report.TimelineStyle.LABEL_WIDTH;
import static io.hoptrace.correlator.internal.report.TimelineStyle.LABEL_X;
import static io.hoptrace.correlator.internal.report.TimelineStyle.LANE_HEIGHT;
import static io.hoptrace.correlator.internal.report.TimelineStyle.LINE;
import static io.hoptrace.correlator.internal.report.TimelineStyle.PLOT_END;
import static io.hoptrace.correlator.internal.report.TimelineStyle.PLOT_START;
import static io.hoptrace.correlator.internal.report.TimelineStyle.RIGHT;
import static io.hoptrace.correlator.internal.report.TimelineStyle.ROW_ABOVE;
import static io.hoptrace.correlator.internal.report.TimelineStyle.ROW_BELOW;
import static io.hoptrace.correlator.internal.report.TimelineStyle.UP_BAR_TOP;

import io.hoptrace.correlator.ConnectionEnd;
import io.hoptrace.correlator.ConnectionStats;
import io.hoptrace.correlator.DirectionStats;
import io.hoptrace.correlator.Hop;
import io.hoptrace.correlator.Trace;
import io.hoptrace.events.Timestamps;

/**
 * One hop of a trace as a lane: on the left its tuple and who is at either end; on the time axis its connection
 * from first to last packet, the handshake (SYN above the line: the client sent it; SYN-ACK below), payload
 * client to server above the line and server to client below, each side's FIN as a flag on its side, RST as a
 * red bar across the lane, and a dashed arrow when the connection was still open at the end of the capture.
 */
final class TimelineLaneDrawer {
    private static final double FLAG = 14;

    private final TimelineSvg svg;
    private final TimelineScale scale;

    TimelineLaneDrawer(TimelineSvg svg, TimelineScale scale) {
        this.svg = svg;
        this.scale = scale;
    }

    void draw(Trace t, Hop h, int traceNumber, double top) {
        ConnectionStats c = h.connection();
        svg.open("lane", "data-trace", Integer.toString(traceNumber), "data-hop", Integer.toString(h.index()),
                "data-captured", Boolean.toString(c != null));
        svg.title("hop " + h.index() + ": " + h.tuple() + (c == null ? " (not captured)" : ""));
        svg.rect("lane-bg", PLOT_START - 10, top, RIGHT - PLOT_START + 10, LANE_HEIGHT);
        labels(t, h, top);
        if (c == null) {
            double y = top + LINE;
            svg.line("uncaptured", PLOT_START, y, PLOT_END, y);
            svg.text("note halo", (PLOT_START + PLOT_END) / 2, y + 4, "middle", "not captured");
        } else {
            connection(c, top);
        }
        svg.close();
    }

    private void labels(Trace t, Hop h, double top) {
        int i = h.index();
        String from = i == 0 ? "client" : t.proxies().get(i - 1).ref().toString();
        String to = i < t.proxies().size() ? t.proxies().get(i).ref().toString() : "server";
        svg.text("hop-title", LABEL_X, top + 15, "start",
                TimelineText.fit("hop " + i + ":  " + from + " → " + to, FONT, LABEL_WIDTH));
        svg.text("mono", LABEL_X, top + 30, "start",
                TimelineText.fitMono(h.tuple().client().toString(), FONT_MONO, LABEL_WIDTH));
        svg.text("mono", LABEL_X, top + 44, "start",
                TimelineText.fitMono("→ " + h.tuple().server(), FONT_MONO, LABEL_WIDTH));
        ConnectionStats c = h.connection();
        if (c != null) {
            long rtt = c.handshakeRttNanos();
            String s = "packets " + c.up().packets() + " → / " + c.down().packets() + " ←"
                    + (rtt == ConnectionStats.NONE ? "" : " · handshake " + TimelineText.duration(rtt));
            svg.text("sub small", LABEL_X, top + 58, "start", TimelineText.fit(s, FONT_SMALL, LABEL_WIDTH));
        }
    }

    private void connection(ConnectionStats c, double top) {
        double y = top + LINE;
        TimelineLabelRow above = TimelineLabelRow.acrossPlot();
        TimelineLabelRow below = TimelineLabelRow.acrossPlot();
        TimelineLabelRow middle = TimelineLabelRow.acrossPlot();
        double x1 = scale.x(c.firstNanos());
        double x2 = Math.max(x1 + 2, scale.x(c.lastNanos()));
        svg.line("conn", x1, y, x2, y);
        handshake(c, y);
        data(c.up(), top + UP_BAR_TOP, top + ROW_ABOVE, above, "up", c.up().bytes() > 0
                ? TimelineText.bytes(c.up().bytes()) + " →" : null);
        data(c.down(), top + DOWN_BAR_TOP, top + ROW_BELOW, below, "down", c.down().bytes() > 0
                ? "← " + TimelineText.bytes(c.down().bytes()) : null);
        // RST first: it is the mark that must never lose its label to another one.
        rst(c.down(), "server", top, middle);
        rst(c.up(), "client", top, middle);
        fin(c.up(), "client", y, -1, top + ROW_ABOVE, above);
        fin(c.down(), "server", y, 1, top + ROW_BELOW, below);
        if (c.end() == ConnectionEnd.OPEN) {
            open(c, x2, y, middle);
        }
    }

    private void handshake(ConnectionStats c, double y) {
        if (c.synNanos() == ConnectionStats.NONE) {
            return;
        }
        long end = c.handshakeAckNanos() != ConnectionStats.NONE ? c.handshakeAckNanos()
                : c.synAckNanos() != ConnectionStats.NONE ? c.synAckNanos() : c.synNanos();
        double xs = scale.x(c.synNanos());
        svg.open("mark handshake");
        StringBuilder tip = new StringBuilder("handshake: SYN ").append(relative(c.synNanos()));
        if (c.synAckNanos() != ConnectionStats.NONE) {
            tip.append(", SYN-ACK ").append(relative(c.synAckNanos()));
        }
        if (c.handshakeAckNanos() != ConnectionStats.NONE) {
            tip.append(", ACK ").append(relative(c.handshakeAckNanos())).append(" (RTT ")
                    .append(TimelineText.duration(c.handshakeRttNanos())).append(')');
        }
        svg.title(tip.toString());
        svg.rect("hs", xs, y - 6, Math.max(3, scale.x(end) - xs), 12);
        svg.line("hs-tick", xs, y - 10, xs, y);
        if (c.synAckNanos() != ConnectionStats.NONE) {
            double xa = scale.x(c.synAckNanos());
            svg.line("hs-tick", xa, y, xa, y + 10);
        }
        svg.close();
    }

    private void data(DirectionStats d, double barTop, double row, TimelineLabelRow labels, String cls,
                      String label) {
        if (!d.hasPayload()) {
            return;
        }
        double xa = scale.x(d.firstPayloadNanos());
        double xb = Math.max(xa + 3, scale.x(d.lastPayloadNanos()));
        svg.open("mark data-" + cls);
        svg.title((cls.equals("up") ? "client → server: " : "server → client: ") + d.bytes() + " bytes in "
                + d.packets() + " packets, first " + relative(d.firstPayloadNanos()) + ", last "
                + relative(d.lastPayloadNanos()) + (d.retransmissions() > 0 ? ", " + d.retransmissions()
                + " retransmitted" : ""));
        svg.rect(cls, xa, barTop, xb - xa, BAR_HEIGHT);
        String text = d.retransmissions() > 0 ? label + "  " + d.retransmissions() + " retx" : label;
        double w = TimelineText.width(text, FONT_SMALL);
        double at = labels.place(xa, xa - 4, w);
        if (!Double.isNaN(at)) {
            svg.text(cls + "-text", at, row, "start", text);
        }
        svg.close();
    }

    /** A flag on the sender's side of the line: up (client) above it, down (server) below it. */
    private void fin(DirectionStats d, String side, double y, int sign, double row, TimelineLabelRow labels) {
        if (!d.sentFin()) {
            return;
        }
        double x = scale.x(d.finNanos());
        double tip = y + sign * FLAG;
        svg.open("mark fin", "data-side", side);
        svg.title("FIN from the " + side + " " + relative(d.finNanos()));
        svg.line("fin-stem", x, y, x, tip);
        svg.polygon("fin-flag", x, tip, x + 9, tip - sign * 3.5, x, tip - sign * 7);
        double at = labels.place(x + 2, x - 2, TimelineText.width("FIN", FONT_SMALL));
        if (!Double.isNaN(at)) {
            svg.text("fin-text", at, row, "start", "FIN");
        }
        svg.close();
    }

    private void rst(DirectionStats d, String side, double top, TimelineLabelRow labels) {
        if (!d.sentRst()) {
            return;
        }
        double x = scale.x(d.rstNanos());
        double y = top + LINE;
        svg.open("mark rst", "data-side", side);
        svg.title("RST from the " + side + " " + relative(d.rstNanos()) + " ("
                + Timestamps.formatMicros(d.rstNanos() / 1000) + ")");
        svg.line("rst-line", x, top + 4, x, top + LANE_HEIGHT - 4);
        svg.polygon("rst-head", x - 5, y, x, y - 5, x + 5, y, x, y + 5);
        String text = "RST by " + side;
        double at = labels.place(x + 7, x - 7, TimelineText.width(text, FONT) + 4);
        if (!Double.isNaN(at)) {
            svg.text("rst-text halo", at, y + 4, "start", text);
        }
        svg.close();
    }

    /** Still open at the end of the capture: the line goes on, dashed, to the end of the axis. */
    private void open(ConnectionStats c, double x, double y, TimelineLabelRow labels) {
        svg.open("mark open");
        svg.title("still open when the capture ended (last packet " + relative(c.lastNanos()) + ")");
        svg.line("open-line", x, y, PLOT_END, y);
        svg.polygon("open-head", PLOT_END, y - 5, PLOT_END + 9, y, PLOT_END, y + 5);
        String text = "still open";
        double at = labels.place(PLOT_END + 13, x - 6, TimelineText.width(text, FONT_SMALL) + 4);
        if (!Double.isNaN(at)) {
            svg.text("note small halo", at, y + 4, "start", text);
        }
        svg.close();
    }

    private String relative(long nanos) {
        return "+" + TimelineText.duration(nanos - scale.startNanos());
    }
}
