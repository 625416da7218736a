package io.hoptrace.correlator.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hoptrace.correlator.ChainScenario;
import io.hoptrace.correlator.CorrelationOptions;
import io.hoptrace.correlator.CorrelationReport;
import io.hoptrace.correlator.Correlator;
import io.hoptrace.correlator.TestPackets;
import io.hoptrace.events.EventRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReportWriterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static List<JsonNode> json(List<EventRecord> events, TestPackets packets) throws IOException {
        Correlator c = new Correlator(CorrelationOptions.defaults());
        events.forEach(c::addEvent);
        c.addPacketSource(packets.source("x.pcap"));
        CorrelationReport r = c.run();
        StringWriter w = new StringWriter();
        JsonReportWriter.write(r, w);
        return w.toString().lines().map(l -> {
            try {
                return MAPPER.readTree(l);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + l, e);
            }
        }).toList();
    }

    @Test
    void writesOneTraceObjectPerLineInTheDocumentedShape() throws IOException {
        ChainScenario s = new ChainScenario();
        List<JsonNode> lines = json(s.events(0), s.allHops(new TestPackets(0)));
        assertEquals(1, lines.size());
        JsonNode t = lines.get(0);
        assertEquals(s.client(), t.get("origin").asText());
        assertEquals(ChainScenario.SERVER, t.get("destination").asText());
        assertEquals(31_200, t.get("durationUs").asLong());
        assertEquals(3, t.get("hops").size());
        JsonNode hop0 = t.get("hops").get(0);
        assertEquals(0, hop0.get("index").asInt());
        assertEquals(s.client(), hop0.get("client").asText());
        assertEquals(ChainScenario.EDGE_FE, hop0.get("server").asText());
        assertEquals("edge", hop0.get("via").get(0).get("source").asText());
        assertEquals(1, hop0.get("via").get(0).get("id").asLong());
        assertTrue(hop0.get("captured").asBoolean());
        assertEquals(5, hop0.get("packets").get("up").asLong());
        assertEquals(3, hop0.get("packets").get("down").asLong());
        assertEquals(300, hop0.get("bytes").get("up").asLong());
        assertEquals(1000, hop0.get("bytes").get("down").asLong());
        assertEquals(400, hop0.get("handshakeRttUs").asLong());
        assertEquals("FIN", hop0.get("end").asText());
        assertEquals("client", hop0.get("endedBy").asText());
        assertEquals("(ip.addr==10.0.0.5 && tcp.port==50000 && ip.addr==10.0.0.10 && tcp.port==443)",
                hop0.get("filter").asText());
        assertEquals(2, t.get("hops").get(1).get("via").size());
        JsonNode edge = t.get("proxies").get(0);
        assertEquals("edge", edge.get("source").asText());
        assertEquals(1, edge.get("id").asLong());
        assertEquals(500, edge.get("requestDwellUs").asLong());
        assertEquals(400, edge.get("responseDwellUs").asLong());
        assertEquals(750, t.get("proxies").get(1).get("requestDwellUs").asLong());
        assertTrue(t.get("filter").asText().contains(" || "));
    }

    @Test
    void uncapturedHopHasNullsAndZeroCounts() throws IOException {
        ChainScenario s = new ChainScenario();
        TestPackets packets = new TestPackets(0);
        s.hop(packets, 0);
        JsonNode t = json(s.events(0), packets).get(0);
        JsonNode hop2 = t.get("hops").get(2);
        assertFalse(hop2.get("captured").asBoolean());
        assertEquals(0, hop2.get("packets").get("up").asLong());
        assertTrue(hop2.get("handshakeRttUs").isNull());
        assertTrue(hop2.get("end").isNull());
        assertTrue(t.get("proxies").get(0).get("requestDwellUs").isNull());
        assertFalse(t.get("complete").asBoolean());
    }

    @Test
    void ipv6HopsGetIpv6Filters() throws IOException {
        TestPackets packets = new TestPackets(0);
        packets.conversation("[2001:db8::5]:50000", "[2001:db8::10]:443").handshake(0, 1);
        JsonNode t = json(List.of(io.hoptrace.correlator.TestEvents.open("edge", 1, "[2001:db8::5]:50000",
                "[2001:db8::10]:443", "[2001:db8::10]:40000", "[2001:db8::20]:80", 1.5)), packets).get(0);
        assertEquals("[2001:db8::5]:50000", t.get("origin").asText());
        assertEquals("(ipv6.addr==2001:db8::5 && tcp.port==50000 && ipv6.addr==2001:db8::10 && tcp.port==443)",
                t.get("hops").get(0).get("filter").asText());
    }
}
