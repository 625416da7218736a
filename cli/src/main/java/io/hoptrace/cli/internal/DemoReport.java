package io.hoptrace.cli.internal;

import io.hoptrace.cli.ExitCodes;
import io.hoptrace.correlator.CaptureFiles;
import io.hoptrace.correlator.CorrelationOptions;
import io.hoptrace.correlator.CorrelationReport;
import io.hoptrace.correlator.Correlator;
import io.hoptrace.correlator.ProgressListener;
import io.hoptrace.correlator.ReportWriter;
import io.hoptrace.correlator.Trace;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's last step: correlates an event log with a capture exactly as {@code hoptrace correlate} does, picks
 * the traces worth reading (one of each interesting shape), and writes the full report and the timeline picture.
 */
public final class DemoReport {
    /** The shapes shown on the screen, in this order; the others are in the full report. */
    static final List<DemoTraffic.Shape> SHOWN = List.of(DemoTraffic.Shape.SHORT, DemoTraffic.Shape.SLOW,
            DemoTraffic.Shape.RESET, DemoTraffic.Shape.IPV6);

    /** A trace picked for the screen, with what its connection did. */
    public record Picked(Trace trace, String label) {
    }

    private DemoReport() {
    }

    /** {@code hoptrace correlate -e events -r capture}, in-process. */
    public static CorrelationReport correlate(Path events, Path capture) {
        Correlator c = new Correlator(CorrelationOptions.defaults());
        try {
            c.addEventLog(events, null);
            c.addPacketSource(CaptureFiles.open(capture, 0));
            return c.run(ProgressListener.NONE);
        } catch (IOException e) {
            throw new UserException(ExitCodes.FAILURE, "cannot correlate " + events + " with " + capture + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The trace of the first connection of each {@link #SHOWN} shape, found by its client address (the trace's
     * origin); shapes whose trace is missing are left out.
     */
    public static List<Picked> pick(CorrelationReport report, List<DemoTraffic.Connection> connections) {
        List<Picked> picked = new ArrayList<>();
        for (DemoTraffic.Shape shape : SHOWN) {
            connections.stream().filter(c -> c.shape() == shape && c.ok()).findFirst()
                    .flatMap(c -> report.traces().stream().filter(t -> t.origin().equals(c.client())).findFirst())
                    .ifPresent(t -> picked.add(new Picked(t, shape.description())));
        }
        picked.sort((a, b) -> Long.compare(a.trace().startNanos(), b.trace().startNanos()));
        return picked;
    }

    /** Every trace of the bundled sample's report, labelled with what its connection did. */
    public static List<Picked> sample(CorrelationReport report) {
        List<Picked> all = new ArrayList<>();
        boolean labelled = report.traces().size() == DemoSample.SHAPES.size();
        for (int i = 0; i < report.traces().size(); i++) {
            all.add(new Picked(report.traces().get(i), labelled ? DemoSample.SHAPES.get(i) : ""));
        }
        return all;
    }

    /** The same report with only the picked traces (the summary still counts them all). */
    public static CorrelationReport only(CorrelationReport r, List<Picked> picked) {
        return new CorrelationReport(picked.stream().map(Picked::trace).toList(), r.unexplainedFlows(),
                r.uncapturedSessions(), r.damage(), r.warnings(), r.counts(), r.follow());
    }

    public static void writeText(CorrelationReport r, Path file) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            ReportWriter.writeText(r, w);
        } catch (IOException e) {
            throw new UserException(ExitCodes.FAILURE, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static void writeTimeline(CorrelationReport r, Path file) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            ReportWriter.writeTimelineSvg(r, w);
        } catch (IOException e) {
            throw new UserException(ExitCodes.FAILURE, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
