package io.hoptrace.proxy.internal.config;

/** Argument-count checks and number parsing shared by the section parsers, with HAProxy's wording. */
final class Args {
    private Args() {
    }

    /**
     * Whether {@code line} has exactly {@code count} words after word {@code from - 1} (the keyword); reports
     * a missing or unexpected argument otherwise. {@code what} says what is expected ("a duration").
     */
    static boolean exactly(ConfigLine line, int from, int count, String keyword, String what,
                           ConfigProblems problems) {
        int given = line.size() - from;
        if (given < count) {
            problems.error(line, "'" + keyword + "' expects " + what);
            return false;
        }
        if (given > count) {
            problems.error(line, "'" + keyword + "' cannot handle unexpected argument '" + line.word(from + count)
                    + "'");
            return false;
        }
        return true;
    }

    /** A decimal integer from 0 to {@link Integer#MAX_VALUE}. */
    static int nonNegativeInt(String text) {
        boolean digits = !text.isEmpty() && text.length() <= 10;
        for (int i = 0; digits && i < text.length(); i++) {
            digits = text.charAt(i) >= '0' && text.charAt(i) <= '9';
        }
        long value = digits ? Long.parseLong(text) : -1;
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("expected an integer from 0 to " + Integer.MAX_VALUE + ", got '"
                    + text + "'");
        }
        return (int) value;
    }

    /**
     * Proxy and server names: letters, digits, '-', '_', '.' and ':' (configuration manual 4 "Proxies");
     * returns the first character that is not allowed, or -1.
     */
    static int invalidNameChar(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c < 128 && Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == ':';
            if (!ok) {
                return c;
            }
        }
        return -1;
    }
}
