package io.hoptrace.cli.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.hoptrace.events.Endpoint;
import io.hoptrace.events.SessionEvent;
import io.hoptrace.events.Timestamps;
import io.hoptrace.tracer.TracedSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sessions as {@code hoptrace sessions} prints them: an aligned table, one JSON object per line (the field names
 * of the event records, docs/event-records.md, plus {@code state} and {@code ageUs}), or CSV with a header.
 */
public final class SessionsWriter {
    /** Output formats. */
    public enum Format { table, json, csv }

    private static final JsonFactory JSON = new JsonFactory();
    private static final String[] CSV_HEADER = {"source", "id", "state", "ts", "ageUs", "client", "frontend",
        "backend", "server", "fe", "be", "srv", "bytesIn", "bytesOut", "durationUs", "term", "uid"};

    private SessionsWriter() {
    }

    public static void write(List<TracedSession> sessions, Format format, long nowMicros, PrintWriter out) {
        switch (format) {
            case json -> sessions.forEach(s -> out.println(json(s, nowMicros)));
            case csv -> {
                out.println(String.join(",", CSV_HEADER));
                sessions.forEach(s -> out.println(csv(s, nowMicros)));
            }
            case table -> table(sessions, nowMicros, false, out);
        }
    }

    /** One session as a JSON object; unknown values are left out, as in the event records. */
    public static String json(TracedSession s, long nowMicros) {
        StringWriter w = new StringWriter(320);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("source", s.source());
            g.writeNumberField("id", s.id());
            g.writeStringField("state", s.state().name().toLowerCase(Locale.ROOT));
            if (s.openMicros() != SessionEvent.NONE) {
                g.writeStringField("ts", Timestamps.formatMicros(s.openMicros()));
            }
            number(g, "ageUs", s.ageMicros(nowMicros));
            g.writeStringField("client", s.client().toString());
            g.writeStringField("frontend", s.frontend().toString());
            g.writeStringField("backend", s.backend().toString());
            g.writeStringField("server", s.server().toString());
            string(g, "fe", s.frontendName());
            string(g, "be", s.backendName());
            string(g, "srv", s.serverName());
            if (s.orig() != null) {
                g.writeStringField("orig", s.orig().toString());
            }
            string(g, "uid", s.uniqueId());
            if (s.closeMicros() != SessionEvent.NONE) {
                g.writeStringField("closed", Timestamps.formatMicros(s.closeMicros()));
            }
            number(g, "bytesIn", s.bytesIn());
            number(g, "bytesOut", s.bytesOut());
            number(g, "durationUs", s.durationUs());
            string(g, "term", s.term());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void number(JsonGenerator g, String name, long v) throws IOException {
        if (v != SessionEvent.NONE) {
            g.writeNumberField(name, v);
        }
    }

    private static void string(JsonGenerator g, String name, String v) throws IOException {
        if (v != null) {
            g.writeStringField(name, v);
        }
    }

    static String csv(TracedSession s, long nowMicros) {
        String[] f = {s.source(), Long.toString(s.id()), s.state().name().toLowerCase(Locale.ROOT),
            s.openMicros() == SessionEvent.NONE ? "" : Timestamps.formatMicros(s.openMicros()),
            num(s.ageMicros(nowMicros)), s.client().toString(), s.frontend().toString(), s.backend().toString(),
            s.server().toString(), text(s.frontendName()), text(s.backendName()), text(s.serverName()),
            num(s.bytesIn()), num(s.bytesOut()), num(s.durationUs()), text(s.term()), text(s.uniqueId())};
        StringBuilder sb = new StringBuilder(200);
        for (int i = 0; i < f.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String v = f[i];
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0) {
                sb.append('"').append(v.replace("\"", "\"\"")).append('"'); // RFC 4180 section 2
            } else {
                sb.append(v);
            }
        }
        return sb.toString();
    }

    private static String num(long v) {
        return v == SessionEvent.NONE ? "" : Long.toString(v);
    }

    private static String text(String v) {
        return v == null ? "" : v;
    }

    /**
     * An aligned table. {@code closed} adds the columns of ended sessions (duration, bytes, reason) in place of
     * the age.
     */
    public static void table(List<TracedSession> sessions, long nowMicros, boolean closed, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(closed
                ? new String[] {"SOURCE", "ID", "LASTED", "CLIENT", "FRONTEND", "BACKEND", "SERVER", "FE/BE/SRV",
                    "BYTES IN/OUT", "END"}
                : new String[] {"SOURCE", "ID", "AGE", "CLIENT", "FRONTEND", "BACKEND", "SERVER", "FE/BE/SRV"});
        for (TracedSession s : sessions) {
            String route = dash(s.frontendName()) + "/" + dash(s.backendName()) + "/" + dash(s.serverName());
            String[] common = {s.source(), Long.toString(s.id()), age(s.ageMicros(nowMicros)), ep(s.client()),
                ep(s.frontend()), ep(s.backend()), ep(s.server()), route};
            if (closed) {
                String[] r = java.util.Arrays.copyOf(common, 10);
                r[8] = (s.bytesIn() == SessionEvent.NONE ? "?" : Long.toString(s.bytesIn())) + "/"
                        + (s.bytesOut() == SessionEvent.NONE ? "?" : Long.toString(s.bytesOut()));
                r[9] = s.state() == TracedSession.State.FAILED ? "failed " + dash(s.term()) : dash(s.term());
                rows.add(r);
            } else {
                rows.add(common);
            }
        }
        aligned(rows, out);
    }

    /** Prints rows with each column as wide as its widest cell, two spaces apart. */
    public static void aligned(List<String[]> rows, PrintWriter out) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder(160);
            for (int i = 0; i < cols; i++) {
                sb.append(r[i]);
                if (i < cols - 1) {
                    sb.append(" ".repeat(width[i] - r[i].length() + 2));
                }
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    private static String ep(Endpoint e) {
        return e.toString();
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    /** A short age: {@code 850ms}, {@code 42s}, {@code 3m07s}, {@code 2h05m}, {@code 3d04h}; {@code ?} if unknown. */
    public static String age(long micros) {
        if (micros == SessionEvent.NONE) {
            return "?";
        }
        long ms = micros / 1000;
        if (ms < 1000) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        if (s < 86400) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", s / 86400, s % 86400 / 3600);
    }
}
