package io.hoptrace.correlator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.correlator.internal.capture.PcapLibraryLocator;
import io.hoptrace.events.EventLineFormatter;
import io.hoptrace.events.EventRecord;
import io.hoptrace.events.EventRecordCodec;
import io.hoptrace.events.FourTuple;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.Pcaps;

class CorrelatorTest {
    @TempDir
    Path tmp;

    private static CorrelationReport correlate(CorrelationOptions options, List<EventRecord> events,
                                               PacketSource... sources) throws IOException {
        Correlator c = new Correlator(options);
        events.forEach(c::addEvent);
        for (PacketSource s : sources) {
            c.addPacketSource(s);
        }
        return c.run();
    }

    private static CorrelationReport correlate(List<EventRecord> events, PacketSource... sources)
            throws IOException {
        return correlate(CorrelationOptions.defaults(), events, sources);
    }

    @Test
    void twoProxiesMakeOneTraceOfThreeHops() throws IOException {
        ChainScenario s = new ChainScenario();
        CorrelationReport r = correlate(s.events(0), s.allHops(new TestPackets(0)).source("all.pcap"));
        assertEquals(1, r.traces().size());
        Trace t = r.traces().get(0);
        assertEquals(3, t.hops().size());
        assertEquals(s.client(), t.origin().toString());
        assertEquals(ChainScenario.SERVER, t.destination().toString());
        assertEquals(500_000, t.proxies().get(0).requestDwellNanos());
        assertEquals(200_000, t.proxies().get(1).responseDwellNanos());
        assertEquals(TestPackets.nanos(0), t.startNanos());
        assertEquals(TestPackets.nanos(31.2) - TestPackets.nanos(0), t.durationNanos());
        assertEquals(0, r.unexplainedFlows().size());
        assertEquals(0, r.uncapturedSessions().size());
        CorrelationCounts c = r.counts();
        assertEquals(3, c.connections());
        assertEquals(2, c.sessions());
        assertEquals(1, c.completeTraces());
        assertFalse(r.damaged());
    }

    @Test
    void sessionWithoutPacketsAndFlowWithoutSessionAreInTheSummary() throws IOException {
        ChainScenario s = new ChainScenario();
        TestPackets packets = s.allHops(new TestPackets(0));
        packets.conversation("10.0.0.99:40000", "10.0.0.10:22").handshake(5, 1).rst(6, false);
        List<EventRecord> events = new ArrayList<>(s.events(0));
        events.add(TestEvents.open("edge", 2, "10.0.0.77:1234", "10.0.0.10:443", "10.0.0.10:7777", "10.0.0.20:8080",
                50));
        CorrelationReport r = correlate(events, packets.source("all.pcap"));
        assertEquals(2, r.traces().size());
        assertEquals(1, r.unexplainedFlows().size());
        assertEquals(FourTuple.parse("10.0.0.99:40000", "10.0.0.10:22"), r.unexplainedFlows().get(0).tuple());
        assertEquals(1, r.uncapturedSessions().size());
        assertEquals(new SessionRef("edge", 2), r.uncapturedSessions().get(0).ref());
        assertEquals(1, r.counts().unexplainedConnections());
        assertEquals(1, r.counts().uncapturedSessions());
    }

    @Test
    void twoCapturePointsMergeIntoTheSameTraces() throws IOException {
        ChainScenario s = new ChainScenario();
        CorrelationReport single = correlate(s.events(0), s.allHops(new TestPackets(0)).source("all.pcap"));

        // Capture point 0 sees hops 0 and 1; point 1 sees hops 1 and 2, 40 us later. Hop 1 is seen twice.
        TestPackets first = new TestPackets(0);
        s.hop(first, 0);
        TestPackets hop1 = new TestPackets(0);
        s.hop(hop1, 1);
        hop1.packets().forEach(first::add);
        TestPackets second = new TestPackets(1);
        s.hop(second, 2);
        for (TestPacket p : hop1.packets()) {
            second.add(p.seenAt(1, 40_000));
        }
        CorrelationReport merged = correlate(s.events(0), first.source("a.pcap"), second.source("b.pcap"));

        assertEquals(1, merged.traces().size());
        Trace a = single.traces().get(0);
        Trace b = merged.traces().get(0);
        for (int h = 0; h < 3; h++) {
            ConnectionStats x = a.hops().get(h).connection();
            ConnectionStats y = b.hops().get(h).connection();
            assertEquals(x.up(), y.up(), "hop " + h + " up");
            assertEquals(x.down(), y.down(), "hop " + h + " down");
        }
        assertEquals(hop1.packets().size(), merged.counts().duplicatePackets());
        assertEquals(single.counts().tcpPackets(), merged.counts().tcpPackets());
        assertEquals(0b11, b.hops().get(1).connection().captureMask());
        assertEquals(0b10, b.hops().get(2).connection().captureMask());
    }

    @Test
    void sameClientPortUsedTwiceGivesTwoTraces() throws IOException {
        ChainScenario first = new ChainScenario(0, 50_000, 1, 7);
        ChainScenario second = new ChainScenario(100, 50_000, 2, 8);
        TestPackets t = ChainScenario.packetsOf(first, second);
        List<EventRecord> events = ChainScenario.eventsOf(0, first, second);
        CorrelationReport r = correlate(events, t.source("reuse.pcap"));
        assertEquals(2, r.traces().size());
        assertEquals(6, r.counts().connections());
        assertEquals(0, r.traces().get(0).hops().get(0).connection().instance());
        assertEquals(1, r.traces().get(1).hops().get(0).connection().instance());
        assertEquals(new SessionRef("edge", 2), r.traces().get(1).proxies().get(0).ref());
    }

    @Test
    void followEndpointSelectsTracesTouchingIt() throws IOException {
        ChainScenario first = new ChainScenario(0, 50_000, 1, 7);
        ChainScenario second = new ChainScenario(100, 51_000, 2, 8);
        TestPackets t = ChainScenario.packetsOf(first, second);
        t.conversation("10.0.0.99:40000", "10.0.0.10:22").handshake(5, 1);
        List<EventRecord> events = ChainScenario.eventsOf(0, first, second);
        CorrelationOptions byEndpoint = CorrelationOptions.defaults().withFollow(FollowFilter.parse(second.client()));
        CorrelationReport r = correlate(byEndpoint, events, t.source("x.pcap"));
        assertEquals(1, r.traces().size());
        assertEquals(new SessionRef("edge", 2), r.traces().get(0).proxies().get(0).ref());
        assertEquals(2, r.counts().traces());
        assertEquals(0, r.unexplainedFlows().size());
        assertEquals(1, r.counts().unexplainedConnections());
    }

    @Test
    void followSessionSelectsTheTraceContainingIt() throws IOException {
        ChainScenario first = new ChainScenario(0, 50_000, 1, 7);
        ChainScenario second = new ChainScenario(100, 51_000, 2, 8);
        TestPackets t = ChainScenario.packetsOf(first, second);
        List<EventRecord> events = ChainScenario.eventsOf(0, first, second);
        CorrelationReport r = correlate(CorrelationOptions.defaults().withFollow(FollowFilter.parse("app:7")),
                events, t.source("x.pcap"));
        assertEquals(1, r.traces().size());
        assertEquals(new SessionRef("edge", 1), r.traces().get(0).proxies().get(0).ref());
    }

    @Test
    void followAddressSelectsTracesOfAnyPortOnIt() throws IOException {
        ChainScenario s = new ChainScenario();
        CorrelationReport hit = correlate(CorrelationOptions.defaults().withFollow(FollowFilter.parse("10.0.0.20")),
                s.events(0), s.allHops(new TestPackets(0)).source("x.pcap"));
        assertEquals(1, hit.traces().size());
        CorrelationReport miss = correlate(CorrelationOptions.defaults()
                .withFollow(FollowFilter.parse("10.0.0.21")), s.events(0), s.allHops(new TestPackets(0)).source("x"));
        assertEquals(0, miss.traces().size());
    }

    @Test
    void failedSessionIsATraceEndingAtTheProxy() throws IOException {
        TestPackets t = new TestPackets(0);
        t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(0, 1).request(2, 10).rst(3000, false);
        CorrelationReport r = correlate(List.of(TestEvents.failed("edge", 4, "10.0.0.5:50000", "10.0.0.10:443",
                3000)), t.source("f.pcap"));
        Trace trace = r.traces().get(0);
        assertTrue(trace.failed());
        assertEquals(1, trace.hops().size());
        assertEquals(ConnectionEnd.RST, trace.hops().get(0).connection().end());
        assertEquals(Side.SERVER, trace.hops().get(0).connection().endedBy());
        assertEquals(1, r.counts().failedSessions());
    }

    @Test
    void damagedCaptureIsReportedAndEarlierPacketsAreUsed() throws IOException {
        ChainScenario s = new ChainScenario();
        TestPackets t = s.allHops(new TestPackets(0));
        int damagedAfter = 12; // inside the handshakes and requests, before any close
        ListPacketSource broken = new ListPacketSource("broken.pcap", t.packets(), damagedAfter);
        CorrelationReport r = correlate(s.events(0), broken);
        assertTrue(r.damaged());
        assertEquals("broken.pcap", r.damage().get(0).input());
        assertTrue(r.damage().get(0).message().contains("byte offset"), r.damage().get(0).message());
        assertEquals(damagedAfter, r.counts().packets());
        assertEquals(1, r.traces().size());
        assertEquals(ConnectionEnd.OPEN, r.traces().get(0).hops().get(0).connection().end());
        assertTrue(broken.closed());
    }

    @Test
    void damagedEventLogLinesAreReportedAndTheOtherLinesUsed() throws IOException {
        ChainScenario s = new ChainScenario();
        List<String> lines = new ArrayList<>();
        for (EventRecord e : s.events(0)) {
            lines.add(EventRecordCodec.encode(e));
        }
        lines.add(1, "{\"ts\":\"not a time\",\"source\":\"edge\",\"type\":\"open\",\"id\":5}");
        Path log = tmp.resolve("events.jsonl");
        Files.write(log, lines);
        Correlator c = new Correlator(CorrelationOptions.defaults());
        c.addEventLog(log, null);
        c.addPacketSource(s.allHops(new TestPackets(0)).source("all.pcap"));
        CorrelationReport r = c.run();
        assertEquals(1, r.damage().size());
        assertTrue(r.damage().get(0).message().startsWith(log + ":2: "), r.damage().get(0).message());
        assertEquals(1, r.traces().size());
        assertTrue(r.traces().get(0).complete());
    }

    @Test
    void damageIsReportedInTheOrderTheInputsWereAdded() throws IOException {
        // Logs added by path are read during run(), on a second thread; their notes must still come where they
        // would have had each log been read when it was added: before a later addDamage, before capture damage.
        ChainScenario s = new ChainScenario();
        Path first = tmp.resolve("first.jsonl");
        Path second = tmp.resolve("second.jsonl");
        List<String> lines = new ArrayList<>();
        for (EventRecord e : s.events(0)) {
            lines.add(EventRecordCodec.encode(e));
        }
        Files.write(first, List.of("{\"source\":\"edge\",\"type\":\"open\"}"));
        Files.write(second, List.of(lines.get(0), "not json", lines.get(1), lines.get(2), lines.get(3)));
        TestPackets t = s.allHops(new TestPackets(0));
        Correlator c = new Correlator(CorrelationOptions.defaults());
        c.addEventLog(first, null);
        c.addDamage(new InputDamage("header.pcap", "header.pcap: not a capture"));
        c.addEventLog(second, null);
        c.addPacketSource(new ListPacketSource("broken.pcap", t.packets(), t.packets().size() - 1));
        CorrelationReport r = c.run();
        assertEquals(List.of(first.toString(), "header.pcap", second.toString(), "broken.pcap"),
                r.damage().stream().map(InputDamage::input).toList());
        assertEquals(1, r.traces().size());
    }

    @Test
    void eventsAddedOneByOneAfterALogFollowIt() throws IOException {
        // A log added by path, then single events: the log's sessions come first, as when logs were read at once
        // (no packets, so every session is listed as uncaptured, in the order sessions were read).
        ChainScenario s = new ChainScenario();
        List<EventRecord> events = s.events(0);
        Path log = tmp.resolve("app-only.jsonl");
        List<String> lines = new ArrayList<>();
        for (EventRecord e : events) {
            if (e.source().equals("app")) {
                lines.add(EventRecordCodec.encode(e));
            }
        }
        Files.write(log, lines);
        Correlator c = new Correlator(CorrelationOptions.defaults());
        c.addEventLog(log, null);
        events.stream().filter(e -> e.source().equals("edge")).forEach(c::addEvent);
        c.addPacketSource(new TestPackets(0).source("empty.pcap"));
        CorrelationReport r = c.run();
        assertEquals(List.of(new SessionRef("app", 7), new SessionRef("edge", 1)),
                r.uncapturedSessions().stream().map(ProxySession::ref).toList());
    }

    @Test
    void rawShowEventsTextWithoutTimesIsMatchedByTuple() throws IOException {
        ChainScenario s = new ChainScenario();
        Path edge = tmp.resolve("edge-events.txt");
        Path app = tmp.resolve("app.txt");
        Files.write(edge, s.edgeEvents(Double.NaN).stream().map(e -> EventLineFormatter.format(e.event(), false))
                .toList());
        Files.write(app, s.appEvents(Double.NaN).stream().map(e -> EventLineFormatter.format(e.event(), false))
                .toList());
        Correlator c = new Correlator(CorrelationOptions.defaults());
        c.addEventLog(edge, "edge");
        c.addEventLog(app, null);
        c.addPacketSource(s.allHops(new TestPackets(0)).source("all.pcap"));
        CorrelationReport r = c.run();
        assertEquals(1, r.traces().size());
        Trace t = r.traces().get(0);
        assertTrue(t.complete());
        assertEquals(List.of(new SessionRef("edge", 1), new SessionRef("app", 7)),
                t.proxies().stream().map(ProxyDwell::ref).toList());
        assertEquals(500_000, t.proxies().get(0).requestDwellNanos());
    }

    @Test
    void exportWritesTheSelectedTracesAsClassicPcap() throws Exception {
        ChainScenario first = new ChainScenario(0, 50_000, 1, 7);
        ChainScenario second = new ChainScenario(100, 51_000, 2, 8);
        TestPackets t = ChainScenario.packetsOf(first, second);
        List<EventRecord> events = ChainScenario.eventsOf(0, first, second);
        Correlator c = new Correlator(CorrelationOptions.defaults().withFollow(FollowFilter.parse("edge:2")));
        events.forEach(c::addEvent);
        c.addPacketSource(t.source("x.pcap"));
        CorrelationReport r = c.run();
        Path out = tmp.resolve("selected.pcap");
        PacketExport export = c.exportPackets(r, List.of(t.source("x.pcap")), out);
        assertEquals("pcap", export.format());
        assertEquals(3, export.connections());
        long expected = r.traces().get(0).hops().stream().mapToLong(h -> h.connection().packets()).sum();
        assertEquals(expected, export.packets());
        assertEquals(t.packets().size() / 2, export.packets());

        List<Packet> back = readAll(CaptureFiles.open(out, 0));
        assertEquals(expected, back.size());
        for (Packet p : back) {
            assertTrue(p.srcPort() == 51_000 || p.dstPort() == 51_000 || p.srcPort() == 52_000
                    || p.dstPort() == 52_000 || p.srcPort() == 53_000 || p.dstPort() == 53_000, "port " + p.srcPort());
        }
        assertEquals(TestPackets.nanos(100), back.get(0).timestampNanos());
        assertEquals(export.packets(), countWithLibpcap(out));
    }

    @Test
    void exportWithTwoLinkTypesWritesPcapng() throws Exception {
        ChainScenario s = new ChainScenario();
        TestPackets first = new TestPackets(0);
        s.hop(first, 0);
        s.hop(first, 1);
        TestPackets second = new TestPackets(1);
        TestPackets hop2 = new TestPackets(1);
        s.hop(hop2, 2);
        for (TestPacket p : hop2.packets()) {
            second.add(p.withInterface(0, 228)); // LINKTYPE_IPV4: the frame from its IP header
        }
        Correlator c = new Correlator(CorrelationOptions.defaults());
        s.events(0).forEach(c::addEvent);
        c.addPacketSource(first.source("a.pcap"));
        c.addPacketSource(rawIp(second).source("b.pcap"));
        CorrelationReport r = c.run();
        assertTrue(r.traces().get(0).complete());
        Path out = tmp.resolve("mixed.pcapng");
        PacketExport export = c.exportPackets(r, List.of(first.source("a.pcap"), rawIp(second).source("b.pcap")),
                out);
        assertEquals("pcapng", export.format());
        List<Packet> back = readAll(CaptureFiles.open(out, 0));
        assertEquals(first.packets().size() + second.packets().size(), back.size());
        assertEquals(2, back.stream().mapToInt(Packet::linkType).distinct().count());
        // libpcap refuses pcapng interfaces of different link types; Wireshark reads them.
        assertTrue(Files.isExecutable(Path.of("/usr/bin/tshark")),
                "this cross-check needs tshark (Debian: tshark); ./scripts/test installs it");
        assertEquals(export.packets(), countWithTshark(out));
    }

    @Test
    void exportOfNothingIsAnEmptyReadableFile() throws Exception {
        ChainScenario s = new ChainScenario();
        Correlator c = new Correlator(CorrelationOptions.defaults().withFollow(FollowFilter.parse("10.1.1.1")));
        s.events(0).forEach(c::addEvent);
        c.addPacketSource(s.allHops(new TestPackets(0)).source("x"));
        CorrelationReport r = c.run();
        Path out = tmp.resolve("none.pcap");
        PacketExport export = c.exportPackets(r, List.of(s.allHops(new TestPackets(0)).source("x")), out);
        assertEquals(0, export.packets());
        assertEquals(0, readAll(CaptureFiles.open(out, 0)).size());
    }

    @Test
    void progressIsReportedUpToTheTotal() throws IOException {
        ChainScenario s = new ChainScenario();
        Correlator c = new Correlator(CorrelationOptions.defaults());
        ListPacketSource src = s.allHops(new TestPackets(0)).source("x");
        c.addPacketSource(src);
        long[] last = {-1, -1};
        c.run((done, total) -> {
            last[0] = done;
            last[1] = total;
        });
        assertEquals(src.size(), last[1]);
        assertEquals(last[1], last[0]);
    }

    @Test
    void aCorrelatorRunsOnce() throws IOException {
        Correlator c = new Correlator(CorrelationOptions.defaults());
        c.run();
        assertThrows(IllegalStateException.class, c::run);
    }

    @Test
    void maxSkewDecidesWhetherShiftedEventsMatch() throws IOException {
        ChainScenario s = new ChainScenario();
        CorrelationReport loose = correlate(CorrelationOptions.defaults().withMaxSkew(Duration.ofSeconds(3)),
                s.events(2_000), s.allHops(new TestPackets(0)).source("x"));
        assertTrue(loose.traces().get(0).complete());
        CorrelationReport strict = correlate(CorrelationOptions.defaults(), s.events(2_000),
                s.allHops(new TestPackets(0)).source("x"));
        assertFalse(strict.traces().get(0).hops().get(0).captured());
        assertEquals(3, strict.unexplainedFlows().size());
        assertEquals(2, strict.uncapturedSessions().size());
    }

    /** The packets as a raw-IP capture would hold them: the frame without its Ethernet header. */
    private static TestPackets rawIp(TestPackets t) {
        TestPackets out = new TestPackets(1);
        for (TestPacket p : t.packets()) {
            byte[] ip = java.util.Arrays.copyOfRange(p.bytes(), 14, p.bytes().length);
            out.add(new TestPacket(p.timestampNanos(), p.captureIndex(), p.interfaceId(), 228, p.ipVersion(),
                    p.srcAddrHi(), p.srcAddrLo(), p.dstAddrHi(), p.dstAddrLo(), p.srcPort(), p.dstPort(), p.tcpFlags(),
                    p.seq(), p.ack(), p.window(), p.ipId(), p.tcpChecksum(), p.payloadLength(), ip));
        }
        return out;
    }

    private static List<Packet> readAll(PacketSource source) throws IOException {
        List<Packet> out = new ArrayList<>();
        try (source) {
            Packet p;
            while ((p = source.next()) != null) {
                byte[] frame = new byte[p.capturedLength()];
                p.frame().get(p.frameOffset(), frame, 0, frame.length);
                out.add(new TestPacket(p.timestampNanos(), p.captureIndex(), p.interfaceId(), p.linkType(),
                        p.ipVersion(), p.srcAddrHi(), p.srcAddrLo(), p.dstAddrHi(), p.dstAddrLo(), p.srcPort(),
                        p.dstPort(), p.tcpFlags(), p.seq(), p.ack(), p.window(), p.ipId(), p.tcpChecksum(),
                        p.payloadLength(), frame));
            }
        }
        return out;
    }

    private static long countWithTshark(Path file) throws Exception {
        Process p = new ProcessBuilder("tshark", "-n", "-r", file.toString(), "-T", "fields", "-e", "frame.number",
                "-Y", "tcp").redirectError(ProcessBuilder.Redirect.DISCARD).start(); // "running as root" notes
        try {
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "tshark did not finish");
            assertEquals(0, p.exitValue(), out);
            return out.lines().filter(l -> !l.isBlank()).count();
        } finally {
            p.destroyForcibly();
        }
    }

    private static long countWithLibpcap(Path file) throws Exception {
        PcapLibraryLocator.configure();
        long n = 0;
        try (PcapHandle h = Pcaps.openOffline(file.toString(), PcapHandle.TimestampPrecision.NANO)) {
            while (true) {
                try {
                    assertNotNull(h.getNextRawPacketEx());
                    n++;
                } catch (EOFException end) {
                    break;
                } catch (TimeoutException e) {
                    continue;
                }
            }
        }
        return n;
    }
}
