package io.hoptrace.cli.internal;

import io.hoptrace.events.Timestamps;
import io.hoptrace.tracer.SourceStats;
import io.hoptrace.tracer.TracedSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The screen of {@code hoptrace sessions --watch}: a header per source (state, sessions live, opens and closes per
 * second since the previous screen, gaps, reconnects, malformed lines), the live sessions oldest first, and the
 * sessions that closed recently with their bytes and how they ended. Rendered as plain text; the command redraws
 * it in place on a terminal and prints one after the other otherwise.
 */
public final class SessionsView {
    private final Map<String, SourceStats> previous = new HashMap<>();
    private long previousNanos;

    /**
     * One screen. {@code rows} and {@code cols} bound it (0: unbounded); {@code sessions} are the (filtered)
     * sessions of the table, open and lingering.
     */
    public String render(String title, List<SourceStats> stats, List<TracedSession> sessions, long nowMicros,
                         long nowNanos, int rows, int cols) {
        double seconds = previousNanos == 0 ? 0 : (nowNanos - previousNanos) / 1e9;
        List<String> lines = new ArrayList<>();
        lines.add(title + "  " + Timestamps.formatMicros(nowMicros).substring(0, 19) + "Z");
        lines.add("");
        List<String[]> head = new ArrayList<>();
        head.add(new String[] {"SOURCE", "STATE", "LIVE", "OPENS/S", "CLOSES/S", "GAPS", "RECONNECTS", "MALFORMED",
            "LAST ERROR"});
        for (SourceStats s : stats) {
            SourceStats before = previous.get(s.name());
            head.add(new String[] {s.name(), state(s), Integer.toString(s.live()),
                rate(before == null ? 0 : s.opens() - before.opens(), seconds),
                rate(before == null ? 0 : s.closes() - before.closes(), seconds), Long.toString(s.drops()),
                Long.toString(s.reconnects()), Long.toString(s.malformed()),
                s.synced() || s.lastError() == null ? "" : s.lastError()});
            previous.put(s.name(), s);
        }
        previousNanos = nowNanos;
        lines.addAll(aligned(head));

        List<TracedSession> open = new ArrayList<>();
        List<TracedSession> closed = new ArrayList<>();
        for (TracedSession s : sessions) {
            (s.isOpen() ? open : closed).add(s);
        }
        open.sort(Comparator.comparingLong(TracedSession::openMicros).thenComparing(TracedSession::source)
                .thenComparingLong(TracedSession::id));
        closed.sort(Comparator.comparingLong(TracedSession::closeMicros).reversed());

        int budget = rows <= 0 ? Integer.MAX_VALUE : Math.max(4, rows - lines.size() - 4);
        int closedShown = closed.isEmpty() ? 0 : Math.min(closed.size(), Math.max(1, budget / 4));
        int openShown = Math.min(open.size(), Math.max(0, budget - closedShown - (closedShown > 0 ? 3 : 0)));

        lines.add("");
        lines.add("LIVE " + open.size() + (openShown < open.size() ? " (oldest " + openShown + " shown)" : ""));
        lines.addAll(table(open.subList(0, openShown), nowMicros, false));
        if (closedShown > 0) {
            lines.add("");
            lines.add("RECENTLY CLOSED " + closed.size() + (closedShown < closed.size() ? " (latest " + closedShown
                    + " shown)" : ""));
            lines.addAll(table(closed.subList(0, closedShown), nowMicros, true));
        }
        StringBuilder sb = new StringBuilder(4096);
        for (String l : lines) {
            sb.append(cols > 0 && l.length() > cols ? l.substring(0, cols) : l).append('\n');
        }
        return sb.toString();
    }

    private static List<String> table(List<TracedSession> sessions, long nowMicros, boolean closed) {
        StringWriter w = new StringWriter();
        PrintWriter p = new PrintWriter(w);
        SessionsWriter.table(sessions, nowMicros, closed, p);
        p.flush();
        return List.of(w.toString().split("\\R"));
    }

    private static List<String> aligned(List<String[]> rows) {
        StringWriter w = new StringWriter();
        PrintWriter p = new PrintWriter(w);
        SessionsWriter.aligned(rows, p);
        p.flush();
        return List.of(w.toString().split("\\R"));
    }

    /**
     * The terminal's rows and columns from {@code stty size} on the controlling terminal; {24, 80} when that
     * fails. Java cannot ask the terminal itself.
     */
    public static int[] terminalSize() {
        try {
            Process p = new ProcessBuilder("sh", "-c", "stty size < /dev/tty").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
                    .trim();
            if (p.waitFor(2, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0) {
                String[] f = text.split("\\s+");
                return new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1])};
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not a terminal after all, or no stty
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new int[] {24, 80};
    }

    /** A duration as typed: {@code 500ms}, {@code 1s}, {@code 1.5s}, {@code 2m}. */
    public static String duration(java.time.Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms < 1000 ? ms + "ms" : String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }

    private static String state(SourceStats s) {
        if (s.synced()) {
            return "live";
        }
        return s.connected() ? "syncing" : "down";
    }

    private static String rate(long delta, double seconds) {
        return seconds <= 0 ? "-" : String.format(Locale.ROOT, "%.1f", delta / seconds);
    }
}
