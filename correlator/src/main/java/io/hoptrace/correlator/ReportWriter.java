package io.hoptrace.correlator;

import io.hoptrace.correlator.internal.report.JsonReportWriter;
import io.hoptrace.correlator.internal.report.TextReportWriter;
import io.hoptrace.correlator.internal.report.WiresharkFilter;
import io.hoptrace.events.FourTuple;
import java.io.IOException;
import java.io.Writer;

/** The outputs of a correlation report: readable text, or JSON Lines with one trace per line. */
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

    /** The Wireshark display filter of a connection, or null when an end is not an IP endpoint. */
    public static String wiresharkFilter(FourTuple tuple) {
        return WiresharkFilter.of(tuple);
    }

    /** The Wireshark display filter of every hop of a trace. */
    public static String wiresharkFilter(Trace trace) {
        return WiresharkFilter.of(trace);
    }
}
