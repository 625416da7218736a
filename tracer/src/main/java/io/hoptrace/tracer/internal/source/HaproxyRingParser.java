package io.hoptrace.tracer.internal.source;

import io.hoptrace.events.Endpoint;

/**
 * Reads {@link HaproxyRingLine}s. The {@code hoptrace-v1} marker may come after a syslog header (a ring with
 * {@code format rfc5424} or {@code timed}); fields are separated by single spaces as the log-format writes them;
 * everything after {@code %ts} is the unique id (it may hold spaces).
 */
final class HaproxyRingParser {
    static final String MARKER = "hoptrace-v1";
    private static final int FIXED = 15;

    private HaproxyRingParser() {
    }

    /**
     * Returns the line's record, or null when the line does not carry the marker; throws
     * {@link IllegalArgumentException} naming the field when it does but cannot be read.
     */
    static HaproxyRingLine parse(String line) {
        int m = marker(line);
        if (m < 0) {
            return null;
        }
        String rest = line.substring(m + MARKER.length()).trim();
        char kind = '?';
        if (rest.startsWith("+ ") || rest.startsWith("- ")) {
            kind = rest.charAt(0);
            rest = rest.substring(2).trim();
        }
        String[] f = rest.split("[ \t]+", FIXED + 1);
        if (f.length < FIXED) {
            throw new IllegalArgumentException("line: expected " + FIXED + " fields after " + MARKER
                    + " (%rt %ci:%cp %fi:%fp %bi:%bp %si:%sp %f %b %s %Ts.%ms %Tw %Tc %Tt %U %B %ts), got "
                    + f.length);
        }
        long id = number("%rt", f[0]);
        Endpoint client = endpoint("%ci:%cp", f[1]);
        Endpoint frontend = endpoint("%fi:%fp", f[2]);
        Endpoint backend = endpoint("%bi:%bp", f[3]);
        Endpoint server = endpoint("%si:%sp", f[4]);
        long accept = acceptMicros(f[8]);
        long tw = signed("%Tw", f[9]);
        long tc = signed("%Tc", f[10]);
        boolean partial = f[11].startsWith("+");
        long tt = signed("%Tt", partial ? f[11].substring(1) : f[11]);
        long bytesIn = number("%U", strip(f[12]));
        long bytesOut = number("%B", strip(f[13]));
        String term = f[14].isEmpty() || f[14].equals("-") ? null : f[14];
        String uid = f.length > FIXED ? f[FIXED].trim() : "";
        return new HaproxyRingLine(kind, id, client, frontend, backend, server, name(f[5]), name(f[6]), name(f[7]),
                accept, tw, tc, tt, partial, bytesIn, bytesOut, term, uid.isEmpty() || uid.equals("-") ? null : uid);
    }

    private static int marker(String line) {
        int i = line.indexOf(MARKER);
        while (i > 0 && line.charAt(i - 1) != ' ' && line.charAt(i - 1) != '\t') {
            i = line.indexOf(MARKER, i + 1);
        }
        return i;
    }

    private static String strip(String s) {
        return s.startsWith("+") ? s.substring(1) : s; // "+243": bytes so far (option logasap)
    }

    private static String name(String s) {
        return s.equals("-") || s.startsWith("<") ? null : s; // <NOSRV>, <NONE>
    }

    /** An address as %xi:%xp prints it: IPv4, IPv6 without brackets, "unix" or "-" for none. */
    private static Endpoint endpoint(String field, String s) {
        if (s.startsWith("-") || s.startsWith("unix") || s.startsWith("abns")) {
            return Endpoint.UNKNOWN;
        }
        Endpoint e = Endpoint.tryParse(s, 0, s.length());
        if (e == null) {
            throw new IllegalArgumentException(field + ": expected an address ip:port, got '" + s + "'");
        }
        return e;
    }

    /** %Ts.%ms: seconds since the epoch, a dot, three digits of milliseconds. */
    private static long acceptMicros(String s) {
        int dot = s.indexOf('.');
        if (dot <= 0 || s.length() - dot - 1 != 3) {
            throw new IllegalArgumentException("%Ts.%ms: expected <epoch seconds>.<3-digit milliseconds>, got '"
                    + s + "'");
        }
        return number("%Ts", s.substring(0, dot)) * 1_000_000L + number("%ms", s.substring(dot + 1)) * 1_000L;
    }

    private static long number(String field, String s) {
        if (s.isEmpty() || s.length() > 18) {
            throw new IllegalArgumentException(field + ": expected a non-negative integer, got '" + s + "'");
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException(field + ": expected a non-negative integer, got '" + s + "'");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** A timer: milliseconds, or -1 when that stage was not reached. */
    private static long signed(String field, String s) {
        if (s.equals("-1")) {
            return -1;
        }
        return number(field, s);
    }
}
