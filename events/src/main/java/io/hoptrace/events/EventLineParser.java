package io.hoptrace.events;

/**
 * Reads {@code show events} lines (see {@link SessionEvent} for the shapes) into events.
 *
 * <p>Strict about fields, tolerant about what the protocol leaves open: runs of spaces or tabs separate fields,
 * a trailing CR is ignored, unknown {@code key=value} attributes are skipped (newer proxies may add some), and
 * the host of an address is split from its port at the last colon. No regular expressions and no exceptions
 * on the success path; a malformed line throws {@link EventLineException} naming the field.
 *
 * <p>Two paths, one meaning: lines as proxies write them (single spaces, known attributes) are read in one pass
 * without a token table; anything else, and any line that pass does not take, goes through the general path,
 * which tokenizes first and is the one that reports errors. Tests hold both to the same results.
 *
 * <p>Instances are not thread-safe (they reuse a token table, the fields of the last line and a name cache); one
 * per reading thread.
 */
public final class EventLineParser {
    /** The shape of a line: which {@link SessionEvent} it stands for. */
    public enum Kind { OPEN, CLOSE, FAILED, DROPPED, SNAPSHOT }

    /** The address fields of a scanned line, for {@link #port(int)} and the other endpoint accessors. */
    public static final int CLIENT = 0;
    public static final int FRONTEND = 1;
    public static final int BACKEND = 2;
    public static final int SERVER = 3;

    private static final int MAX_TOKENS = 32;

    private final int[] starts = new int[MAX_TOKENS];
    private final int[] ends = new int[MAX_TOKENS];
    private final ScannedLine fields = new ScannedLine();
    private final EventLineNames names = new EventLineNames();
    private CharSequence line;
    private int count;
    /** The one-pass path's position in the line. */
    private int pos;

    /** Returns the event of a line, or null for a blank line or a comment ({@code #} other than snapshot). */
    public SessionEvent parse(CharSequence line) {
        return scan(line) == null ? null : event();
    }

    /**
     * The lower-level form of {@link #parse}, for a reader that keeps its own compact form of events (the
     * tracer's session table) and must not allocate per line: reads the line into this parser's fields, read
     * back with {@link #id()}, {@link #tsMicros()}, {@link #ipv4(int)}, ... until the next line. Accepts and
     * rejects exactly what {@link #parse} does ({@code parse} is {@code scan} then {@link #event()}).
     *
     * <p>Addresses stay primitive (4 or 16 bytes and a port per field); names and reasons come from a small
     * cache of the strings seen before, so a stream of the same few names allocates none.
     *
     * @return the shape of the line, or null for a blank line or a comment
     */
    public Kind scan(CharSequence line) {
        this.line = line;
        fields.kind = null;
        try {
            Kind k = onePass();
            return fields.kind = k != null ? k : general();
        } finally {
            this.line = null;
        }
    }

    /** The event of the last line {@link #scan}ned. */
    public SessionEvent event() {
        return fields.event();
    }

    /** The shape of the last scanned line, or null when it was blank, a comment or malformed. */
    public Kind kind() {
        return fields.kind;
    }

    /** Session id ({@code +}, {@code -}, {@code x}). */
    public long id() {
        return fields.id;
    }

    /** {@code ts=}, or {@link SessionEvent#NONE}. */
    public long tsMicros() {
        return fields.ts;
    }

    /** {@code bin=} of a close, or {@link SessionEvent#NONE}. */
    public long bytesIn() {
        return fields.bytesIn;
    }

    /** {@code bout=} of a close, or {@link SessionEvent#NONE}. */
    public long bytesOut() {
        return fields.bytesOut;
    }

    /** {@code dur=} of a close, or {@link SessionEvent#NONE}. */
    public long durationUs() {
        return fields.durationUs;
    }

    /** The count of {@code ! dropped <n>} or {@code # snapshot <n>}. */
    public long count() {
        return fields.count;
    }

    /** {@code fe=} of an open or failure, or null. */
    public String frontendName() {
        return fields.frontendName;
    }

    /** {@code be=} of an open or failure, or null. */
    public String backendName() {
        return fields.backendName;
    }

    /** {@code srv=} of an open, or null. */
    public String serverName() {
        return fields.serverName;
    }

    /** {@code term=} of a close or failure, or null. */
    public String term() {
        return fields.term;
    }

    /** {@code orig=} of an open, or null. */
    public Endpoint orig() {
        return fields.orig;
    }

    /** {@code uid=} of an open, decoded, or null. */
    public String uniqueId() {
        return fields.uniqueId;
    }

    /**
     * The address length of an endpoint field ({@link #CLIENT}, {@link #FRONTEND}; {@link #BACKEND} and
     * {@link #SERVER} of an open): 4 for IPv4 (IPv4-mapped IPv6 included, as {@link Endpoint} folds it), 16 for
     * IPv6, 0 for {@code unknown}.
     */
    public int addressLength(int field) {
        return fields.addressLengths[field];
    }

    /** The port of an endpoint field (0 when unknown). */
    public int port(int field) {
        return fields.ports[field];
    }

    /** The IPv4 address of an endpoint field as an int in network order ({@code a.b.c.d} is {@code a<<24|...}). */
    public int ipv4(int field) {
        return fields.ipv4s[field];
    }

    /** The first 8 bytes of an IPv6 endpoint field, big-endian. */
    public long ipv6High(int field) {
        return fields.ipv6Highs[field];
    }

    /** The last 8 bytes of an IPv6 endpoint field, big-endian. */
    public long ipv6Low(int field) {
        return fields.ipv6Lows[field];
    }

    /** An endpoint field as an {@link Endpoint} (allocates). */
    public Endpoint endpoint(int field) {
        return fields.endpoint(field);
    }

    // ---- the one-pass path ------------------------------------------------------------------------------------

    /**
     * {@code +}, {@code -} and {@code x} lines as proxies write them, in one pass: single spaces between fields,
     * no other whitespace or control character, numbers, names and addresses well-formed. Returns the kind with
     * every field set, or null to leave the line to {@link #general} (which then accepts it with the same fields,
     * or reports what is wrong): never throws, never accepts what the general path rejects.
     */
    private Kind onePass() {
        CharSequence l = line;
        int n = l.length();
        if (n < 3 || l.charAt(1) != ' ') {
            return null;
        }
        char type = l.charAt(0);
        Kind k = type == '+' ? Kind.OPEN : type == '-' ? Kind.CLOSE : type == 'x' ? Kind.FAILED : null;
        if (k == null) {
            return null;
        }
        ScannedLine f = fields;
        f.clear();
        pos = 2;
        if ((f.id = number(n)) < 0) {
            return null;
        }
        int tokens = 2;
        if (k != Kind.CLOSE) {
            if (!endpoint(n, CLIENT) || !endpoint(n, FRONTEND)) {
                return null;
            }
            tokens = 4;
            if (k == Kind.OPEN) {
                if (!endpoint(n, BACKEND) || !endpoint(n, SERVER)) {
                    return null;
                }
                tokens = 6;
            }
        }
        while (pos < n) {
            if (l.charAt(pos) != ' ' || ++tokens > MAX_TOKENS) {
                return null;
            }
            int keyStart = ++pos;
            int eq = keyStart;
            char c;
            while (eq < n && (c = l.charAt(eq)) != '=') {
                if (c <= ' ') {
                    return null;
                }
                eq++;
            }
            if (eq == n || eq == keyStart) {
                return null;
            }
            pos = eq + 1;
            if (!attribute(k, keyStart, eq - keyStart, n)) {
                return null;
            }
        }
        return k;
    }

    /** Reads the value of the attribute whose key is {@code line[keyStart, +keyLength)} (the attributes of kind k). */
    private boolean attribute(Kind k, int keyStart, int keyLength, int n) {
        ScannedLine f = fields;
        char k0 = line.charAt(keyStart);
        switch (keyLength) {
            case 2:
                char k1 = line.charAt(keyStart + 1);
                if (k0 == 't' && k1 == 's') {
                    return (f.ts = number(n)) >= 0;
                } else if (k0 == 'f' && k1 == 'e' && k != Kind.CLOSE) {
                    return (f.frontendName = name(n, "fe")) != null;
                } else if (k0 == 'b' && k1 == 'e' && k != Kind.CLOSE) {
                    return (f.backendName = name(n, "be")) != null;
                }
                break;
            case 3:
                if (k == Kind.OPEN && isKey(keyStart, "srv")) {
                    return (f.serverName = name(n, "srv")) != null;
                } else if (k == Kind.CLOSE && isKey(keyStart, "bin")) {
                    return (f.bytesIn = number(n)) >= 0;
                } else if (k == Kind.CLOSE && isKey(keyStart, "dur")) {
                    return (f.durationUs = number(n)) >= 0;
                } else if (k == Kind.OPEN && isKey(keyStart, "uid")) {
                    int to = tokenEnd(n);
                    if (to < 0) {
                        return false;
                    }
                    try {
                        f.uniqueId = percentDecode(line, pos, to);
                    } catch (EventLineException e) {
                        return false; // the general path reports it, in its order
                    }
                    pos = to;
                    return true;
                }
                break;
            case 4:
                if (k != Kind.OPEN && isKey(keyStart, "term")) {
                    return (f.term = name(n, "term")) != null;
                } else if (k == Kind.CLOSE && isKey(keyStart, "bout")) {
                    return (f.bytesOut = number(n)) >= 0;
                } else if (k == Kind.OPEN && isKey(keyStart, "orig")) {
                    int to = tokenEnd(n);
                    f.orig = to < 0 ? null : Endpoint.tryParse(line, pos, to);
                    pos = to;
                    return f.orig != null;
                }
                break;
            default:
                break;
        }
        // An attribute this kind of line does not have: skipped, as long as it is one token.
        return (pos = tokenEnd(n)) >= 0;
    }

    private boolean isKey(int keyStart, String key) {
        for (int i = 0; i < key.length(); i++) {
            if (line.charAt(keyStart + i) != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Decimal digits at pos up to a space or the end, at most 18; -1 otherwise. Moves pos past them. */
    private long number(int n) {
        CharSequence l = line;
        int i = pos;
        long v = 0;
        char c = ' ';
        while (i < n && (c = l.charAt(i)) >= '0' && c <= '9') {
            v = v * 10 + (c - '0');
            i++;
        }
        if (i == pos || i - pos > 18 || (i < n && c != ' ')) {
            return -1;
        }
        pos = i;
        return v;
    }

    /** Where the token at pos ends (a space or the end), or -1 when it holds another blank or control character. */
    private int tokenEnd(int n) {
        CharSequence l = line;
        int i = pos;
        char c;
        while (i < n && (c = l.charAt(i)) != ' ') {
            if (c < ' ') {
                return -1;
            }
            i++;
        }
        return i;
    }

    /** A space, then an endpoint token into field f. */
    private boolean endpoint(int n, int f) {
        if (pos >= n || line.charAt(pos) != ' ') {
            return false;
        }
        int from = ++pos;
        int end = fields.readIpv4Endpoint(line, from, n, f);
        if (end > from && (end == n || line.charAt(end) == ' ')) {
            pos = end;
            return true;
        }
        int to = tokenEnd(n);
        if (to <= from || !fields.readEndpoint(line, from, to, f)) {
            return false;
        }
        pos = to;
        return true;
    }

    /**
     * A non-empty name token at pos without control characters, or null. Moves pos past it. Finds the end and
     * hashes in the same pass, so that a name seen before costs that pass and one comparison.
     */
    private String name(int n, String field) {
        CharSequence l = line;
        int from = pos;
        int i = from;
        int h = 0;
        boolean ascii = true;
        char c;
        while (i < n && (c = l.charAt(i)) != ' ') {
            if (c < ' ') {
                return null;
            }
            ascii &= c < 0x7f;
            h = 31 * h + c;
            i++;
        }
        if (i == from) {
            return null;
        }
        pos = i;
        return ascii ? names.cached(line, from, i, h) : names.name(line, from, i, field);
    }

    // ---- the general path -------------------------------------------------------------------------------------

    private Kind general() {
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
        fields.clear();
        switch (line.charAt(starts[0])) {
            case '+':
                open();
                return Kind.OPEN;
            case '-':
                close();
                return Kind.CLOSE;
            case 'x':
                failed();
                return Kind.FAILED;
            case '!':
                counter("dropped");
                return Kind.DROPPED;
            case '#':
                if (count >= 2 && is(1, "snapshot")) {
                    counter("snapshot");
                    return Kind.SNAPSHOT;
                }
                return null;
            default:
                throw error("type", 0, "one of '+', '-', 'x', '!', '#'");
        }
    }

    private void tokenize() {
        count = 0;
        int n = line.length();
        int i = 0;
        while (i < n) {
            if (isSeparator(line.charAt(i))) {
                i++;
                continue;
            }
            if (count == MAX_TOKENS) {
                throw new EventLineException("line", abbreviate(line), "at most " + MAX_TOKENS + " fields", i + 1);
            }
            starts[count] = i;
            while (++i < n && !isSeparator(line.charAt(i))) {
                // inside the token
            }
            ends[count++] = i;
        }
    }

    /** Space, tab, CR, LF; the common case (a character of a token) costs one comparison. */
    private static boolean isSeparator(char c) {
        return c <= ' ' && (c == ' ' || c == '\t' || c == '\r' || c == '\n');
    }

    private void open() {
        requireFields(6, "+ <id> <client> <frontend> <backend> <server>");
        ScannedLine f = fields;
        f.id = id(1);
        endpoint(2, CLIENT, "client");
        endpoint(3, FRONTEND, "frontend");
        endpoint(4, BACKEND, "backend");
        endpoint(5, SERVER, "server");
        for (int t = 6; t < count; t++) {
            int eq = equalsAt(t);
            int vs = eq + 1;
            int ve = ends[t];
            if (key(t, eq, "ts")) {
                f.ts = number(t, vs, "ts");
            } else if (key(t, eq, "fe")) {
                f.frontendName = names.name(line, vs, ve, "fe");
            } else if (key(t, eq, "be")) {
                f.backendName = names.name(line, vs, ve, "be");
            } else if (key(t, eq, "srv")) {
                f.serverName = names.name(line, vs, ve, "srv");
            } else if (key(t, eq, "orig")) {
                f.orig = Endpoint.tryParse(line, vs, ve);
                if (f.orig == null) {
                    throw new EventLineException("orig", value(vs, ve), "an address a.b.c.d:port or [v6]:port",
                            vs + 1);
                }
            } else if (key(t, eq, "uid")) {
                f.uniqueId = percentDecode(line, vs, ve);
            }
        }
    }

    private void close() {
        requireFields(2, "- <id>");
        ScannedLine f = fields;
        f.id = id(1);
        for (int t = 2; t < count; t++) {
            int eq = equalsAt(t);
            if (key(t, eq, "ts")) {
                f.ts = number(t, eq + 1, "ts");
            } else if (key(t, eq, "bin")) {
                f.bytesIn = number(t, eq + 1, "bin");
            } else if (key(t, eq, "bout")) {
                f.bytesOut = number(t, eq + 1, "bout");
            } else if (key(t, eq, "dur")) {
                f.durationUs = number(t, eq + 1, "dur");
            } else if (key(t, eq, "term")) {
                f.term = names.name(line, eq + 1, ends[t], "term");
            }
        }
    }

    private void failed() {
        requireFields(4, "x <id> <client> <frontend>");
        ScannedLine f = fields;
        f.id = id(1);
        endpoint(2, CLIENT, "client");
        endpoint(3, FRONTEND, "frontend");
        for (int t = 4; t < count; t++) {
            int eq = equalsAt(t);
            if (key(t, eq, "ts")) {
                f.ts = number(t, eq + 1, "ts");
            } else if (key(t, eq, "fe")) {
                f.frontendName = names.name(line, eq + 1, ends[t], "fe");
            } else if (key(t, eq, "be")) {
                f.backendName = names.name(line, eq + 1, ends[t], "be");
            } else if (key(t, eq, "term")) {
                f.term = names.name(line, eq + 1, ends[t], "term");
            }
        }
    }

    private void counter(String word) {
        if (count != 3 || !is(1, word)) {
            throw new EventLineException("line", abbreviate(line),
                    "'" + line.charAt(starts[0]) + " " + word + " <n>'", 1);
        }
        long n = parseDigits(starts[2], ends[2]);
        if (n < 0 || (word.equals("dropped") && n == 0)) {
            throw error(word, 2, word.equals("dropped") ? "a positive count" : "a non-negative count");
        }
        fields.count = n;
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

    /** Reads token {@code t} into endpoint field {@code f}: the same text {@link Endpoint#tryParse} accepts. */
    private void endpoint(int t, int f, String field) {
        if (!fields.readEndpoint(line, starts[t], ends[t], f)) {
            throw error(field, t, "a.b.c.d:port, [v6]:port or unknown");
        }
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
        return value(line, from, to);
    }

    /** The text of a non-empty value; an empty one is an error naming the attribute's position. */
    static String value(CharSequence line, int from, int to) {
        if (from == to) {
            throw new EventLineException("attribute", line.subSequence(0, to).toString(), "a non-empty value",
                    from + 1);
        }
        return line.subSequence(from, to).toString();
    }

    /** A {@code uid=} value: free text with space, '%' and control characters as %XX (RFC 3986 section 2.1). */
    static String percentDecode(CharSequence line, int from, int to) {
        boolean plain = true;
        for (int i = from; i < to; i++) {
            if (line.charAt(i) == '%') {
                plain = false;
                break;
            }
        }
        if (plain) {
            return value(line, from, to);
        }
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if (c == '%') {
                int hi = i + 2 < to ? Character.digit(line.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(line.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw new EventLineException("uid", value(line, from, to), "%XX escapes with two hex digits",
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
