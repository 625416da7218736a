package io.hoptrace.correlator.internal.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One row of text on the timeline, remembering which stretches of x are taken, so that no two labels overlap:
 * a label goes right of its mark, else left of it, else it is left out (the mark and its tooltip remain).
 */
final class TimelineLabelRow {
    private static final double PAD = 4;

    private final double min;
    private final double max;
    private final List<double[]> taken = new ArrayList<>();

    TimelineLabelRow(double min, double max) {
        this.min = min;
        this.max = max;
    }

    /** A row for the labels of a lane's or a gap's marks: the plot, from just left of its start to the right edge. */
    static TimelineLabelRow acrossPlot() {
        return new TimelineLabelRow(TimelineStyle.PLOT_START - 8, TimelineStyle.RIGHT);
    }

    /**
     * Where a label {@code width} wide starts: at {@code right} (left edge, just right of a mark), else ending at
     * {@code left} (just left of the mark); NaN when neither place is free. The place returned is taken.
     */
    double place(double right, double left, double width) {
        if (fits(right, right + width)) {
            return take(right, width);
        }
        if (fits(left - width, left)) {
            return take(left - width, width);
        }
        return Double.NaN;
    }

    /** Marks a stretch as taken (a mark's glyph that text must not cover). */
    void block(double from, double to) {
        taken.add(new double[] {from, to});
    }

    private boolean fits(double from, double to) {
        if (from < min || to > max) {
            return false;
        }
        for (double[] t : taken) {
            if (from < t[1] + PAD && to > t[0] - PAD) {
                return false;
            }
        }
        return true;
    }

    private double take(double from, double width) {
        taken.add(new double[] {from, from + width});
        return from;
    }
}
