package io.hoptrace.events;

/**
 * Writes {@link SessionEvent}s as {@code show events} lines (without the trailing newline). In bare mode only
 * the fields of the original patch are written, so any reader of that format understands the output; in full
 * mode the {@code key=value} attributes follow. Formatting appends to a caller's buffer so that a producer can
 * format an event once and share the bytes.
 */
public final class EventLineFormatter {
    private EventLineFormatter() {
    }

    public static String format(SessionEvent event, boolean full) {
        return appendTo(new StringBuilder(160), event, full).toString();
    }

    public static StringBuilder appendTo(StringBuilder sb, SessionEvent event, boolean full) {
        if (event instanceof SessionEvent.Open o) {
            sb.append("+ ").append(o.id()).append(' ');
            o.client().appendTo(sb).append(' ');
            o.frontend().appendTo(sb).append(' ');
            o.backend().appendTo(sb).append(' ');
            o.server().appendTo(sb);
            if (full) {
                number(sb, "ts", o.tsMicros());
                token(sb, "fe", o.frontendName());
                token(sb, "be", o.backendName());
                token(sb, "srv", o.serverName());
                if (o.orig() != null) {
                    o.orig().appendTo(sb.append(" orig="));
                }
                if (o.uniqueId() != null) {
                    percentEncode(sb.append(" uid="), o.uniqueId());
                }
            }
        } else if (event instanceof SessionEvent.Close c) {
            sb.append("- ").append(c.id());
            if (full) {
                number(sb, "ts", c.tsMicros());
                number(sb, "bin", c.bytesIn());
                number(sb, "bout", c.bytesOut());
                number(sb, "dur", c.durationUs());
                token(sb, "term", c.term());
            }
        } else if (event instanceof SessionEvent.Failed f) {
            sb.append("x ").append(f.id()).append(' ');
            f.client().appendTo(sb).append(' ');
            f.frontend().appendTo(sb);
            number(sb, "ts", f.tsMicros());
            token(sb, "fe", f.frontendName());
            token(sb, "be", f.backendName());
            token(sb, "term", f.term());
        } else if (event instanceof SessionEvent.Dropped d) {
            sb.append("! dropped ").append(d.count());
        } else if (event instanceof SessionEvent.Snapshot s) {
            sb.append("# snapshot ").append(s.count());
        }
        return sb;
    }

    private static void number(StringBuilder sb, String key, long value) {
        if (value != SessionEvent.NONE) {
            sb.append(' ').append(key).append('=').append(value);
        }
    }

    private static void token(StringBuilder sb, String key, String value) {
        if (value != null) {
            sb.append(' ').append(key).append('=').append(value);
        }
    }

    /**
     * A unique id is free text (HAProxy's {@code unique-id-format}); space, '%' and control characters are
     * percent-encoded (RFC 3986 section 2.1) so the value stays one token.
     */
    static void percentEncode(StringBuilder sb, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '%' || c == 0x7f) {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4 & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            } else {
                sb.append(c);
            }
        }
    }
}
