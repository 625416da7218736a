package io.hoptrace.cli.internal;

import io.hoptrace.correlator.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar for long reads, redrawn in place with a carriage return at most ten times a second and
 * erased when done. Only for terminals: {@link #forTerminal} gives {@link ProgressListener#NONE} when stderr is not
 * one, so logs and pipes never see it.
 */
public final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final String label;
    private long lastDraw = Long.MIN_VALUE;
    private boolean drawn;

    public ProgressBar(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
    }

    /** A bar on {@code err} when the process has a terminal ({@code System.console() != null}), else nothing. */
    public static ProgressListener forTerminal(PrintWriter err, String label) {
        return System.console() != null ? new ProgressBar(err, label) : ProgressListener.NONE;
    }

    @Override
    public void progress(long done, long total) {
        long now = System.nanoTime();
        if (drawn && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        err.print('\r');
        err.print(line(done, total));
        err.flush();
        drawn = true;
    }

    /** The bar's text: {@code label [#####.....]  45%  12.3 of 27.0 MB}, or bytes read when the total is unknown. */
    String line(long done, long total) {
        StringBuilder sb = new StringBuilder(80).append(label).append(' ');
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, done * WIDTH / total);
            sb.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%%  %.1f of %.1f MB", Math.min(100, done * 100 / total),
                            done / 1e6, total / 1e6));
        } else {
            sb.append(String.format(Locale.ROOT, "%.1f MB", done / 1e6));
        }
        return sb.toString();
    }

    /** Erases the bar so that what follows starts on a clean line. */
    public static void finish(ProgressListener listener) {
        if (listener instanceof ProgressBar bar && bar.drawn) {
            bar.err.print("\r" + " ".repeat(bar.label.length() + WIDTH + 32) + "\r");
            bar.err.flush();
        }
    }
}
