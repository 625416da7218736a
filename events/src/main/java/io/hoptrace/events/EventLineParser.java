package io.hoptrace.events;

/**
 * Reads {@code show events} lines (see {@link SessionEvent} for the shapes) into events.
 *
 * <p>Strict about fields, tolerant about what the protocol leaves open: runs of spaces or tabs separate fields,
 * a trailing CR is ignored, unknown {@code key=value} attributes are skipped (newer proxies may add some), and
 * the host of an address is split from its port at the last colon. No regular expressions and no exceptions
 * on the success path; a malformed line throws {@link EventLineException} naming the field.
 *
 * <p>Instances are not thread-safe (they reuse a token table); one per reading thread.
 */
public final class EventLineParser {
    private static final int MAX_TOKENS = 32;
    private final int[] starts = new int[MAX_TOKENS];
    private final int[] ends = new int[MAX_TOKENS];
    private CharSequence line;
    private int count;

    /** Returns the event of a line, or null for a blank line or a comment ({@code #} other than snapshot). */
    public SessionEvent parse(CharSequence line) {
        this.line = line;
        try {
            tokenize();
            if (count == 0) {
                return null;
            }
            if (ends[0] - starts[0] != 1) {
                if (line.charAt(starts[0]) == '#') {
                    return null;
                }
                throw error("type", 0, "one of '+', '-', 'x', '!', '#'");
            }
            switch (line.charAt(starts[0])) {
                case '+':
                    return open();
                case '-':
                    return close();
                case 'x':
                    return failed();
                case '!':
                    return counter("dropped");
                case '#':
                    return count >= 2 && is(1, "snapshot") ? counter("snapshot") : null;
                default:
                    throw error("type", 0, "one of '+', '-', 'x', '!', '#'");
            }
        } finally {
            this.line = null;
        }
    }

    private void tokenize() {
        count = 0;
        int n = line.length();
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                i++;
                continue;
            }
            if (count == MAX_TOKENS) {
                throw new EventLineException("line", abbreviate(line), "at most " + MAX_TOKENS + " fields", i + 1);
            }
            starts[count] = i;
            while (i < n && (c = line.charAt(i)) != ' ' && c != '\t' && c != '\r' && c != '\n') {
                i++;
            }
            ends[count++] = i;
        }
    }

    private SessionEvent.Open open() {
        requireFields(6, "+ <id> <client> <frontend> <backend> <server>");
        long id = id(1);
        Endpoint client = endpoint(2, "client");
        Endpoint frontend = endpoint(3, "frontend");
        Endpoint backend = endpoint(4, "backend");
        Endpoint server = endpoint(5, "server");
        long ts = SessionEvent.NONE;
        String fe = null;
        String be = null;
        String srv = null;
        Endpoint orig = null;
        String uid = null;
        for (int t = 6; t < count; t++) {
            int eq = equalsAt(t);
            int vs = eq + 1;
            int ve = ends[t];
            if (key(t, eq, "ts")) {
                ts = number(t, vs, "ts");
            } else if (key(t, eq, "fe")) {
                fe = value(vs, ve);
            } else if (key(t, eq, "be")) {
                be = value(vs, ve);
            } else if (key(t, eq, "srv")) {
                srv = value(vs, ve);
            } else if (key(t, eq, "orig")) {
                orig = Endpoint.tryParse(line, vs, ve);
                if (orig == null) {
                    throw new EventLineException("orig", value(vs, ve), "an address a.b.c.d:port or [v6]:port",
                            vs + 1);
                }
            } else if (key(t, eq, "uid")) {
                uid = percentDecode(t, vs, ve);
            }
        }
        return new SessionEvent.Open(id, client, frontend, backend, server, ts, fe, be, srv, orig, uid);
    }

    private SessionEvent.Close close() {
        requireFields(2, "- <id>");
        long id = id(1);
        long ts = SessionEvent.NONE;
        long bin = SessionEvent.NONE;
        long bout = SessionEvent.NONE;
        long dur = SessionEvent.NONE;
        String term = null;
        for (int t = 2; t < count; t++) {
            int eq = equalsAt(t);
            if (key(t, eq, "ts")) {
                ts = number(t, eq + 1, "ts");
            } else if (key(t, eq, "bin")) {
                bin = number(t, eq + 1, "bin");
            } else if (key(t, eq, "bout")) {
                bout = number(t, eq + 1, "bout");
            } else if (key(t, eq, "dur")) {
                dur = number(t, eq + 1, "dur");
            } else if (key(t, eq, "term")) {
                term = value(eq + 1, ends[t]);
            }
        }
        return new SessionEvent.Close(id, ts, bin, bout, dur, term);
    }

    private SessionEvent.Failed failed() {
        requireFields(4, "x <id> <client> <frontend>");
        long id = id(1);
        Endpoint client = endpoint(2, "client");
        Endpoint frontend = endpoint(3, "frontend");
        long ts = SessionEvent.NONE;
        String fe = null;
        String be = null;
        String term = null;
        for (int t = 4; t < count; t++) {
            int eq = equalsAt(t);
            if (key(t, eq, "ts")) {
                ts = number(t, eq + 1, "ts");
            } else if (key(t, eq, "fe")) {
                fe = value(eq + 1, ends[t]);
            } else if (key(t, eq, "be")) {
                be = value(eq + 1, ends[t]);
            } else if (key(t, eq, "term")) {
                term = value(eq + 1, ends[t]);
            }
        }
        return new SessionEvent.Failed(id, client, frontend, ts, fe, be, term);
    }

    private SessionEvent counter(String word) {
        if (count != 3 || !is(1, word)) {
            throw new EventLineException("line", abbreviate(line),
                    "'" + line.charAt(starts[0]) + " " + word + " <n>'", 1);
        }
        long n = parseDigits(starts[2], ends[2]);
        if (n < 0 || (word.equals("dropped") && n == 0)) {
            throw error(word, 2, word.equals("dropped") ? "a positive count" : "a non-negative count");
        }
        return word.equals("dropped") ? new SessionEvent.Dropped(n) : new SessionEvent.Snapshot(n);
    }

    private void requireFields(int n, String shape) {
        if (count < n) {
            throw new EventLineException("line", abbreviate(line), "'" + shape + "' (" + n + " fields, got "
                    + count + ")", 1);
        }
    }

    private long id(int t) {
        long id = parseDigits(starts[t], ends[t]);
        if (id < 0) {
            throw error("id", t, "a non-negative session id");
        }
        return id;
    }

    private Endpoint endpoint(int t, String field) {
        Endpoint e = Endpoint.tryParse(line, starts[t], ends[t]);
        if (e == null) {
            throw error(field, t, "a.b.c.d:port, [v6]:port or unknown");
        }
        return e;
    }

    private int equalsAt(int t) {
        for (int i = starts[t]; i < ends[t]; i++) {
            if (line.charAt(i) == '=') {
                if (i == starts[t]) {
                    break;
                }
                return i;
            }
        }
        throw error("attribute", t, "key=value");
    }

    private boolean key(int t, int eq, String name) {
        int len = eq - starts[t];
        if (len != name.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (line.charAt(starts[t] + i) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private long number(int t, int from, String field) {
        long v = parseDigits(from, ends[t]);
        if (v < 0) {
            throw new EventLineException(field, value(from, ends[t]), "a non-negative integer", from + 1);
        }
        return v;
    }

    private String value(int from, int to) {
        if (from == to) {
            throw new EventLineException("attribute", line.subSequence(0, to).toString(), "a non-empty value",
                    from + 1);
        }
        return line.subSequence(from, to).toString();
    }

    private String percentDecode(int t, int from, int to) {
        boolean plain = true;
        for (int i = from; i < to; i++) {
            if (line.charAt(i) == '%') {
                plain = false;
                break;
            }
        }
        if (plain) {
            return value(from, to);
        }
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if (c == '%') {
                int hi = i + 2 < to ? Character.digit(line.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(line.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw new EventLineException("uid", value(from, to), "%XX escapes with two hex digits",
                            i + 1);
                }
                sb.append((char) (hi << 4 | lo));
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private boolean is(int t, String word) {
        return ends[t] - starts[t] == word.length() && word.contentEquals(line.subSequence(starts[t], ends[t]));
    }

    /** Decimal digits only, at most 18 of them (no overflow); -1 when not a number. */
    private long parseDigits(int from, int to) {
        if (from == to || to - from > 18) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private EventLineException error(String field, int t, String expected) {
        return new EventLineException(field, line.subSequence(starts[t], ends[t]).toString(), expected,
                starts[t] + 1);
    }

    private static String abbreviate(CharSequence s) {
        return s.length() <= 120 ? s.toString() : s.subSequence(0, 117) + "...";
    }
}
