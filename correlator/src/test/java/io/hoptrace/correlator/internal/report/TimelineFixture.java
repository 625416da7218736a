package io.hoptrace.correlator.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hoptrace.correlator.ChainScenario;
import io.hoptrace.correlator.CorrelationOptions;
import io.hoptrace.correlator.CorrelationReport;
import io.hoptrace.correlator.Correlator;
import io.hoptrace.correlator.TestPackets;
import io.hoptrace.events.EventRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Reports to draw and the means to read the drawings back: the JDK's DOM parser and class lookups. */
final class TimelineFixture {
    static final String SVG_NS = "http://www.w3.org/2000/svg";

    private TimelineFixture() {
    }

    static CorrelationReport report(List<EventRecord> events, TestPackets packets) throws IOException {
        Correlator c = new Correlator(CorrelationOptions.defaults());
        events.forEach(c::addEvent);
        c.addPacketSource(packets.source("x.pcap"));
        return c.run();
    }

    /** client -> edge -> app -> server, every hop closed with FIN by its client (see {@link ChainScenario}). */
    static CorrelationReport chain() throws IOException {
        ChainScenario s = new ChainScenario();
        return report(s.events(0), s.allHops(new TestPackets(0)));
    }

    /** The same chain, but the server resets hop 2 at 25 ms instead of a FIN exchange. */
    static CorrelationReport chainWithServerReset() throws IOException {
        ChainScenario s = new ChainScenario();
        TestPackets t = new TestPackets(0);
        s.hop(t, 0);
        s.hop(t, 1);
        t.conversation(s.appBackend(), ChainScenario.SERVER).handshake(2, 0.2).request(11.25, 300)
                .response(20, 1000).rst(25, false);
        return report(s.events(0), t);
    }

    /** {@code n} chains, 100 ms apart, on their own ports and session ids. */
    static CorrelationReport chains(int n) throws IOException {
        List<EventRecord> events = new ArrayList<>();
        TestPackets t = new TestPackets(0);
        for (int i = 0; i < n; i++) {
            ChainScenario s = new ChainScenario(i * 100.0, 40_000 + i, i + 1, 1000 + i);
            events.addAll(s.events(0));
            s.allHops(t);
        }
        events.sort((a, b) -> Long.compare(a.tsMicros(), b.tsMicros()));
        return report(events, t);
    }

    static String svg(CorrelationReport r) throws IOException {
        StringWriter w = new StringWriter();
        TimelineSvgWriter.writeSvg(r, w);
        return w.toString();
    }

    static String html(CorrelationReport r) throws IOException {
        StringWriter w = new StringWriter();
        TimelineSvgWriter.writeHtml(r, w);
        return w.toString();
    }

    /** Parses XML (the SVG, or the HTML page, which is well-formed XML too) with the JDK's DOM parser. */
    static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    static boolean hasClass(Element e, String cls) {
        return Arrays.asList(e.getAttribute("class").split("\\s+")).contains(cls);
    }

    /** Every element under {@code root} (itself included) with the class token {@code cls}, in document order. */
    static List<Element> byClass(Node root, String cls) {
        List<Element> out = new ArrayList<>();
        collect(root, cls, out);
        return out;
    }

    static Element only(Node root, String cls) {
        List<Element> found = byClass(root, cls);
        assertEquals(1, found.size(), "elements of class " + cls);
        return found.get(0);
    }

    /** The SVG elements named {@code name} under {@code root}. */
    static List<Element> svgElements(Node root, String name) {
        List<Element> out = new ArrayList<>();
        NodeList all = root instanceof Document d ? d.getElementsByTagNameNS(SVG_NS, name)
                : ((Element) root).getElementsByTagNameNS(SVG_NS, name);
        for (int i = 0; i < all.getLength(); i++) {
            out.add((Element) all.item(i));
        }
        return out;
    }

    /** All text content under {@code root}, text elements separated by a newline. */
    static String texts(Node root) {
        StringBuilder sb = new StringBuilder();
        for (Element e : svgElements(root, "text")) {
            sb.append(e.getTextContent()).append('\n');
        }
        return sb.toString();
    }

    private static void collect(Node n, String cls, List<Element> out) {
        if (n instanceof Element e && hasClass(e, cls)) {
            out.add(e);
        }
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            collect(c, cls, out);
        }
    }
}
