package io.hoptrace.events.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Literal IP address parsing and formatting without DNS and without regular expressions.
 *
 * <p>{@link InetAddress#getByName} resolves anything that is not a literal, which a parser of untrusted lines must
 * never do; so literals are decoded here and handed to {@link InetAddress#getByAddress(byte[])}, which never
 * touches the network. IPv6 text follows RFC 4291 section 2.2 on input and RFC 5952 (canonical, compressed,
 * lower case) on output, which is also what HAProxy prints.
 */
public final class IpAddresses {
    private IpAddresses() {
    }

    /** Parses an IPv4 or IPv6 literal in {@code s[from, to)}; returns null when it is not one. */
    public static InetAddress parse(CharSequence s, int from, int to) {
        byte[] bytes = parseBytes(s, from, to);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError("getByAddress rejected a 4 or 16 byte address", e);
        }
    }

    /** The address bytes (4 or 16) of an IPv4 or IPv6 literal, or null. */
    public static byte[] parseBytes(CharSequence s, int from, int to) {
        if (from >= to) {
            return null;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == ':') {
                byte[] out = new byte[16];
                return parseV6(s, from, to, out) ? out : null;
            }
        }
        byte[] out = new byte[4];
        return parseV4(s, from, to, out, 0) ? out : null;
    }

    /**
     * Parses an IPv4 or IPv6 literal in {@code s[from, to)} into the first 4 or 16 bytes of {@code out} (at least
     * 16 long) and returns how many, or 0 when it is not a literal: {@link #parseBytes} without an array per call,
     * for parsers that keep addresses in primitive form.
     */
    public static int parseInto(CharSequence s, int from, int to, byte[] out) {
        if (from >= to) {
            return 0;
        }
        // IPv4 first: a dotted quad has no ':', so trying it first never misreads an IPv6 literal, and the common
        // case reads the text once.
        if (parseV4(s, from, to, out, 0)) {
            return 4;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == ':') {
                return parseV6(s, from, to, out) ? 16 : 0;
            }
        }
        return 0;
    }

    /**
     * True when 16 address bytes are an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}, RFC 4291 section
     * 2.5.5.2), which {@link InetAddress#getByAddress(byte[])} turns into an IPv4 address.
     */
    public static boolean isIpv4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    private static boolean parseV4(CharSequence s, int from, int to, byte[] out, int at) {
        int octet = 0;
        int digits = 0;
        int part = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits == 3 || (digits == 1 && octet == 0)) {
                    return false; // more than three digits, or a leading zero (ambiguous octal)
                }
                octet = octet * 10 + (c - '0');
                digits++;
                if (octet > 255) {
                    return false;
                }
            } else if (c == '.') {
                if (digits == 0 || part == 3) {
                    return false;
                }
                out[at + part++] = (byte) octet;
                octet = 0;
                digits = 0;
            } else {
                return false;
            }
        }
        if (digits == 0 || part != 3) {
            return false;
        }
        out[at + 3] = (byte) octet;
        return true;
    }

    private static boolean parseV6(CharSequence s, int from, int to, byte[] out) {
        // A zone index ("%eth0", RFC 4007 section 11) names the link, not the address: ignored for matching.
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '%') {
                to = i;
                break;
            }
        }
        java.util.Arrays.fill(out, 0, 16, (byte) 0);
        int groups = 0;
        int gap = -1;
        int i = from;
        if (to - from >= 2 && s.charAt(i) == ':' && s.charAt(i + 1) == ':') {
            gap = 0;
            i += 2;
            if (i == to) {
                return true;
            }
        } else if (s.charAt(i) == ':') {
            return false;
        }
        while (i < to) {
            if (groups == 8) {
                return false;
            }
            int start = i;
            int value = 0;
            while (i < to && s.charAt(i) != ':' && s.charAt(i) != '.') {
                int d = Character.digit(s.charAt(i), 16);
                if (d < 0 || i - start == 4) {
                    return false;
                }
                value = (value << 4) | d;
                i++;
            }
            if (i < to && s.charAt(i) == '.') {
                // Trailing dotted quad (RFC 4291 section 2.2, form 3).
                if (groups > 6 || !parseV4(s, start, to, out, groups * 2)) {
                    return false;
                }
                groups += 2;
                i = to;
                break;
            }
            if (i == start) {
                return false;
            }
            out[groups * 2] = (byte) (value >> 8);
            out[groups * 2 + 1] = (byte) value;
            groups++;
            if (i < to) {
                i++; // the ':'
                if (i < to && s.charAt(i) == ':') {
                    if (gap >= 0) {
                        return false; // "::" twice
                    }
                    gap = groups;
                    i++;
                } else if (i == to) {
                    return false; // trailing single ':'
                }
            }
        }
        if (gap < 0) {
            return groups == 8;
        }
        if (groups == 8) {
            return false;
        }
        int tail = (groups - gap) * 2;
        System.arraycopy(out, gap * 2, out, 16 - tail, tail);
        java.util.Arrays.fill(out, gap * 2, 16 - tail, (byte) 0);
        return true;
    }

    /** Appends the canonical text of an address: dotted quad, or RFC 5952 IPv6 without brackets. */
    public static StringBuilder append(StringBuilder sb, InetAddress address) {
        return append(sb, address.getAddress());
    }

    public static StringBuilder append(StringBuilder sb, byte[] a) {
        if (a.length == 4) {
            return sb.append(a[0] & 0xff).append('.').append(a[1] & 0xff).append('.')
                    .append(a[2] & 0xff).append('.').append(a[3] & 0xff);
        }
        // RFC 5952 section 4.2: compress the longest run of two or more zero groups, the first one on a tie.
        int bestStart = -1;
        int bestLen = 1;
        for (int g = 0; g < 8; ) {
            if (group(a, g) != 0) {
                g++;
                continue;
            }
            int start = g;
            while (g < 8 && group(a, g) == 0) {
                g++;
            }
            if (g - start > bestLen) {
                bestStart = start;
                bestLen = g - start;
            }
        }
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                sb.append("::");
                g += bestLen - 1;
                continue;
            }
            if (g > 0 && g != bestStart + bestLen) {
                sb.append(':');
            }
            sb.append(Integer.toHexString(group(a, g)));
        }
        return sb;
    }

    private static int group(byte[] a, int g) {
        return ((a[g * 2] & 0xff) << 8) | (a[g * 2 + 1] & 0xff);
    }
}
