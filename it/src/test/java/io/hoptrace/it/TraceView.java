package io.hoptrace.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.hoptrace.correlator.ConnectionStats;
import io.hoptrace.correlator.Hop;
import io.hoptrace.correlator.ProxyDwell;
import io.hoptrace.correlator.Trace;
import io.hoptrace.events.Endpoint;
import io.hoptrace.events.FourTuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a test checks of a trace, read either from the correlator's {@link Trace} or from a line of
 * {@code hoptrace correlate --format json}, so that both are held to the same expectations.
 */
record TraceView(List<HopView> hops, List<String> sources, List<String> terms) {
    /** One hop: its tuple (initiator first), how the capture saw it, and how it ended ({@code end} FIN/RST/OPEN). */
    record HopView(FourTuple tuple, boolean captured, int instance, long upPackets, long downPackets, long upBytes,
                   long downBytes, String end, String endedBy) {
    }

    static TraceView of(Trace t) {
        List<HopView> hops = new ArrayList<>();
        for (Hop h : t.hops()) {
            ConnectionStats c = h.connection();
            hops.add(c == null ? new HopView(h.tuple(), false, -1, 0, 0, 0, 0, null, null)
                    : new HopView(h.tuple(), true, c.instance(), c.up().packets(), c.down().packets(),
                            c.up().bytes(), c.down().bytes(), c.end().name(),
                            c.endedBy().name().toLowerCase(Locale.ROOT)));
        }
        List<String> sources = new ArrayList<>();
        List<String> terms = new ArrayList<>();
        for (ProxyDwell d : t.proxies()) {
            sources.add(d.session().source());
            terms.add(d.session().term());
        }
        return new TraceView(hops, sources, terms);
    }

    /** One line of {@code --format json} (the shape documented in the correlator's JsonReportWriter). */
    static TraceView of(JsonNode t) {
        List<HopView> hops = new ArrayList<>();
        for (JsonNode h : t.get("hops")) {
            FourTuple tuple = new FourTuple(Endpoint.parse(h.get("client").asText()),
                    Endpoint.parse(h.get("server").asText()));
            boolean captured = h.get("captured").asBoolean();
            hops.add(new HopView(tuple, captured, captured ? h.get("instance").asInt() : -1,
                    h.get("packets").get("up").asLong(), h.get("packets").get("down").asLong(),
                    h.get("bytes").get("up").asLong(), h.get("bytes").get("down").asLong(),
                    text(h.get("end")), text(h.get("endedBy"))));
        }
        List<String> sources = new ArrayList<>();
        List<String> terms = new ArrayList<>();
        for (JsonNode p : t.get("proxies")) {
            sources.add(p.get("source").asText());
            terms.add(text(p.get("term")));
        }
        return new TraceView(hops, sources, terms);
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    HopView last() {
        return hops.get(hops.size() - 1);
    }
}
