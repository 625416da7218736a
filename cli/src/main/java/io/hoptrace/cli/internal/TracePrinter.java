package io.hoptrace.cli.internal;

import io.hoptrace.correlator.ReportWriter;
import io.hoptrace.correlator.Trace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Prints the traces of {@code hoptrace trace} as they complete, with the writers of {@code hoptrace correlate}:
 * the same text block per trace (numbered as they come: {@code trace 3: ...}) or the same JSON line, flushed at
 * once. Stops printing after {@code limit} traces ({@code --count}; 0: no limit).
 */
public final class TracePrinter implements Consumer<Trace> {
    private final PrintWriter out;
    private final boolean json;
    private final long limit;
    private int printed;
    private boolean broken;

    public TracePrinter(PrintWriter out, boolean json, long limit) {
        this.out = out;
        this.json = json;
        this.limit = limit;
    }

    @Override
    public void accept(Trace t) {
        if (done()) {
            return;
        }
        printed++;
        try {
            if (json) {
                ReportWriter.writeJsonTrace(t, out);
            } else {
                ReportWriter.writeTextTrace(t, printed, 0, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a PrintWriter does not throw; kept for other writers
        }
        broken = out.checkError(); // flushes too
    }

    /** True when {@code limit} traces have been printed. */
    public boolean done() {
        return limit > 0 && printed >= limit;
    }

    /** True when the output could not be written (a closed pipe): no point in going on. */
    public boolean broken() {
        return broken;
    }

    public int printed() {
        return printed;
    }
}
