package io.hoptrace.correlator.internal.report;

import java.util.Locale;

/**
 * Words and numbers on the timeline (µs/ms/s, B/kB/MB), and how wide a label will be. The picture uses system
 * fonts, so widths are estimates on the wide side (DejaVu Sans, the widest common default): a label judged to fit
 * does fit with a narrower font.
 */
final class TimelineText {
    private TimelineText() {
    }

    /** A duration for people, with the micro sign: {@code 850 µs}, {@code 12.345 ms}, {@code 1.234 s}. */
    static String duration(long nanos) {
        String s = DurationText.format(nanos);
        return s.endsWith(" us") ? s.substring(0, s.length() - 3) + " µs" : s;
    }

    /** Payload bytes in decimal units: {@code 300 B}, {@code 2.2 kB}, {@code 14.0 MB}. */
    static String bytes(long n) {
        if (n < 1_000) {
            return n + " B";
        }
        if (n < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", n / 1e3);
        }
        if (n < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f MB", n / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f GB", n / 1e9);
    }

    /** Estimated width in pixels of {@code s} in the proportional font at {@code size} px. */
    static double width(String s, double size) {
        double em = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '.' || c == ',' || c == ':' || c == ';' || c == '|' || c == '!' || c == '\''
                    || c == 'i' || c == 'l' || c == 'j' || c == 'I' || c == '(' || c == ')' || c == '[' || c == ']') {
                em += 0.34;
            } else if (c == 'm' || c == 'w' || c == 'M' || c == 'W' || c == '→' || c == '←' || c == '#') {
                em += 0.88;
            } else if (Character.isUpperCase(c)) {
                em += 0.72;
            } else {
                em += 0.63;
            }
        }
        return em * size;
    }

    /** {@code s} cut with an ellipsis so that it fits {@code maxWidth} in the monospace font (0.602 em a glyph). */
    static String fitMono(String s, double size, double maxWidth) {
        int max = (int) (maxWidth / (0.61 * size));
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "…";
    }

    /** {@code s} cut with an ellipsis so that it fits {@code maxWidth} in the proportional font. */
    static String fit(String s, double size, double maxWidth) {
        if (width(s, size) <= maxWidth) {
            return s;
        }
        int n = s.length();
        while (n > 0 && width(s.substring(0, n) + "…", size) > maxWidth) {
            n--;
        }
        return s.substring(0, n) + "…";
    }
}
