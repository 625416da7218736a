package io.hoptrace.proxy.internal.stats;

import io.hoptrace.events.Endpoint;
import io.hoptrace.proxy.internal.session.ProxySession;
import io.hoptrace.proxy.internal.session.SessionState;

/**
 * {@code show sess}: one line per live session ({@code <id>: key=value ...}), and {@code show sess <id>}: the
 * same session over several lines with its buffers. Addresses in the event line syntax.
 */
final class SessionFormatter {
    private SessionFormatter() {
    }

    static void appendLine(StringBuilder sb, ProxySession s) {
        sb.append(s.id()).append(": state=").append(s.state().label());
        endpoint(sb, " client=", s.client());
        endpoint(sb, " frontend=", s.frontendEndpoint());
        if (s.state() == SessionState.ESTABLISHED || s.serverName() != null) {
            endpoint(sb, " backend=", s.backendEndpoint());
            endpoint(sb, " server=", s.serverEndpoint());
        }
        sb.append(" fe=").append(s.frontendName());
        if (s.backendName() != null) {
            sb.append(" be=").append(s.backendName());
        }
        if (s.serverName() != null) {
            sb.append(" srv=").append(s.serverName());
        }
        age(sb.append(" age="), s.ageNanos());
        sb.append(" bin=").append(s.bytesIn()).append(" bout=").append(s.bytesOut());
        if (s.orig() != null) {
            endpoint(sb, " orig=", s.orig());
        }
        if (s.uniqueId() != null) {
            uid(sb, s.uniqueId());
        }
        sb.append('\n');
    }

    static void appendDetail(StringBuilder sb, ProxySession s) {
        sb.append(s.id()).append(": state=").append(s.state().label());
        age(sb.append(" age="), s.ageNanos());
        sb.append(" attempts=").append(s.attempts());
        if (s.state() == SessionState.CLOSING || s.state() == SessionState.CLOSED) {
            sb.append(" term=").append(s.termination().token());
        }
        sb.append('\n');
        endpoint(sb, "  front: client=", s.client());
        endpoint(sb, " frontend=", s.frontendEndpoint());
        sb.append(" fe=").append(s.frontendName());
        if (s.orig() != null) {
            endpoint(sb, " orig=", s.orig());
        }
        if (s.uniqueId() != null) {
            uid(sb, s.uniqueId());
        }
        sb.append('\n');
        endpoint(sb, "  back: backend=", s.backendEndpoint());
        endpoint(sb, " server=", s.serverEndpoint());
        if (s.backendName() != null) {
            sb.append(" be=").append(s.backendName());
        }
        if (s.serverName() != null) {
            sb.append(" srv=").append(s.serverName());
        }
        sb.append('\n');
        // HAProxy's req/res channels: bytes forwarded, bytes still held by the proxy, whether the sender is read.
        sb.append("  req: bytes=").append(s.bytesIn()).append(" pending=").append(s.pendingToServer())
                .append(" reading=").append(s.clientReadPaused() ? "paused" : "yes").append('\n');
        sb.append("  res: bytes=").append(s.bytesOut()).append(" pending=").append(s.pendingToClient())
                .append(" reading=").append(s.serverReadPaused() ? "paused" : "yes").append('\n');
    }

    private static void endpoint(StringBuilder sb, String key, Endpoint e) {
        e.appendTo(sb.append(key));
    }

    /** As on {@code +} lines: space, '%' and control characters percent-encoded (RFC 3986 section 2.1). */
    private static void uid(StringBuilder sb, String value) {
        sb.append(" uid=");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '%' || c == 0x7f) {
                sb.append('%').append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
            } else {
                sb.append(c);
            }
        }
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** Seconds with millisecond precision: {@code 1.250s}. */
    static void age(StringBuilder sb, long nanos) {
        long millis = nanos / 1_000_000;
        sb.append(millis / 1000).append('.');
        long frac = millis % 1000;
        if (frac < 100) {
            sb.append('0');
        }
        if (frac < 10) {
            sb.append('0');
        }
        sb.append(frac).append('s');
    }
}
