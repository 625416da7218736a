package io.hoptrace.tracer.internal.source;

import java.util.function.Consumer;

/**
 * Warnings of one source, rate-limited: a flood of malformed lines must not flood the terminal or the log. At most
 * {@value #BURST} lines per {@value #WINDOW_SECONDS} seconds; the count of suppressed ones rides on the next line
 * let through.
 */
final class WarningLog {
    static final int BURST = 10;
    static final int WINDOW_SECONDS = 10;

    private final String source;
    private final Consumer<String> out;
    private long windowStartNanos;
    private int inWindow;
    private long suppressed;

    WarningLog(String source, Consumer<String> out) {
        this.source = source;
        this.out = out;
    }

    void warn(String message) {
        long now = System.nanoTime();
        if (now - windowStartNanos > WINDOW_SECONDS * 1_000_000_000L) {
            windowStartNanos = now;
            inWindow = 0;
        }
        if (inWindow >= BURST) {
            suppressed++;
            return;
        }
        inWindow++;
        String text = source + ": " + message;
        if (suppressed > 0) {
            text += " (" + suppressed + " similar warnings suppressed)";
            suppressed = 0;
        }
        try {
            out.accept(text);
        } catch (RuntimeException e) {
            // a broken warning sink must not break the source
        }
    }
}
