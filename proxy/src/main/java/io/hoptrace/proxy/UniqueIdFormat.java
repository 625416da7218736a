package io.hoptrace.proxy;

import io.hoptrace.events.Endpoint;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A compiled {@code unique-id-format}: HAProxy's custom log format (configuration manual 8.2.6 "Custom log
 * format" in HAProxy 2.6) restricted to what a TCP session knows when it is accepted:
 * <ul>
 *   <li>{@code %ci} / {@code %cp}: client address and port; {@code %fi} / {@code %fp}: frontend (accepting)
 *       address and port — {@code -} for a Unix socket;</li>
 *   <li>{@code %Ts}: accept time in epoch seconds; {@code %ms}: its milliseconds, 3 digits;</li>
 *   <li>{@code %pid}: the process id; {@code %rt}: the request counter, which is the session id;</li>
 *   <li>{@code %%}: a percent sign; any other character is copied as is, except spaces, which are
 *       separators as in HAProxy: leading ones are dropped and a run of them is written as one.</li>
 * </ul>
 * Flags go in braces before a variable ({@code %{+X}ci}) or on the special variable {@code %o}, which applies
 * them to every variable after it. {@code X} writes numbers and addresses in upper-case hexadecimal as HAProxy
 * does (addresses as 8 or 32 digits, ports as 4, {@code %Ts %rt %pid} as at least 4, {@code %ms} as at least
 * 2); {@code Q} quotes addresses written as text; {@code E} is accepted and changes nothing here (addresses
 * contain no character it escapes). So HAProxy's example {@code %{+X}o\ %ci:%cp_%fi:%fp_%Ts_%rt:%pid} gives
 * {@code 7F000001:8296_7F00001E:1F90_4F7B0A69_0003:790A}.
 *
 * <p>Compiled once at configuration time into an array of parts; {@link #render} runs once per session and
 * appends into a single {@link StringBuilder}.
 */
public final class UniqueIdFormat {
    /** What a unique id can be made of, for one session. */
    public record Values(Endpoint client, Endpoint frontend, long acceptMicros, long sessionId, long pid) {
    }

    private static final byte LITERAL = 0;
    private static final byte CLIENT_IP = 1;
    private static final byte CLIENT_PORT = 2;
    private static final byte FRONTEND_IP = 3;
    private static final byte FRONTEND_PORT = 4;
    private static final byte ACCEPT_SECONDS = 5;
    private static final byte ACCEPT_MILLIS = 6;
    private static final byte PID = 7;
    private static final byte REQUEST_COUNTER = 8;

    private static final int HEX = 1;
    private static final int QUOTE = 2;
    private static final int ESCAPE = 4;

    private static final String SUPPORTED = "%ci, %cp, %fi, %fp, %Ts, %ms, %pid, %rt (and %o for flags)";

    /** The other variables of the 8.2.6 table: known to HAProxy, not available to hoptrace. */
    private static final Set<String> HAPROXY_ONLY = Set.of("B", "CC", "CS", "H", "HM", "HP", "HPO", "HQ", "HU",
            "HV", "ID", "ST", "T", "Ta", "Tc", "Td", "Tl", "Th", "Ti", "Tq", "TR", "Tr", "Tt", "Tu", "Tw", "U",
            "ac", "b", "bc", "bi", "bp", "bq", "f", "fc", "ft", "lc", "hr", "hrl", "hs", "hsl", "r", "rc", "s",
            "sc", "si", "sp", "sq", "sslc", "sslv", "t", "tr", "trg", "trl", "ts", "tsc");

    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    private final String source;
    private final byte[] kinds;
    private final byte[] flags;
    private final String[] literals;
    private final int sizeHint;

    private UniqueIdFormat(String source, byte[] kinds, byte[] flags, String[] literals) {
        this.source = source;
        this.kinds = kinds;
        this.flags = flags;
        this.literals = literals;
        int hint = 0;
        for (int i = 0; i < kinds.length; i++) {
            hint += kinds[i] == LITERAL ? literals[i].length() : 12;
        }
        this.sizeHint = hint;
    }

    /** Compiles a format; throws {@link IllegalArgumentException} naming the unsupported variable. */
    public static UniqueIdFormat compile(String format) {
        return new Compiler(format).compile();
    }

    public String render(Values values) {
        StringBuilder sb = new StringBuilder(sizeHint);
        for (int i = 0; i < kinds.length; i++) {
            int f = flags[i];
            switch (kinds[i]) {
                case LITERAL -> sb.append(literals[i]);
                case CLIENT_IP -> appendIp(sb, values.client(), f);
                case CLIENT_PORT -> appendPort(sb, values.client(), f);
                case FRONTEND_IP -> appendIp(sb, values.frontend(), f);
                case FRONTEND_PORT -> appendPort(sb, values.frontend(), f);
                case ACCEPT_SECONDS -> appendNumber(sb, Math.floorDiv(values.acceptMicros(), 1_000_000L), f, 4);
                case ACCEPT_MILLIS -> {
                    long ms = Math.floorMod(Math.floorDiv(values.acceptMicros(), 1_000L), 1_000L);
                    if ((f & HEX) != 0) {
                        appendHex(sb, ms, 2);
                    } else {
                        sb.append(ms < 100 ? (ms < 10 ? "00" : "0") : "").append(ms);
                    }
                }
                case PID -> appendNumber(sb, values.pid(), f, 4);
                case REQUEST_COUNTER -> appendNumber(sb, values.sessionId(), f, 4);
                default -> throw new IllegalStateException("unknown part " + kinds[i]);
            }
        }
        return sb.toString();
    }

    private static void appendIp(StringBuilder sb, Endpoint e, int f) {
        if (e == null || e.isUnknown()) {
            sb.append('-');
        } else if ((f & HEX) != 0) {
            for (byte b : e.address().getAddress()) {
                sb.append(HEX_DIGITS[(b >> 4) & 0xF]).append(HEX_DIGITS[b & 0xF]);
            }
        } else {
            boolean quote = (f & QUOTE) != 0;
            if (quote) {
                sb.append('"');
            }
            // Endpoint writes host:port (IPv6 in brackets): keep the host part only, without allocating.
            int start = sb.length();
            e.appendTo(sb);
            sb.setLength(sb.lastIndexOf(":"));
            if (e.address() instanceof Inet6Address) {
                sb.setLength(sb.length() - 1);
                sb.deleteCharAt(start);
            }
            if (quote) {
                sb.append('"');
            }
        }
    }

    private static void appendPort(StringBuilder sb, Endpoint e, int f) {
        if (e == null || e.isUnknown()) {
            sb.append('-');
        } else if ((f & HEX) != 0) {
            appendHex(sb, e.port(), 4);
        } else {
            sb.append(e.port());
        }
    }

    private static void appendNumber(StringBuilder sb, long value, int f, int hexDigits) {
        if ((f & HEX) != 0) {
            appendHex(sb, value, hexDigits);
        } else {
            sb.append(value);
        }
    }

    /** Upper-case hexadecimal of {@code value} (unsigned), at least {@code minDigits} digits. */
    private static void appendHex(StringBuilder sb, long value, int minDigits) {
        int digits = Math.max(minDigits, (64 - Long.numberOfLeadingZeros(value) + 3) / 4);
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            sb.append(HEX_DIGITS[(int) (value >>> shift) & 0xF]);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UniqueIdFormat other && other.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }

    /** HAProxy's {@code parse_logformat_string()} state machine, for the subset above. */
    private static final class Compiler {
        private final String format;
        private final List<Byte> kinds = new ArrayList<>();
        private final List<Byte> flags = new ArrayList<>();
        private final List<String> literals = new ArrayList<>();
        private final StringBuilder literal = new StringBuilder();
        private int globalFlags;
        private int pos;
        /** HAProxy's {@code last_isspace}, which starts true: leading spaces are dropped, runs collapse. */
        private boolean afterSpace = true;

        Compiler(String format) {
            this.format = format;
        }

        UniqueIdFormat compile() {
            while (pos < format.length()) {
                char c = format.charAt(pos++);
                if (c == '%') {
                    variable();
                } else if (c != ' ') {
                    literal.append(c);
                    afterSpace = false;
                } else if (!afterSpace) {
                    literal.append(' ');
                    afterSpace = true;
                }
            }
            flushLiteral();
            byte[] k = new byte[kinds.size()];
            byte[] f = new byte[kinds.size()];
            for (int i = 0; i < k.length; i++) {
                k[i] = kinds.get(i);
                f[i] = flags.get(i);
            }
            return new UniqueIdFormat(format, k, f, literals.toArray(new String[0]));
        }

        private void variable() {
            if (pos >= format.length()) {
                throw error("truncated format after '%' at the end (write %% for a percent sign)");
            }
            char c = format.charAt(pos);
            if (c == '%') {
                literal.append('%');
                afterSpace = false;
                pos++;
                return;
            }
            if (c == '[') {
                int end = format.indexOf(']', pos);
                throw error("sample expressions ('%" + format.substring(pos, end < 0 ? format.length() : end + 1)
                        + "') are not supported by hoptrace; supported: " + SUPPORTED);
            }
            int f = globalFlags;
            if (c == '{') {
                int end = format.indexOf('}', pos);
                if (end < 0) {
                    throw error("truncated flags after '%" + format.substring(pos) + "': expected '}'");
                }
                f = applyFlags(f, format.substring(pos + 1, end));
                pos = end + 1;
            }
            int start = pos;
            while (pos < format.length() && isAlnum(format.charAt(pos))) {
                pos++;
            }
            String name = format.substring(start, pos);
            if (name.isEmpty()) {
                throw error(pos < format.length()
                        ? "unexpected character '" + format.charAt(pos) + "' after '%' (write %% for a percent sign)"
                        : "truncated format after '%' at the end (write %% for a percent sign)");
            }
            byte kind = switch (name) {
                case "o" -> -1;
                case "ci" -> CLIENT_IP;
                case "cp" -> CLIENT_PORT;
                case "fi" -> FRONTEND_IP;
                case "fp" -> FRONTEND_PORT;
                case "Ts" -> ACCEPT_SECONDS;
                case "ms" -> ACCEPT_MILLIS;
                case "pid" -> PID;
                case "rt" -> REQUEST_COUNTER;
                default -> throw error(HAPROXY_ONLY.contains(name)
                        ? "variable '%" + name + "' is not supported by hoptrace; supported: " + SUPPORTED
                        : "no such format variable '%" + name + "' (write %% for a percent sign); supported: "
                        + SUPPORTED);
            };
            if (kind < 0) {
                globalFlags = f;
                return;
            }
            flushLiteral();
            kinds.add(kind);
            flags.add((byte) f);
            literals.add(null);
            afterSpace = false;
        }

        private int applyFlags(int f, String list) {
            for (String flag : list.split(",", -1)) {
                int bit = flag.length() == 2 ? switch (flag.charAt(1)) {
                    case 'X' -> HEX;
                    case 'Q' -> QUOTE;
                    case 'E' -> ESCAPE;
                    default -> 0;
                } : 0;
                if (bit == 0 || (flag.charAt(0) != '+' && flag.charAt(0) != '-')) {
                    throw error("unknown flag '" + flag + "': expected +X, -X, +Q, -Q, +E or -E");
                }
                f = flag.charAt(0) == '+' ? f | bit : f & ~bit;
            }
            return f;
        }

        private void flushLiteral() {
            if (literal.length() > 0) {
                kinds.add(LITERAL);
                flags.add((byte) 0);
                literals.add(literal.toString());
                literal.setLength(0);
            }
        }

        private static boolean isAlnum(char c) {
            return c < 128 && Character.isLetterOrDigit(c);
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException(message + " in '" + format + "'");
        }
    }
}
