package io.hoptrace.events;

/**
 * The names and reasons of event lines ({@code fe=}, {@code be=}, {@code srv=}, {@code term=}) as Strings, the same
 * String each time the same characters come back: a proxy has a handful of frontends, backends, servers and
 * termination reasons, so a stream of them allocates nothing, and a reader that interns them further (the tracer's
 * table) compares references. A bounded cache: open addressing over a few slots, so that two names whose hashes
 * collide do not evict each other on every line; when all of those slots hold other names, the first is replaced.
 *
 * <p>Only printable ASCII is cached, so that a line type whose {@code subSequence} decodes (the tracer's UTF-8
 * lines) cannot make a cached String differ from the text. Not thread-safe: one per parser.
 */
final class EventLineNames {
    private static final int BITS = 8;
    private static final int SLOTS = 1 << BITS;
    private static final int PROBES = 4;
    private final String[] names = new String[SLOTS];

    /**
     * The name in {@code line[from, to)}; throws {@link EventLineException} for an empty one or one with control
     * characters (which {@link SessionEvent} rejects too).
     */
    String name(CharSequence line, int from, int to, String field) {
        if (from == to) {
            return EventLineParser.value(line, from, to); // throws: empty
        }
        int h = 0;
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if (c < '!') {
                throw new EventLineException(field, EventLineParser.value(line, from, to),
                        "a name without spaces or control characters", from + 1);
            }
            ascii &= c < 0x7f;
            h = 31 * h + c;
        }
        return ascii ? cached(line, from, to, h) : EventLineParser.value(line, from, to);
    }

    /**
     * The name in {@code line[from, to)}, known to be non-empty printable ASCII whose {@link String#hashCode} is
     * {@code h} (the one-pass reader computes it while finding where the name ends).
     */
    String cached(CharSequence line, int from, int to, int h) {
        int home = (h * 0x9E3779B9) >>> (32 - BITS);
        for (int k = 0; k < PROBES; k++) {
            int slot = (home + k) & (SLOTS - 1);
            String cached = names[slot];
            if (cached == null) {
                return names[slot] = EventLineParser.value(line, from, to);
            }
            if (cached.length() == to - from && sameChars(cached, line, from)) {
                return cached;
            }
        }
        return names[home] = EventLineParser.value(line, from, to);
    }

    private static boolean sameChars(String s, CharSequence line, int from) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != line.charAt(from + i)) {
                return false;
            }
        }
        return true;
    }
}
