package io.hoptrace.correlator.internal.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.hoptrace.correlator.ConnectionEnd;
import io.hoptrace.correlator.ConnectionStats;
import io.hoptrace.correlator.CorrelationReport;
import io.hoptrace.correlator.Hop;
import io.hoptrace.correlator.ProxyDwell;
import io.hoptrace.correlator.ProxySession;
import io.hoptrace.correlator.SessionRef;
import io.hoptrace.correlator.Trace;
import io.hoptrace.events.SessionEvent;
import java.io.IOException;
import java.io.Writer;

/**
 * JSON Lines, one trace per line (this shape is the contract; fields may be added, none removed):
 * <pre>
 * {"origin":"ip:port","destination":"ip:port","start":"…","durationUs":N,"complete":true,"failed":false,
 *  "hops":[{"index":0,"client":"ip:port","server":"ip:port","via":[{"source":"edge","id":1}],"captured":true,
 *           "instance":0,"start":"…","durationUs":N,"packets":{"up":N,"down":N},"bytes":{"up":N,"down":N},
 *           "retransmissions":{"up":N,"down":N},"handshakeRttUs":N,"responseTimeUs":N,"end":"FIN|RST|OPEN",
 *           "endedBy":"client|server","filter":"…"}],
 *  "proxies":[{"source":"edge","id":1,"frontend":"web","backend":"app","server":"s1","term":"…",
 *              "requestDwellUs":N,"responseDwellUs":N}],
 *  "filter":"…"}
 * </pre>
 * {@code client}/{@code server} are the connection's initiator and responder, {@code bytes} count TCP payload
 * (retransmissions included). Unknown values are null; a hop no capture saw has {@code "captured":false},
 * zero counts and a null {@code end}.
 */
public final class JsonReportWriter {
    private static final JsonFactory JSON = new JsonFactory();
    // Field names pre-quoted once: the same two dozen names are written for every trace.
    private static final SerializedString ORIGIN = new SerializedString("origin");
    private static final SerializedString DESTINATION = new SerializedString("destination");
    private static final SerializedString START = new SerializedString("start");
    private static final SerializedString DURATION_US = new SerializedString("durationUs");
    private static final SerializedString COMPLETE = new SerializedString("complete");
    private static final SerializedString FAILED = new SerializedString("failed");
    private static final SerializedString HOPS = new SerializedString("hops");
    private static final SerializedString PROXIES = new SerializedString("proxies");
    private static final SerializedString FILTER = new SerializedString("filter");
    private static final SerializedString INDEX = new SerializedString("index");
    private static final SerializedString CLIENT = new SerializedString("client");
    private static final SerializedString SERVER = new SerializedString("server");
    private static final SerializedString VIA = new SerializedString("via");
    private static final SerializedString SOURCE = new SerializedString("source");
    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString CAPTURED = new SerializedString("captured");
    private static final SerializedString INSTANCE = new SerializedString("instance");
    private static final SerializedString PACKETS = new SerializedString("packets");
    private static final SerializedString BYTES = new SerializedString("bytes");
    private static final SerializedString RETRANSMISSIONS = new SerializedString("retransmissions");
    private static final SerializedString UP = new SerializedString("up");
    private static final SerializedString DOWN = new SerializedString("down");
    private static final SerializedString HANDSHAKE_RTT_US = new SerializedString("handshakeRttUs");
    private static final SerializedString RESPONSE_TIME_US = new SerializedString("responseTimeUs");
    private static final SerializedString END = new SerializedString("end");
    private static final SerializedString ENDED_BY = new SerializedString("endedBy");
    private static final SerializedString FRONTEND = new SerializedString("frontend");
    private static final SerializedString BACKEND = new SerializedString("backend");
    private static final SerializedString OPEN = new SerializedString("open");
    private static final SerializedString CLOSE = new SerializedString("close");
    private static final SerializedString BYTES_IN = new SerializedString("bytesIn");
    private static final SerializedString BYTES_OUT = new SerializedString("bytesOut");
    private static final SerializedString TERM = new SerializedString("term");
    private static final SerializedString REQUEST_DWELL_US = new SerializedString("requestDwellUs");
    private static final SerializedString RESPONSE_DWELL_US = new SerializedString("responseDwellUs");

    private final JsonGenerator g;
    private final ReportFormatter text = new ReportFormatter();
    /** Scratch for one string value; its characters go to the generator without a String in between. */
    private final StringBuilder sb = new StringBuilder(256);
    private char[] chars = new char[256];
    /** Each hop's filter, kept while the trace is written: the trace's filter is them or-ed. */
    private final StringBuilder traceFilter = new StringBuilder(512);

    private JsonReportWriter(Writer out) throws IOException {
        g = JSON.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        g.setRootValueSeparator(null); // each trace ends with its own newline instead
    }

    public static void write(CorrelationReport report, Writer out) throws IOException {
        JsonReportWriter w = new JsonReportWriter(out);
        for (Trace t : report.traces()) {
            w.trace(t);
        }
        w.g.close();
        out.flush();
    }

    public static void write(Trace t, Writer out) throws IOException {
        JsonReportWriter w = new JsonReportWriter(out);
        w.trace(t);
        w.g.close();
    }

    private void trace(Trace t) throws IOException {
        g.writeStartObject();
        g.writeFieldName(ORIGIN);
        text.endpoint(sb, t.origin());
        string();
        g.writeFieldName(DESTINATION);
        text.endpoint(sb, t.destination());
        string();
        time(START, t.startNanos());
        g.writeFieldName(DURATION_US);
        g.writeNumber(DurationText.micros(t.durationNanos()));
        g.writeFieldName(COMPLETE);
        g.writeBoolean(t.complete());
        g.writeFieldName(FAILED);
        g.writeBoolean(t.failed());
        g.writeFieldName(HOPS);
        g.writeStartArray();
        traceFilter.setLength(0);
        for (Hop h : t.hops()) {
            hop(h);
        }
        g.writeEndArray();
        g.writeFieldName(PROXIES);
        g.writeStartArray();
        for (ProxyDwell d : t.proxies()) {
            proxy(d);
        }
        g.writeEndArray();
        g.writeFieldName(FILTER);
        if (traceFilter.length() == 0) {
            g.writeNull();
        } else {
            sb.append(traceFilter);
            string();
        }
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private void hop(Hop h) throws IOException {
        ConnectionStats c = h.connection();
        g.writeStartObject();
        g.writeFieldName(INDEX);
        g.writeNumber(h.index());
        g.writeFieldName(CLIENT);
        text.endpoint(sb, h.tuple().client());
        string();
        g.writeFieldName(SERVER);
        text.endpoint(sb, h.tuple().server());
        string();
        g.writeFieldName(VIA);
        g.writeStartArray();
        for (SessionRef r : h.via()) {
            g.writeStartObject();
            g.writeFieldName(SOURCE);
            g.writeString(r.source());
            g.writeFieldName(ID);
            g.writeNumber(r.id());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName(CAPTURED);
        g.writeBoolean(c != null);
        if (c != null) {
            g.writeFieldName(INSTANCE);
            g.writeNumber(c.instance());
            time(START, c.firstNanos());
            g.writeFieldName(DURATION_US);
            g.writeNumber(DurationText.micros(c.durationNanos()));
        }
        pair(PACKETS, c == null ? 0 : c.up().packets(), c == null ? 0 : c.down().packets());
        pair(BYTES, c == null ? 0 : c.up().bytes(), c == null ? 0 : c.down().bytes());
        pair(RETRANSMISSIONS, c == null ? 0 : c.up().retransmissions(), c == null ? 0 : c.down().retransmissions());
        micros(HANDSHAKE_RTT_US, c == null ? ConnectionStats.NONE : c.handshakeRttNanos(), ConnectionStats.NONE);
        micros(RESPONSE_TIME_US, c == null ? ConnectionStats.NONE : c.responseTimeNanos(), ConnectionStats.NONE);
        if (c == null) {
            g.writeFieldName(END);
            g.writeNull();
            g.writeFieldName(ENDED_BY);
            g.writeNull();
        } else {
            g.writeFieldName(END);
            g.writeString(c.end().name());
            g.writeFieldName(ENDED_BY);
            if (c.end() == ConnectionEnd.OPEN) {
                g.writeNull();
            } else {
                g.writeString(ReportFormatter.side(c.endedBy()));
            }
        }
        g.writeFieldName(FILTER);
        int from = text.hopFilter(traceFilter, h.tuple());
        if (from >= 0) {
            sb.append(traceFilter, from, traceFilter.length());
            string();
        } else {
            g.writeNull();
        }
        g.writeEndObject();
    }

    private void proxy(ProxyDwell d) throws IOException {
        ProxySession s = d.session();
        g.writeStartObject();
        g.writeFieldName(SOURCE);
        g.writeString(s.source());
        g.writeFieldName(ID);
        g.writeNumber(s.id());
        nullable(FRONTEND, s.frontendName());
        nullable(BACKEND, s.backendName());
        nullable(SERVER, s.serverName());
        time(OPEN, s.openMicros() == SessionEvent.NONE ? -1 : s.openMicros() * 1000);
        time(CLOSE, s.closeMicros() == SessionEvent.NONE ? -1 : s.closeMicros() * 1000);
        if (s.bytesIn() != SessionEvent.NONE) {
            g.writeFieldName(BYTES_IN);
            g.writeNumber(s.bytesIn());
        }
        if (s.bytesOut() != SessionEvent.NONE) {
            g.writeFieldName(BYTES_OUT);
            g.writeNumber(s.bytesOut());
        }
        nullable(TERM, s.term());
        g.writeFieldName(FAILED);
        g.writeBoolean(s.failed());
        micros(REQUEST_DWELL_US, d.requestDwellNanos(), ProxyDwell.UNKNOWN);
        micros(RESPONSE_DWELL_US, d.responseDwellNanos(), ProxyDwell.UNKNOWN);
        g.writeEndObject();
    }

    private void pair(SerializedString name, long up, long down) throws IOException {
        g.writeFieldName(name);
        g.writeStartObject();
        g.writeFieldName(UP);
        g.writeNumber(up);
        g.writeFieldName(DOWN);
        g.writeNumber(down);
        g.writeEndObject();
    }

    private void micros(SerializedString name, long nanos, long unknown) throws IOException {
        g.writeFieldName(name);
        if (nanos == unknown) {
            g.writeNull();
        } else {
            g.writeNumber(DurationText.micros(nanos));
        }
    }

    private void time(SerializedString name, long nanos) throws IOException {
        g.writeFieldName(name);
        if (nanos < 0) {
            g.writeNull();
        } else {
            text.timestamp(sb, nanos / 1000);
            string();
        }
    }

    private void nullable(SerializedString name, String value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    /** Writes the scratch builder as a string value and empties it. */
    private void string() throws IOException {
        int n = sb.length();
        if (n > chars.length) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        sb.getChars(0, n, chars, 0);
        sb.setLength(0);
        g.writeString(chars, 0, n);
    }
}
