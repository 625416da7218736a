package io.hoptrace.correlator.internal.report;

import static io.hoptrace.correlator.internal.report.TimelineStyle.FONT;
import static io.hoptrace.correlator.internal.report.TimelineStyle.FONT_SMALL;
import static io.hoptrace.correlator.internal.report.TimelineStyle.GAP_HEIGHT;
import static io.hoptrace.correlator.internal.report.TimelineStyle.GAP_ROW_REQUEST;
import static io.hoptrace.correlator.internal.report.TimelineStyle.GAP_ROW_RESPONSE;
import static io.hoptrace.correlator.internal.report.TimelineStyle.LABEL_WIDTH;
import static io.hoptrace.correlator.internal.report.TimelineStyle.LABEL_X;

import io.hoptrace.correlator.ConnectionStats;
import io.hoptrace.correlator.Hop;
import io.hoptrace.correlator.ProxyDwell;
import io.hoptrace.correlator.ProxySession;
import io.hoptrace.events.SessionEvent;

/**
 * One proxy of a trace, drawn in the gap between the lanes of its front hop (above) and back hop (below): a box
 * with its name on the left; on the time axis its request dwell (first request byte arriving on the front
 * connection to first request byte leaving on the back one) and its response dwell (first response byte arriving
 * from the server to first response byte leaving toward the client), each shaded over its span with an arrow
 * from where the data came in to where it went out.
 */
final class TimelineDwellDrawer {
    private static final double BOX_INDENT = 14;

    private final TimelineSvg svg;
    private final TimelineScale scale;

    TimelineDwellDrawer(TimelineSvg svg, TimelineScale scale) {
        this.svg = svg;
        this.scale = scale;
    }

    /** The gap below {@code front}; {@code back} is null when the proxy never reached a server. */
    void draw(ProxyDwell d, Hop front, Hop back, double top) {
        ProxySession s = d.session();
        svg.open("dwell", "data-proxy", s.ref().toString());
        box(d, top);
        ConnectionStats in = front.connection();
        ConnectionStats out = back == null ? null : back.connection();
        if (s.failed()) {
            failure(s, top);
        } else if (in != null && out != null) {
            Span request = d.hasRequestDwell() && in.up().hasPayload() && out.up().hasPayload()
                    ? new Span("request", scale.x(in.up().firstPayloadNanos()), scale.x(out.up().firstPayloadNanos()), true,
                    "request dwell " + dwell(d.requestDwellNanos()), top + GAP_ROW_REQUEST) : null;
            Span response = d.hasResponseDwell() && out.down().hasPayload() && in.down().hasPayload()
                    ? new Span("response", scale.x(out.down().firstPayloadNanos()), scale.x(in.down().firstPayloadNanos()),
                    false,
                    "response dwell " + dwell(d.responseDwellNanos()), top + GAP_ROW_RESPONSE) : null;
            // Each label keeps off both shadings, not only its own: the two often sit close together.
            TimelineLabelRow requestRow = TimelineLabelRow.acrossPlot();
            TimelineLabelRow responseRow = TimelineLabelRow.acrossPlot();
            for (Span sp : new Span[] {request, response}) {
                if (sp != null) {
                    requestRow.block(sp.left(), sp.right());
                    responseRow.block(sp.left(), sp.right());
                }
            }
            if (request != null) {
                span(request, top, requestRow);
            }
            if (response != null) {
                span(response, top, responseRow);
            }
        }
        svg.close();
    }

    private void box(ProxyDwell d, double top) {
        ProxySession s = d.session();
        double x = LABEL_X + BOX_INDENT;
        double w = LABEL_WIDTH - BOX_INDENT;
        svg.rect("proxy-box", x, top + 4, w, GAP_HEIGHT - 8);
        StringBuilder name = new StringBuilder(s.ref().toString());
        if (s.frontendName() != null || s.backendName() != null) {
            name.append("  ").append(s.frontendName() != null ? s.frontendName() : "?").append(" → ")
                    .append(s.backendName() != null ? s.backendName() : "?")
                    .append(s.serverName() != null ? "/" + s.serverName() : "");
        }
        svg.text("hop-title", x + 8, top + 20, "start", TimelineText.fit(name.toString(), FONT, w - 14));
        if (s.failed()) {
            String why = "failed" + (s.term() != null ? ": " + s.term() : "");
            svg.text("failed-text", x + 8, top + 35, "start", TimelineText.fit(why, FONT_SMALL, w - 14));
            return;
        }
        String dwell = "request " + (d.hasRequestDwell() ? dwell(d.requestDwellNanos()) : "?") + " · response "
                + (d.hasResponseDwell() ? dwell(d.responseDwellNanos()) : "?");
        svg.text("sub small", x + 8, top + 35, "start", TimelineText.fit("dwell: " + dwell, FONT_SMALL, w - 14));
    }

    /** Where the proxy gave up: a red cross at the failure time (when the log has it) and why. */
    private void failure(ProxySession s, double top) {
        long at = s.closeMicros() == SessionEvent.NONE ? scale.startNanos() : s.closeMicros() * 1000;
        double x = scale.x(at);
        double y = top + GAP_HEIGHT / 2;
        svg.line("rst-line", x - 5, y - 5, x + 5, y + 5);
        svg.line("rst-line", x - 5, y + 5, x + 5, y - 5);
        String why = "failed before reaching a server" + (s.term() != null ? " (" + s.term() + ")" : "");
        double w = TimelineText.width(why, FONT_SMALL) + 4;
        double textAt = TimelineLabelRow.acrossPlot().place(x + 10, x - 10, w);
        if (!Double.isNaN(textAt)) {
            svg.text("failed-text halo", textAt, y + 4, "start", why);
        }
    }

    /**
     * One dwell on the page: from {@code xIn} (the data reached the proxy) to {@code xOut} (it left), its arrow
     * going down the chain for the request and up for the response, its label on text row {@code row}.
     */
    private record Span(String kind, double xIn, double xOut, boolean downward, String label, double row) {
        double left() {
            return Math.min(xIn, xOut);
        }

        /** At least 3 px wide, so that a dwell too short for the scale still shows. */
        double right() {
            return Math.max(left() + 3, Math.max(xIn, xOut));
        }
    }

    /** The shaded span with an arrow between the two lanes, and its label beside it when there is room. */
    private void span(Span sp, double top, TimelineLabelRow labels) {
        double xa = sp.left();
        double xb = sp.right();
        double yTop = top + 1;
        double yBottom = top + GAP_HEIGHT - 1;
        String kind = sp.kind();
        svg.open("dwell-" + kind + "-span");
        svg.title(sp.label());
        svg.rect("dwell-" + kind, xa, yTop, xb - xa, yBottom - yTop);
        arrow("dwell-" + kind + "-arrow", sp.xIn(), sp.downward() ? yTop : yBottom, sp.xOut(),
                sp.downward() ? yBottom : yTop);
        double w = TimelineText.width(sp.label(), FONT_SMALL) + 4;
        double at = labels.place(xb + 5, xa - 5, w);
        if (!Double.isNaN(at)) {
            svg.text("dwell-" + kind + "-text halo", at, sp.row(), "start", sp.label());
        }
        svg.close();
    }

    private void arrow(String cls, double x1, double y1, double x2, double y2) {
        double len = Math.hypot(x2 - x1, y2 - y1);
        double ux = (x2 - x1) / len;
        double uy = (y2 - y1) / len;
        double head = 7;
        double bx = x2 - ux * head;
        double by = y2 - uy * head;
        svg.line(cls, x1, y1, bx, by);
        svg.polygon(cls.replace("-arrow", "-head"), x2, y2, bx - uy * 3.5, by + ux * 3.5, bx + uy * 3.5,
                by - ux * 3.5);
    }

    /** A dwell; a negative one means the capture points' clocks disagree, which the reader must be told. */
    private static String dwell(long nanos) {
        return nanos < 0 ? TimelineText.duration(nanos) + " (clocks disagree)" : TimelineText.duration(nanos);
    }
}
