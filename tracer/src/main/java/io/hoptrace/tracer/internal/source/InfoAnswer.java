package io.hoptrace.tracer.internal.source;

import io.hoptrace.tracer.internal.net.LineChars;
import io.hoptrace.tracer.internal.net.LineSink;
import java.util.HashMap;
import java.util.Map;

/**
 * The answer to {@code show info}: {@code Key: value} lines up to the first empty line (HAProxy management guide,
 * section 9.3 "show info"; the hoptrace proxy prints the same shape, docs/protocol.md). A hoptrace proxy is told
 * by a {@code Version} starting with {@code hoptrace}, or by the {@code EventSubscribers} key that its
 * documented answer carries and HAProxy's does not ({@code Name: HAProxy}, {@code Version: 2.6.12-1+deb12u3}).
 */
final class InfoAnswer implements LineSink {
    private final Map<String, String> values = new HashMap<>();
    private boolean done;
    private String firstLine;

    @Override
    public void line(LineChars line, long receivedMicros) {
        if (done) {
            return;
        }
        if (line.isBlank()) {
            done = !values.isEmpty() || firstLine != null;
            return;
        }
        String text = line.toString();
        if (firstLine == null) {
            firstLine = text;
        }
        int colon = text.indexOf(':');
        if (colon > 0) {
            values.put(text.substring(0, colon).trim(), text.substring(colon + 1).trim());
        }
    }

    @Override
    public void overlong(int length) {
        // no show info line is that long; ignore it
    }

    /** True when the answer ended (an empty line after some content). */
    boolean complete() {
        return done;
    }

    String get(String key) {
        return values.get(key);
    }

    boolean hasValues() {
        return values.containsKey("Name") || values.containsKey("Version");
    }

    boolean isHoptrace() {
        String v = values.get("Version");
        return (v != null && v.regionMatches(true, 0, "hoptrace", 0, 8)) || values.containsKey("EventSubscribers");
    }

    /** The first line, for error messages when the answer is not {@code Key: value} text. */
    String firstLine() {
        return firstLine;
    }

    /** The process id, or -1. */
    long pid() {
        return number("Pid");
    }

    long uptimeSeconds() {
        return number("Uptime_sec");
    }

    private long number(String key) {
        String v = values.get(key);
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
