package io.hoptrace.correlator;

import io.hoptrace.correlator.internal.report.JsonReportWriter;
import io.hoptrace.correlator.internal.report.TextReportWriter;
import io.hoptrace.correlator.internal.report.TimelineSvgWriter;
import io.hoptrace.correlator.internal.report.WiresharkFilter;
import io.hoptrace.events.FourTuple;
import java.io.IOException;
import java.io.Writer;

/**
 * The outputs of a correlation report: readable text, JSON Lines with one trace per line, a timeline picture; and
 * the same text and JSON one trace at a time, for traces reported as they complete.
 */
public final class ReportWriter {
    private ReportWriter() {
    }

    /** One block per trace, hop by hop, then the summary (unexplained flows, uncaptured sessions, damage). */
    public static void writeText(CorrelationReport report, Writer out) throws IOException {
        TextReportWriter.write(report, out);
    }

    /** One JSON object per trace and line; the summary is not part of it (see {@link CorrelationReport}). */
    public static void writeJsonLines(CorrelationReport report, Writer out) throws IOException {
        JsonReportWriter.write(report, out);
    }

    /**
     * One trace's block of the text report, as {@link #writeText} writes it, numbered {@code n} of {@code of}, or
     * just {@code n} when {@code of} is 0 (traces written as they complete, {@link LiveCorrelator}). Does not
     * flush {@code out}.
     */
    public static void writeTextTrace(Trace trace, int n, int of, Writer out) throws IOException {
        TextReportWriter.writeTrace(trace, n, of, out);
    }

    /**
     * The summary that ends the text report (figures, unexplained flows, uncaptured sessions, warnings, damage);
     * {@code shown} is how many traces were written before it (with a follow filter, fewer than counted).
     */
    public static void writeTextSummary(CorrelationReport report, long shown, Writer out) throws IOException {
        TextReportWriter.writeSummary(report, shown, out);
    }

    /** One trace as one line of {@link #writeJsonLines}. Does not flush {@code out}. */
    public static void writeJsonTrace(Trace trace, Writer out) throws IOException {
        JsonReportWriter.write(trace, out);
    }

    /** How many traces a timeline draws at most; it says so when the report has more. */
    public static final int TIMELINE_MAX_TRACES = TimelineSvgWriter.MAX_TRACES;

    /**
     * The timeline picture as a self-contained SVG file: per trace one lane per hop on a shared time axis with the
     * handshake, data, FIN and RST marks, and each proxy's request and response dwell shaded between its hops.
     */
    public static void writeTimelineSvg(CorrelationReport report, Writer out) throws IOException {
        TimelineSvgWriter.writeSvg(report, out);
    }

    /** The same picture inline in a minimal HTML page. */
    public static void writeTimelineHtml(CorrelationReport report, Writer out) throws IOException {
        TimelineSvgWriter.writeHtml(report, out);
    }

    /** The Wireshark display filter of a connection, or null when an end is not an IP endpoint. */
    public static String wiresharkFilter(FourTuple tuple) {
        return WiresharkFilter.of(tuple);
    }

    /** The Wireshark display filter of every hop of a trace. */
    public static String wiresharkFilter(Trace trace) {
        return WiresharkFilter.of(trace);
    }
}
