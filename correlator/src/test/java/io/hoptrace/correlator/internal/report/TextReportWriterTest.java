package io.hoptrace.correlator.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.correlator.ChainScenario;
import io.hoptrace.correlator.CorrelationOptions;
import io.hoptrace.correlator.CorrelationReport;
import io.hoptrace.correlator.Correlator;
import io.hoptrace.correlator.FollowFilter;
import io.hoptrace.correlator.InputDamage;
import io.hoptrace.correlator.TestEvents;
import io.hoptrace.correlator.TestPackets;
import io.hoptrace.events.EventRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextReportWriterTest {
    private static String text(Correlator c) throws IOException {
        CorrelationReport r = c.run();
        StringWriter w = new StringWriter();
        TextReportWriter.write(r, w);
        return w.toString();
    }

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), "expected <" + part + "> in:\n" + text);
    }

    @Test
    void showsEveryHopWithCountsHandshakeEndAndFilter() throws IOException {
        ChainScenario s = new ChainScenario();
        Correlator c = new Correlator(CorrelationOptions.defaults());
        s.events(0).forEach(c::addEvent);
        c.addPacketSource(s.allHops(new TestPackets(0)).source("x.pcap"));
        String text = text(c);
        assertContains(text, "trace 1 of 1: 10.0.0.5:50000 -> 10.0.0.20:8080 via edge#1, app#7");
        assertContains(text, "2026-01-01T00:00:00.000000Z, lasted 31.200 ms, 3 hops, all captured");
        assertContains(text, "hop 0  10.0.0.5:50000 -> 10.0.0.10:443   client -> edge#1");
        assertContains(text, "hop 1  10.0.0.10:51000 -> 10.0.0.11:8443   edge#1 -> app#7");
        assertContains(text, "hop 2  10.0.0.11:52000 -> 10.0.0.20:8080   app#7 -> server");
        assertContains(text, "packets 5 up / 3 down, bytes 300 up / 1000 down, handshake 400 us");
        assertContains(text, "ended FIN by client");
        assertContains(text, "edge#1 (fe -> be/s1): request dwell 500 us, response dwell 400 us");
        assertContains(text, "app#7 (fe -> be/s1): request dwell 750 us, response dwell 200 us");
        assertContains(text, "filter (ip.addr==10.0.0.5 && tcp.port==50000 && ip.addr==10.0.0.10 && tcp.port==443)");
        assertContains(text, "trace filter: (ip.addr==10.0.0.5");
        assertContains(text, "summary\n  traces: 1, 1 with every hop captured");
    }

    @Test
    void summaryListsUnexplainedFlowsUncapturedSessionsAndDamage() throws IOException {
        ChainScenario s = new ChainScenario();
        TestPackets packets = s.allHops(new TestPackets(0));
        packets.conversation("10.0.0.99:40000", "10.0.0.10:22").handshake(5, 1).rst(6, false);
        List<EventRecord> events = new ArrayList<>(s.events(0));
        events.add(TestEvents.open("edge", 2, "10.0.0.77:1234", "10.0.0.10:443", "10.0.0.10:7777",
                "10.0.0.20:8080", 50));
        Correlator c = new Correlator(CorrelationOptions.defaults());
        events.forEach(c::addEvent);
        c.addPacketSource(packets.source("x.pcap"));
        c.addDamage(new InputDamage("bad.pcap", "bad.pcap: byte offset 4096: record length 99999 is too long"));
        String text = text(c);
        assertContains(text, "unexplained flows (captured connections no session explains): 1\n"
                + "  10.0.0.99:40000 -> 10.0.0.10:22");
        assertContains(text, "ended RST by server");
        assertContains(text, "uncaptured sessions (no capture saw their connections): 1\n"
                + "  edge#2  10.0.0.77:1234 -> 10.0.0.10:443 | 10.0.0.10:7777 -> 10.0.0.20:8080  opened 2026-01-01T00:00:00.050000Z");
        assertContains(text, "damaged inputs (what was read before the damage is reported above):\n"
                + "  bad.pcap: byte offset 4096: record length 99999 is too long");
        assertContains(text, "sessions: 3 (0 failed, 1 without captured packets)");
    }

    @Test
    void uncapturedHopSaysSo() throws IOException {
        ChainScenario s = new ChainScenario();
        TestPackets packets = new TestPackets(0);
        s.hop(packets, 0);
        Correlator c = new Correlator(CorrelationOptions.defaults());
        s.events(0).forEach(c::addEvent);
        c.addPacketSource(packets.source("x.pcap"));
        String text = text(c);
        assertContains(text, "3 hops, 1 of 3 captured");
        assertContains(text, "hop 2  10.0.0.11:52000 -> 10.0.0.20:8080   app#7 -> server\n         not captured");
        assertContains(text, "request dwell ?, response dwell ?");
    }
    @Test
    void aTraceWrittenAloneIsNumberedWithoutATotalWhenNoneIsGiven() throws IOException {
        ChainScenario s = new ChainScenario();
        Correlator c = new Correlator(CorrelationOptions.defaults());
        s.events(0).forEach(c::addEvent);
        c.addPacketSource(s.allHops(new TestPackets(0)).source("x.pcap"));
        CorrelationReport r = c.run();
        StringWriter alone = new StringWriter();
        TextReportWriter.writeTrace(r.traces().get(0), 7, 0, alone);
        assertTrue(alone.toString().startsWith("trace 7: 10.0.0.5:50000 -> 10.0.0.20:8080 via edge#1, app#7\n"),
                alone.toString());
        StringWriter whole = new StringWriter();
        TextReportWriter.write(r, whole);
        StringWriter parts = new StringWriter();
        TextReportWriter.writeTrace(r.traces().get(0), 1, 1, parts);
        TextReportWriter.writeSummary(r, r.traces().size(), parts);
        assertEquals(whole.toString(), parts.toString());
    }

    @Test
    void theSummarySaysHowManyTracesWereShownForTheFollowFilter() throws IOException {
        ChainScenario s = new ChainScenario();
        Correlator c = new Correlator(CorrelationOptions.defaults().withFollow(FollowFilter.parse("edge:1")));
        s.events(0).forEach(c::addEvent);
        c.addPacketSource(s.allHops(new TestPackets(0)).source("x.pcap"));
        StringWriter w = new StringWriter();
        TextReportWriter.writeSummary(c.run(), 42, w);
        assertContains(w.toString(), "summary\n  traces: 1 (42 shown for --follow edge:1)");
    }
}
