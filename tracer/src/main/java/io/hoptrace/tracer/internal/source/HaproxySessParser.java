package io.hoptrace.tracer.internal.source;

import io.hoptrace.events.Endpoint;
import io.hoptrace.tracer.internal.net.LineChars;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Reads HAProxy's {@code show sess all} text (management guide, "show sess"; the layout of
 * {@code stats_dump_full_strm_to_buffer} in src/stream.c, stable from 1.5 to 2.6 for the lines used here):
 *
 * <pre>
 * 0x55ec53d0b320: [26/Nov/2026:06:12:19.069519] id=0 proto=tcpv4 source=127.0.0.1:48594
 *   flags=0x80004a, conn_retries=0, ...
 *   frontend=fe_main (id=2 mode=tcp), listener=? (id=1) addr=127.0.0.1:19001      frontend local address
 *   backend=be_main (id=3 mode=tcp) addr=127.0.0.1:43496                           backend local address
 *   server=s1 (id=1) addr=127.0.0.1:19002                                          server address
 *   task=0x55ec53e26470 (state=0x00 nice=0 calls=2 rate=2 exp=4s tmask=0x1 age=0s)
 *   scb=0x55ec53d6f450 flags=0x00000001 state=EST endp=CONN,...                     server side state (2.6)
 *   ...
 * </pre>
 * A block starts at an unindented {@code <pointer>: [date]} line; the other lines are indented and only the
 * ones above are read, by key, so added or reordered lines in other versions do not matter. An unindented line
 * that is not a block start is an error answer ({@code Permission denied} below level operator).
 *
 * <p>Not thread-safe; one per poll.
 */
final class HaproxySessParser {
    /** Where parsed sessions go. */
    interface Handler {
        void session(HaproxySession s);

        /** The answer is an error message instead of a dump. */
        void error(String text);

        /** A block the parser could not read; the rest of the dump is still read. */
        void malformed(String text, String why);
    }

    private final Handler handler;
    private boolean inBlock;
    private boolean broken;
    private String header;
    private long id;
    private long acceptLocal;
    private int age;
    private String proto;
    private Endpoint source;
    private String feName;
    private Endpoint feAddr;
    private String beName;
    private Endpoint beAddr;
    private String srvName;
    private Endpoint srvAddr;
    private boolean established;

    HaproxySessParser(Handler handler) {
        this.handler = handler;
    }

    void line(LineChars line) {
        int n = line.length();
        if (line.isBlank()) {
            finish();
            return;
        }
        char c0 = line.charAt(0);
        if (c0 != ' ' && c0 != '\t') {
            finish();
            if (!header(line)) {
                handler.error(line.toString());
            }
            return;
        }
        if (!inBlock || broken) {
            return;
        }
        int i = 0;
        while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        if (at(line, i, "frontend=")) {
            feName = name(line, i + 9);
            feAddr = lastAddr(line);
        } else if (at(line, i, "backend=")) {
            beName = name(line, i + 8);
            beAddr = lastAddr(line);
        } else if (at(line, i, "server=")) {
            srvName = name(line, i + 7);
            srvAddr = lastAddr(line);
        } else if (at(line, i, "task=")) {
            int a = indexOf(line, " age=", i);
            if (a >= 0) {
                age = humanSeconds(token(line, a + 5));
            }
        } else if (at(line, i, "scb=") || at(line, i, "si[1]=")) {
            int s = indexOf(line, "state=", i);
            if (s >= 0) {
                established = "EST".equals(token(line, s + 6));
            }
        }
    }

    /** Ends the answer: flushes the last block. */
    void end() {
        finish();
    }

    private boolean header(LineChars line) {
        // <pointer>: [dd/Mon/yyyy:HH:MM:SS.uuuuuu] id=N proto=P source=A
        int colon = indexOf(line, ": [", 0);
        int close = colon < 0 ? -1 : indexOf(line, "]", colon);
        if (colon <= 0 || close < 0) {
            return false;
        }
        inBlock = true;
        broken = false;
        header = line.toString();
        id = -1;
        age = -1;
        proto = null;
        source = null;
        feName = null;
        feAddr = null;
        beName = null;
        beAddr = null;
        srvName = null;
        srvAddr = null;
        established = true;
        acceptLocal = date(line, colon + 3, close);
        if (acceptLocal == Long.MIN_VALUE) {
            return broken("accept date: expected dd/Mon/yyyy:HH:MM:SS.uuuuuu");
        }
        int idAt = indexOf(line, " id=", close);
        if (idAt < 0) {
            return broken("id: expected id=<number>");
        }
        try {
            id = Long.parseLong(token(line, idAt + 4));
        } catch (NumberFormatException e) {
            return broken("id: expected id=<number>");
        }
        int p = indexOf(line, " proto=", close);
        proto = p < 0 ? null : token(line, p + 7);
        int s = indexOf(line, " source=", close);
        if (s >= 0) {
            source = addr(token(line, s + 8));
            if (source == null) {
                return broken("source: expected an address");
            }
        }
        return true;
    }

    private boolean broken(String why) {
        broken = true;
        handler.malformed(header, why);
        return true;
    }

    private void finish() {
        if (inBlock && !broken) {
            handler.session(new HaproxySession(id, acceptLocal, age, proto, source, feName, feAddr, beName, beAddr,
                    srvName, srvAddr, established));
        }
        inBlock = false;
        broken = false;
    }

    private Endpoint lastAddr(LineChars line) {
        int at = -1;
        for (int i = indexOf(line, " addr=", 0); i >= 0; i = indexOf(line, " addr=", i + 1)) {
            at = i;
        }
        if (at < 0) {
            return null;
        }
        String text = token(line, at + 6);
        Endpoint e = addr(text);
        if (e == null) {
            broken("addr: expected a.b.c.d:port, v6:port or unix, got '" + text + "'");
        }
        return e;
    }

    /** An address as HAProxy prints it; IPv6 without brackets (split at the last colon); unix sockets unknown. */
    private static Endpoint addr(String text) {
        if (text.startsWith("unix") || text.startsWith("abns") || text.startsWith("sockpair")) {
            return Endpoint.UNKNOWN;
        }
        return Endpoint.tryParse(text, 0, text.length());
    }

    private static String name(LineChars line, int from) {
        String n = token(line, from);
        return n.isEmpty() || n.startsWith("<") ? null : n; // <NONE>, <none>
    }

    /** The token at {@code from}, up to a space, ')' or ',' or the end. */
    private static String token(LineChars line, int from) {
        int e = from;
        while (e < line.length()) {
            char c = line.charAt(e);
            if (c == ' ' || c == ')' || c == ',' || c == '\t') {
                break;
            }
            e++;
        }
        return line.subSequence(from, e);
    }

    private static boolean at(LineChars line, int i, String word) {
        if (i + word.length() > line.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (line.charAt(i + k) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(LineChars line, String word, int from) {
        int last = line.length() - word.length();
        for (int i = Math.max(0, from); i <= last; i++) {
            if (at(line, i, word)) {
                return i;
            }
        }
        return -1;
    }

    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    /** dd/Mon/yyyy:HH:MM:SS.uuuuuu in {@code line[from, to)}, as microseconds of that wall time read as UTC. */
    private static long date(LineChars line, int from, int to) {
        String s = line.subSequence(from, to);
        if (s.length() != 27 || s.charAt(2) != '/' || s.charAt(6) != '/' || s.charAt(11) != ':'
                || s.charAt(20) != '.') {
            return Long.MIN_VALUE;
        }
        try {
            int day = Integer.parseInt(s.substring(0, 2));
            int month = -1;
            for (int m = 0; m < 12; m++) {
                if (s.startsWith(MONTHS[m], 3)) {
                    month = m + 1;
                }
            }
            int year = Integer.parseInt(s.substring(7, 11));
            int hour = Integer.parseInt(s.substring(12, 14));
            int minute = Integer.parseInt(s.substring(15, 17));
            int second = Integer.parseInt(s.substring(18, 20));
            int micros = Integer.parseInt(s.substring(21, 27));
            if (month < 0) {
                return Long.MIN_VALUE;
            }
            long epoch = LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC);
            return epoch * 1_000_000L + micros;
        } catch (RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }

    /**
     * HAProxy's {@code human_time()} text ({@code 5s}, {@code 3m4s}, {@code 1h2m}, {@code 2d3h}) in seconds when
     * it is precise to the second (no hours or days shown), else -1.
     */
    static int humanSeconds(String text) {
        int total = 0;
        int value = 0;
        boolean digits = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                digits = true;
            } else if (c == 'm' && digits) {
                total += value * 60;
                value = 0;
                digits = false;
            } else if (c == 's' && digits) {
                total += value;
                value = 0;
                digits = false;
            } else {
                return -1; // 'h', 'd', '?', '<' ...: not precise to the second
            }
        }
        return digits ? -1 : total;
    }
}
