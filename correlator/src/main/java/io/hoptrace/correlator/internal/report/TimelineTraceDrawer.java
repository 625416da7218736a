package io.hoptrace.correlator.internal.report;

import static io.hoptrace.correlator.internal.report.TimelineStyle.GAP_HEIGHT;
import static io.hoptrace.correlator.internal.report.TimelineStyle.LABEL_X;
import static io.hoptrace.correlator.internal.report.TimelineStyle.LANE_HEIGHT;
import static io.hoptrace.correlator.internal.report.TimelineStyle.PLOT_END;
import static io.hoptrace.correlator.internal.report.TimelineStyle.PLOT_START;
import static io.hoptrace.correlator.internal.report.TimelineStyle.RIGHT;

import io.hoptrace.correlator.ConnectionEnd;
import io.hoptrace.correlator.ConnectionStats;
import io.hoptrace.correlator.Hop;
import io.hoptrace.correlator.Side;
import io.hoptrace.correlator.Trace;
import io.hoptrace.events.Timestamps;
import java.util.ArrayList;
import java.util.List;

/**
 * One trace: a heading (the chain, when it started, how long it lasted, how it ended), its time axis, then its
 * hops top to bottom from the client to the server, each proxy between the lanes of its two hops.
 */
final class TimelineTraceDrawer {
    private static final double HEADING = 46;
    private static final double AXIS = 26;
    private static final double BOTTOM = 26;

    private final TimelineSvg svg;

    TimelineTraceDrawer(TimelineSvg svg) {
        this.svg = svg;
    }

    /** Draws trace {@code number} of {@code of} at {@code top}; returns the height it took. */
    double draw(Trace t, int number, int of, double top) {
        long start = t.startNanos();
        TimelineScale scale = start == Trace.NONE ? new TimelineScale(0, 0, PLOT_START, PLOT_END)
                : new TimelineScale(start, t.endNanos(), PLOT_START, PLOT_END);
        double lanesTop = top + HEADING + AXIS;
        double lanesBottom = lanesTop + lanesHeight(t);
        svg.open("trace", "data-trace", Integer.toString(number), "data-hops", Integer.toString(t.hops().size()));
        svg.line("trace-rule", LABEL_X, top, RIGHT, top);
        heading(t, number, of, top);
        if (start != Trace.NONE) {
            axis(scale, top + HEADING, lanesTop, lanesBottom);
        }
        TimelineLaneDrawer lanes = new TimelineLaneDrawer(svg, scale);
        TimelineDwellDrawer dwells = new TimelineDwellDrawer(svg, scale);
        List<Hop> hops = t.hops();
        double y = lanesTop;
        for (int i = 0; i < hops.size(); i++) {
            lanes.draw(t, hops.get(i), number, y);
            y += LANE_HEIGHT;
            if (i < t.proxies().size()) {
                dwells.draw(t.proxies().get(i), hops.get(i), i + 1 < hops.size() ? hops.get(i + 1) : null, y);
                y += GAP_HEIGHT;
            }
        }
        svg.close();
        return lanesBottom - top + BOTTOM;
    }

    /** Every hop a lane; every proxy the gap below its front hop (also when it failed and has no back hop). */
    private static double lanesHeight(Trace t) {
        return t.hops().size() * LANE_HEIGHT + t.proxies().size() * GAP_HEIGHT;
    }

    private void heading(Trace t, int number, int of, double top) {
        StringBuilder title = new StringBuilder().append("trace ").append(number).append(" of ").append(of)
                .append(":  ").append(t.origin()).append(" → ").append(t.destination()).append("  via ");
        for (int k = 0; k < t.proxies().size(); k++) {
            title.append(k > 0 ? " → " : "").append(t.proxies().get(k).ref());
        }
        svg.text("trace-title", LABEL_X, top + 22, "start",
                TimelineText.fit(title.toString(), 14, RIGHT - LABEL_X));
        StringBuilder sub = new StringBuilder();
        long start = t.startNanos();
        if (start == Trace.NONE) {
            sub.append("no packet or event times");
        } else {
            sub.append(Timestamps.formatMicros(start / 1000)).append(" · lasted ")
                    .append(TimelineText.duration(t.durationNanos()));
        }
        int captured = 0;
        for (Hop h : t.hops()) {
            captured += h.captured() ? 1 : 0;
        }
        sub.append(" · ").append(t.hops().size()).append(t.hops().size() == 1 ? " hop, " : " hops, ")
                .append(captured == t.hops().size() ? "all" : captured + " of " + t.hops().size())
                .append(" captured");
        resets(t, Side.SERVER, sub);
        resets(t, Side.CLIENT, sub);
        if (t.failed()) {
            sub.append(" · ").append(t.proxies().get(t.proxies().size() - 1).ref())
                    .append(" failed before reaching a server");
        }
        svg.text("sub", LABEL_X, top + 40, "start", TimelineText.fit(sub.toString(), 11.5, RIGHT - LABEL_X));
    }

    /** " · reset by the server on hops 1 and 2": the hops a RST from {@code side} ended, if any. */
    private static void resets(Trace t, Side side, StringBuilder sub) {
        List<Integer> hops = new ArrayList<>();
        for (Hop h : t.hops()) {
            ConnectionStats c = h.connection();
            if (c != null && c.end() == ConnectionEnd.RST && c.endedBy() == side) {
                hops.add(h.index());
            }
        }
        if (hops.isEmpty()) {
            return;
        }
        sub.append(" · reset by the ").append(side == Side.CLIENT ? "client" : "server")
                .append(hops.size() == 1 ? " on hop " : " on hops ");
        for (int i = 0; i < hops.size(); i++) {
            sub.append(i == 0 ? "" : i == hops.size() - 1 ? " and " : ", ").append(hops.get(i));
        }
    }

    private void axis(TimelineScale scale, double top, double lanesTop, double lanesBottom) {
        svg.open("time-axis");
        svg.text("axis", LABEL_X, top + 14, "start", "time since the first packet →");
        double lineY = top + AXIS - 4;
        svg.line("axis-line", PLOT_START, lineY, PLOT_END, lineY);
        for (TimelineScale.Tick tick : scale.ticks()) {
            svg.line("grid", tick.x(), lanesTop, tick.x(), lanesBottom);
            svg.line("axis-line", tick.x(), lineY - 5, tick.x(), lineY);
            svg.text("axis", tick.x(), top + 14, "middle", tick.label());
        }
        svg.close();
    }
}
