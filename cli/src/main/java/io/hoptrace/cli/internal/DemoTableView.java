package io.hoptrace.cli.internal;

import io.hoptrace.events.Timestamps;
import io.hoptrace.tracer.SessionTable;
import io.hoptrace.tracer.SourceStats;
import io.hoptrace.tracer.Tracer;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The live session table while the demo's traffic runs. On a terminal it is the screen of
 * {@code hoptrace sessions --watch} ({@link SessionsView}), redrawn in place below what the demo printed before
 * (the cursor goes back up over the previous screen, so nothing above it is erased); otherwise (a pipe, a log, a
 * test)
 * one line per refresh with the sessions live and opened/closed so far per proxy, then, at the end, the screen as
 * it was when the most sessions were live, so a log shows what the table looked like.
 */
public final class DemoTableView implements AutoCloseable {
    /** How many lines the table takes at most: off a terminal, and on one (less when the terminal is smaller). */
    static final int PLAIN_ROWS = 24;

    private final PrintWriter out;
    private final boolean terminal;
    private final Tracer tracer;
    private final SessionTable table;
    private final SessionsView view = new SessionsView();
    private final String title;
    private final long startNanos = System.nanoTime();
    private int[] size;
    private int drawnLines;
    private boolean cursorHidden;
    private String busiest;
    private int busiestLive = -1;
    private double busiestAt;

    public DemoTableView(PrintWriter out, boolean terminal, Tracer tracer, SessionTable table, String title) {
        this.out = out;
        this.terminal = terminal;
        this.tracer = tracer;
        this.table = table;
        this.title = title;
    }

    /** Draws the table now (terminal) or prints one line (otherwise). */
    public void refresh() {
        List<SourceStats> stats = tracer.stats();
        if (terminal) {
            if (size == null) {
                size = SessionsView.terminalSize();
                out.print("\033[?25l"); // hide the cursor while redrawing
                cursorHidden = true;
            }
            // The screen must fit the terminal: the cursor cannot go back up over lines scrolled off it.
            String screen = view.render(title, stats, table.sessions(), Timestamps.nowMicros(), System.nanoTime(),
                    Math.max(8, Math.min(PLAIN_ROWS, size[0] - 2)), size[1]);
            if (drawnLines > 0) {
                out.print("\033[" + drawnLines + "F"); // to the start of the previous screen's first line
            }
            out.print(screen.replace("\n", "\033[K\n") + "\033[J");
            drawnLines = (int) screen.chars().filter(ch -> ch == '\n').count();
        } else {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            out.println(line(seconds, stats));
            String screen = view.render(title, stats, table.sessions(), Timestamps.nowMicros(), System.nanoTime(),
                    PLAIN_ROWS, 0);
            int live = stats.stream().mapToInt(SourceStats::live).sum();
            if (live > busiestLive) {
                busiest = screen;
                busiestLive = live;
                busiestAt = seconds;
            }
        }
        out.flush();
    }

    /** The one-line form: {@code   0.6s  live 5  edge: 3 live, 14 opened, 11 closed  mid: ...}. */
    static String line(double seconds, List<SourceStats> stats) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %4.1fs", seconds));
        int live = 0;
        for (SourceStats s : stats) {
            live += s.live();
        }
        sb.append("  live ").append(live);
        for (SourceStats s : stats) {
            sb.append("  ").append(s.name()).append(": ").append(s.live()).append(" live, ").append(s.opens())
                    .append(" opened, ").append(s.closes()).append(" closed");
        }
        return sb.toString();
    }

    /** After the last refresh: give the terminal its cursor back, or print the busiest screen off a terminal. */
    public void finish() {
        if (terminal) {
            close();
        } else if (busiest != null) {
            out.println();
            out.println(String.format(Locale.ROOT, "The table at %.1fs, with the most sessions live (what"
                    + " 'hoptrace sessions --watch' shows on a terminal):", busiestAt));
            out.print(busiest);
        }
        out.flush();
    }

    /** Gives the terminal its cursor back (also when the demo is interrupted mid-screen). */
    @Override
    public void close() {
        if (cursorHidden) {
            cursorHidden = false;
            out.print("\033[?25h");
            out.flush();
        }
    }
}
