package io.hoptrace.correlator.internal.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.hoptrace.correlator.ConnectionEnd;
import io.hoptrace.correlator.ConnectionStats;
import io.hoptrace.correlator.CorrelationReport;
import io.hoptrace.correlator.Hop;
import io.hoptrace.correlator.ProxyDwell;
import io.hoptrace.correlator.ProxySession;
import io.hoptrace.correlator.SessionRef;
import io.hoptrace.correlator.Trace;
import io.hoptrace.events.SessionEvent;
import io.hoptrace.events.Timestamps;
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

    private JsonReportWriter() {
    }

    public static void write(CorrelationReport report, Writer out) throws IOException {
        for (Trace t : report.traces()) {
            write(t, out);
        }
        out.flush();
    }

    public static void write(Trace t, Writer out) throws IOException {
        JsonGenerator g = JSON.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        g.writeStartObject();
        g.writeStringField("origin", t.origin().toString());
        g.writeStringField("destination", t.destination().toString());
        time(g, "start", t.startNanos());
        g.writeNumberField("durationUs", DurationText.micros(t.durationNanos()));
        g.writeBooleanField("complete", t.complete());
        g.writeBooleanField("failed", t.failed());
        g.writeArrayFieldStart("hops");
        for (Hop h : t.hops()) {
            hop(g, h);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("proxies");
        for (ProxyDwell d : t.proxies()) {
            proxy(g, d);
        }
        g.writeEndArray();
        nullable(g, "filter", WiresharkFilter.of(t));
        g.writeEndObject();
        g.close();
        out.write('\n');
    }

    private static void hop(JsonGenerator g, Hop h) throws IOException {
        ConnectionStats c = h.connection();
        g.writeStartObject();
        g.writeNumberField("index", h.index());
        g.writeStringField("client", h.tuple().client().toString());
        g.writeStringField("server", h.tuple().server().toString());
        g.writeArrayFieldStart("via");
        for (SessionRef r : h.via()) {
            g.writeStartObject();
            g.writeStringField("source", r.source());
            g.writeNumberField("id", r.id());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeBooleanField("captured", c != null);
        if (c != null) {
            g.writeNumberField("instance", c.instance());
            time(g, "start", c.firstNanos());
            g.writeNumberField("durationUs", DurationText.micros(c.durationNanos()));
        }
        pair(g, "packets", c == null ? 0 : c.up().packets(), c == null ? 0 : c.down().packets());
        pair(g, "bytes", c == null ? 0 : c.up().bytes(), c == null ? 0 : c.down().bytes());
        pair(g, "retransmissions", c == null ? 0 : c.up().retransmissions(),
                c == null ? 0 : c.down().retransmissions());
        micros(g, "handshakeRttUs", c == null ? ConnectionStats.NONE : c.handshakeRttNanos(), ConnectionStats.NONE);
        micros(g, "responseTimeUs", c == null ? ConnectionStats.NONE : c.responseTimeNanos(), ConnectionStats.NONE);
        if (c == null) {
            g.writeNullField("end");
            g.writeNullField("endedBy");
        } else {
            g.writeStringField("end", c.end().name());
            if (c.end() == ConnectionEnd.OPEN) {
                g.writeNullField("endedBy");
            } else {
                g.writeStringField("endedBy", c.endedBy().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        nullable(g, "filter", WiresharkFilter.of(h.tuple()));
        g.writeEndObject();
    }

    private static void proxy(JsonGenerator g, ProxyDwell d) throws IOException {
        ProxySession s = d.session();
        g.writeStartObject();
        g.writeStringField("source", s.source());
        g.writeNumberField("id", s.id());
        nullable(g, "frontend", s.frontendName());
        nullable(g, "backend", s.backendName());
        nullable(g, "server", s.serverName());
        time(g, "open", s.openMicros() == SessionEvent.NONE ? -1 : s.openMicros() * 1000);
        time(g, "close", s.closeMicros() == SessionEvent.NONE ? -1 : s.closeMicros() * 1000);
        if (s.bytesIn() != SessionEvent.NONE) {
            g.writeNumberField("bytesIn", s.bytesIn());
        }
        if (s.bytesOut() != SessionEvent.NONE) {
            g.writeNumberField("bytesOut", s.bytesOut());
        }
        nullable(g, "term", s.term());
        g.writeBooleanField("failed", s.failed());
        micros(g, "requestDwellUs", d.requestDwellNanos(), ProxyDwell.UNKNOWN);
        micros(g, "responseDwellUs", d.responseDwellNanos(), ProxyDwell.UNKNOWN);
        g.writeEndObject();
    }

    private static void pair(JsonGenerator g, String name, long up, long down) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("up", up);
        g.writeNumberField("down", down);
        g.writeEndObject();
    }

    private static void micros(JsonGenerator g, String name, long nanos, long unknown) throws IOException {
        if (nanos == unknown) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, DurationText.micros(nanos));
        }
    }

    private static void time(JsonGenerator g, String name, long nanos) throws IOException {
        if (nanos < 0) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, Timestamps.formatMicros(nanos / 1000));
        }
    }

    private static void nullable(JsonGenerator g, String name, String value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value);
        }
    }
}
