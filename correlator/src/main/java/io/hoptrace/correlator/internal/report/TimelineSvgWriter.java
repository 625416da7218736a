package io.hoptrace.correlator.internal.report;

import static io.hoptrace.correlator.internal.report.TimelineStyle.LABEL_X;
import static io.hoptrace.correlator.internal.report.TimelineStyle.MARGIN;
import static io.hoptrace.correlator.internal.report.TimelineStyle.RIGHT;
import static io.hoptrace.correlator.internal.report.TimelineStyle.WIDTH;

import io.hoptrace.correlator.CorrelationReport;
import io.hoptrace.correlator.Trace;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The timeline picture of a report: the selected traces (at most {@link #MAX_TRACES}, and the picture says so when
 * there were more), each as lanes, one per hop, on its own time axis, with a legend on top. A self-contained SVG
 * (SVG 1.1, inline CSS, system fonts, no scripts); the HTML form is a minimal page around the same SVG, written so
 * that it is also well-formed XML. The same report always gives the same bytes.
 */
public final class TimelineSvgWriter {
    /** More traces than this make a picture nobody reads: narrow the selection with --follow. */
    public static final int MAX_TRACES = 20;

    private TimelineSvgWriter() {
    }

    /** A standalone SVG file. */
    public static void writeSvg(CorrelationReport report, Writer out) throws IOException {
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.write(svg(report));
        out.flush();
    }

    /** A minimal HTML page with the SVG inline. */
    public static void writeHtml(CorrelationReport report, Writer out) throws IOException {
        out.write("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
                + "<meta charset=\"utf-8\"/>\n<title>hoptrace timeline</title>\n"
                + "<style>body{margin:0;background:#ffffff}</style>\n</head>\n<body>\n");
        out.write(svg(report));
        out.write("</body>\n</html>\n");
        out.flush();
    }

    static String svg(CorrelationReport report) {
        TimelineSvg body = new TimelineSvg(new StringBuilder(64 * 1024));
        List<Trace> traces = report.traces();
        int drawn = Math.min(traces.size(), MAX_TRACES);
        double y = MARGIN;
        body.text("doc-title", LABEL_X, y + 18, "start", "hoptrace timeline");
        body.text("sub", LABEL_X, y + 38, "start", TimelineText.fit(selection(report, drawn), 11.5, RIGHT - LABEL_X));
        y += 48;
        y += new TimelineLegend(body).draw(y) + 8;
        TimelineTraceDrawer drawer = new TimelineTraceDrawer(body);
        for (int i = 0; i < drawn; i++) {
            y += drawer.draw(traces.get(i), i + 1, traces.size(), y);
        }
        if (drawn < traces.size()) {
            body.open("capped", "data-drawn", Integer.toString(drawn), "data-traces",
                    Integer.toString(traces.size()));
            body.text("note", LABEL_X, y + 16, "start", (traces.size() - drawn) + " more traces not drawn: pick"
                    + " the ones to draw with --follow ip:port or --follow SOURCE:ID");
            body.close();
            y += 30;
        }
        if (traces.isEmpty()) {
            body.text("note", LABEL_X, y + 16, "start", "no trace to draw");
            y += 30;
        }
        double height = Math.ceil(y + MARGIN);

        StringBuilder sb = new StringBuilder(body.buffer().length() + 4096);
        TimelineSvg doc = new TimelineSvg(sb);
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"");
        sb.append(" width=\"");
        TimelineSvg.number(sb, WIDTH);
        sb.append("\" height=\"");
        TimelineSvg.number(sb, height);
        sb.append("\" viewBox=\"0 0 ");
        TimelineSvg.number(sb, WIDTH);
        sb.append(' ');
        TimelineSvg.number(sb, height);
        sb.append("\">\n");
        doc.title("hoptrace timeline: " + selection(report, drawn));
        sb.append("<style>\n").append(TimelineStyle.CSS).append("\n</style>\n");
        sb.append("<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        sb.append(body.buffer());
        sb.append("</svg>\n");
        return sb.toString();
    }

    /** What the picture shows: how many traces, which selection, how many of them are drawn. */
    private static String selection(CorrelationReport report, int drawn) {
        int n = report.traces().size();
        StringBuilder s = new StringBuilder();
        s.append(n).append(n == 1 ? " trace" : " traces");
        if (!report.follow().everything()) {
            s.append(" for --follow ").append(report.follow()).append(" (of ").append(report.counts().traces())
                    .append(')');
        }
        if (drawn < n) {
            s.append(", the first ").append(drawn).append(" drawn (narrow the selection with --follow)");
        }
        s.append(" · lanes from the client (top) to the server (bottom) · hover a mark for its exact time");
        return s.toString();
    }
}
