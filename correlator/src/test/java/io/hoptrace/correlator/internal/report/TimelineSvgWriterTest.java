package io.hoptrace.correlator.internal.report;

import static io.hoptrace.correlator.internal.report.TimelineFixture.byClass;
import static io.hoptrace.correlator.internal.report.TimelineFixture.only;
import static io.hoptrace.correlator.internal.report.TimelineFixture.parse;
import static io.hoptrace.correlator.internal.report.TimelineFixture.svgElements;
import static io.hoptrace.correlator.internal.report.TimelineFixture.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.correlator.ChainScenario;
import io.hoptrace.correlator.CorrelationReport;
import io.hoptrace.correlator.TestEvents;
import io.hoptrace.correlator.TestPackets;
import io.hoptrace.events.Endpoint;
import io.hoptrace.events.EventRecord;
import io.hoptrace.events.SessionEvent;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class TimelineSvgWriterTest {
    private static List<String> attributes(List<Element> elements, String name) {
        return elements.stream().map(e -> e.getAttribute(name)).toList();
    }

    private static Element lane(Document d, int hop) {
        return byClass(d, "lane").stream().filter(e -> e.getAttribute("data-hop").equals(Integer.toString(hop)))
                .findFirst().orElseThrow(() -> new AssertionError("no lane for hop " + hop));
    }

    @Test
    void svgParsesAsXmlWithAnSvgRoot() throws IOException {
        Document d = parse(TimelineFixture.svg(TimelineFixture.chain()));
        assertEquals("svg", d.getDocumentElement().getLocalName());
        assertEquals(TimelineFixture.SVG_NS, d.getDocumentElement().getNamespaceURI());
        assertTrue(Double.parseDouble(d.getDocumentElement().getAttribute("height")) > 0);
    }

    @Test
    void drawsOneLanePerHopInChainOrder() throws IOException {
        Document d = parse(TimelineFixture.svg(TimelineFixture.chain()));
        List<Element> lanes = byClass(d, "lane");
        assertEquals(List.of("0", "1", "2"), attributes(lanes, "data-hop"));
        assertEquals("3", only(d, "trace").getAttribute("data-hops"));
        String text = texts(lanes.get(1));
        assertTrue(text.contains("edge#1 → app#7"), text);
        assertTrue(text.contains("10.0.0.10:51000"), text);
        assertTrue(text.contains("→ " + ChainScenario.APP_FE), text);
    }

    @Test
    void marksHandshakeDataAndFinOfBothSidesOnEveryLane() throws IOException {
        Document d = parse(TimelineFixture.svg(TimelineFixture.chain()));
        for (Element lane : byClass(d, "lane")) {
            assertEquals(1, byClass(lane, "handshake").size(), "handshake");
            assertEquals(1, byClass(lane, "data-up").size(), "data up");
            assertEquals(1, byClass(lane, "data-down").size(), "data down");
            assertEquals(List.of("client", "server"), attributes(byClass(lane, "fin"), "data-side"));
            assertEquals(List.of(), byClass(lane, "rst"));
            assertEquals(List.of(), byClass(lane, "open"));
        }
    }

    @Test
    void resetIsMarkedOnTheHopWhoseServerReset() throws IOException {
        Document d = parse(TimelineFixture.svg(TimelineFixture.chainWithServerReset()));
        assertEquals(List.of(), byClass(lane(d, 0), "rst"));
        assertEquals(List.of(), byClass(lane(d, 1), "rst"));
        Element rst = only(lane(d, 2), "rst");
        assertEquals("server", rst.getAttribute("data-side"));
        assertEquals(1, byClass(rst, "rst-line").size());
        assertTrue(texts(rst).contains("RST by server"), texts(rst));
        assertTrue(texts(d).contains("reset by the server on hop 2"), texts(d));
    }

    @Test
    void shadesRequestAndResponseDwellOfEveryProxy() throws IOException {
        Document d = parse(TimelineFixture.svg(TimelineFixture.chain()));
        List<Element> dwells = byClass(d, "dwell");
        assertEquals(List.of("edge#1", "app#7"), attributes(dwells, "data-proxy"));
        for (Element dwell : dwells) {
            assertEquals(1, byClass(dwell, "dwell-request").size(), "request shading");
            assertEquals(1, byClass(dwell, "dwell-response").size(), "response shading");
        }
        String edge = texts(dwells.get(0));
        assertTrue(edge.contains("request dwell 500 µs"), edge);
        assertTrue(edge.contains("response dwell 400 µs"), edge);
    }

    @Test
    void dwellShadingSpansFromDataInToDataOut() throws IOException {
        Document d = parse(TimelineFixture.svg(TimelineFixture.chain()));
        Element hop0Up = svgElements(only(lane(d, 0), "data-up"), "rect").get(0);
        Element hop1Up = svgElements(only(lane(d, 1), "data-up"), "rect").get(0);
        Element shade = only(byClass(d, "dwell").get(0), "dwell-request");
        double x = Double.parseDouble(shade.getAttribute("x"));
        double w = Double.parseDouble(shade.getAttribute("width"));
        assertEquals(Double.parseDouble(hop0Up.getAttribute("x")), x, 0.1);
        assertEquals(Double.parseDouble(hop1Up.getAttribute("x")), x + w, 0.1);
    }

    @Test
    void stillOpenConnectionGetsAnOpenMark() throws IOException {
        ChainScenario s = new ChainScenario();
        TestPackets t = new TestPackets(0);
        t.conversation(s.client(), ChainScenario.EDGE_FE).handshake(0, 0.4).request(10, 300);
        s.hop(t, 1);
        s.hop(t, 2);
        Document d = parse(TimelineFixture.svg(TimelineFixture.report(s.events(0), t)));
        assertEquals(1, byClass(lane(d, 0), "open").size());
        assertEquals(List.of(), byClass(lane(d, 0), "fin"));
        assertEquals(List.of(), byClass(lane(d, 1), "open"));
    }

    @Test
    void uncapturedHopIsADashedLaneSayingSo() throws IOException {
        ChainScenario s = new ChainScenario();
        TestPackets t = new TestPackets(0);
        s.hop(t, 0);
        s.hop(t, 2);
        Document d = parse(TimelineFixture.svg(TimelineFixture.report(s.events(0), t)));
        Element hop1 = lane(d, 1);
        assertEquals("false", hop1.getAttribute("data-captured"));
        assertEquals(1, byClass(hop1, "uncaptured").size());
        assertTrue(texts(hop1).contains("not captured"), texts(hop1));
        assertEquals(3, byClass(d, "lane").size());
        assertEquals(List.of(), byClass(byClass(d, "dwell").get(0), "dwell-request"), "no dwell without hop 1");
    }

    @Test
    void failedSessionGetsItsGapWithTheReason() throws IOException {
        ChainScenario s = new ChainScenario();
        TestPackets t = new TestPackets(0);
        s.hop(t, 0);
        List<EventRecord> events = List.of(TestEvents.failed("edge", 1, s.client(), ChainScenario.EDGE_FE, 5));
        Document d = parse(TimelineFixture.svg(TimelineFixture.report(events, t)));
        assertEquals(1, byClass(d, "lane").size());
        Element gap = only(d, "dwell");
        assertTrue(texts(gap).contains("failed before reaching a server (connect-refused)"), texts(gap));
    }

    @Test
    void escapesOddProxyAndFrontendNames() throws IOException {
        String source = "a<b&\"c'\u0001>";
        ChainScenario s = new ChainScenario();
        long ts = TestPackets.micros(1.5);
        SessionEvent.Open open = new SessionEvent.Open(1, Endpoint.parse(s.client()),
                Endpoint.parse(ChainScenario.EDGE_FE), Endpoint.parse(s.edgeBackend()),
                Endpoint.parse(ChainScenario.APP_FE), ts, "<fe>&\"x\"", "be'", "s1", null, null);
        List<EventRecord> events = List.of(new EventRecord(source, ts, open),
                TestEvents.close(source, 1, 31));
        TestPackets t = new TestPackets(0);
        s.hop(t, 0);
        s.hop(t, 1);
        String svg = TimelineFixture.svg(TimelineFixture.report(events, t));
        assertFalse(svg.contains("\u0001"), "a control character XML 1.0 does not allow");
        Document d = parse(svg);
        String expectedRef = "a<b&\"c'\ufffd>#1";
        assertEquals(expectedRef, only(d, "dwell").getAttribute("data-proxy"));
        String text = texts(d);
        assertTrue(text.contains(expectedRef + "  <fe>&\"x\" → be'/s1"), text);
    }

    @Test
    void htmlPageWrapsTheSameSvg() throws IOException {
        CorrelationReport r = TimelineFixture.chain();
        String html = TimelineFixture.html(r);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, 40));
        Document d = parse(html);
        assertEquals("html", d.getDocumentElement().getLocalName());
        List<Element> svgs = svgElements(d, "svg");
        assertEquals(1, svgs.size());
        assertEquals(3, byClass(svgs.get(0), "lane").size());
        String svg = TimelineFixture.svg(r);
        assertTrue(html.contains(svg.substring(svg.indexOf("<svg"))), "the same SVG inline");
    }

    @Test
    void sameReportGivesSameBytes() throws IOException {
        assertEquals(TimelineFixture.svg(TimelineFixture.chainWithServerReset()),
                TimelineFixture.svg(TimelineFixture.chainWithServerReset()));
    }

    @Test
    void drawsAtMostTheFirstTwentyTracesAndSaysSo() throws IOException {
        Document d = parse(TimelineFixture.svg(TimelineFixture.chains(TimelineSvgWriter.MAX_TRACES + 3)));
        List<Element> traces = byClass(d, "trace");
        assertEquals(TimelineSvgWriter.MAX_TRACES, traces.size());
        assertEquals(TimelineSvgWriter.MAX_TRACES * 3, byClass(d, "lane").size());
        assertEquals("1", traces.get(0).getAttribute("data-trace"));
        Element capped = only(d, "capped");
        assertEquals("23", capped.getAttribute("data-traces"));
        assertTrue(texts(capped).contains("3 more traces not drawn"), texts(capped));
        assertTrue(texts(d).contains("23 traces, the first 20 drawn"), texts(d));
    }

    @Test
    void fewTracesAreNotCapped() throws IOException {
        Document d = parse(TimelineFixture.svg(TimelineFixture.chains(2)));
        assertEquals(2, byClass(d, "trace").size());
        assertEquals(List.of(), byClass(d, "capped"));
    }

    @Test
    void reportWithoutTracesIsStillAPicture() throws IOException {
        Document d = parse(TimelineFixture.svg(TimelineFixture.report(List.of(), new TestPackets(0))));
        assertEquals(List.of(), byClass(d, "lane"));
        assertTrue(texts(d).contains("no trace to draw"), texts(d));
    }

    @Test
    void legendNamesEveryKindOfMark() throws IOException {
        Document d = parse(TimelineFixture.svg(TimelineFixture.chain()));
        String legend = texts(only(d, "legend"));
        for (String kind : List.of("handshake", "data client → server", "data server → client", "FIN", "RST",
                "still open", "request dwell", "response dwell")) {
            assertTrue(legend.contains(kind), kind + " in " + legend);
        }
    }

    @Test
    void isSelfContained() throws IOException {
        String svg = TimelineFixture.svg(TimelineFixture.chain());
        assertFalse(svg.contains("<script"), "no scripts");
        assertFalse(svg.contains("href"), "no links to other files");
        assertFalse(svg.contains("@import") || svg.contains("url("), "no external fonts or images");
        assertEquals(1, svgElements(parse(svg), "style").size(), "one inline style sheet");
    }
}
