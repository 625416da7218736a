package io.hoptrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hoptrace.correlator.CaptureFiles;
import io.hoptrace.correlator.PacketSource;
import io.hoptrace.events.Endpoint;
import io.hoptrace.events.EventRecord;
import io.hoptrace.events.EventRecordCodec;
import io.hoptrace.events.SessionEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorrelateCommandTest {
    /** 2026-01-01T00:00:00Z in microseconds. */
    private static final long BASE_MICROS = 1_767_225_600_000_000L;

    @TempDir
    Path tmp;

    /** {@code hoptrace correlate args...}, in this process. */
    private static CommandResult run(String... args) {
        return CommandResult.runSubcommand("correlate", args);
    }

    /**
     * One proxy, {@code edge}, forwarding client connections to a server: for client port {@code p} (connection
     * {@code n} starting at {@code 100 n} ms) hop 0 is {@code 10.1.0.5:p -> 10.1.0.10:443}, hop 1
     * {@code 10.1.0.10:(p+1000) -> 10.1.0.20:8080}.
     */
    private static final class Fixture {
        final PcapFile pcap = new PcapFile();
        final List<EventRecord> events = new ArrayList<>();

        Fixture connection(long id, int clientPort) {
            double t = 100.0 * (id - 1);
            String client = "10.1.0.5:" + clientPort;
            String backend = "10.1.0.10:" + (clientPort + 1000);
            pcap.conversation(client, "10.1.0.10:443").handshake(t, 0.4).request(t + 5, 200).response(t + 12, 900)
                    .fin(t + 20, true);
            pcap.conversation(backend, "10.1.0.20:8080").handshake(t + 1, 0.2).request(t + 6, 200)
                    .response(t + 11, 900).fin(t + 20.5, true);
            long open = BASE_MICROS + Math.round((t + 1.5) * 1000);
            long close = BASE_MICROS + Math.round((t + 21) * 1000);
            events.add(new EventRecord("edge", open, new SessionEvent.Open(id, Endpoint.parse(client),
                    Endpoint.parse("10.1.0.10:443"), Endpoint.parse(backend), Endpoint.parse("10.1.0.20:8080"), open,
                    "web", "app", "s1", null, null)));
            events.add(new EventRecord("edge", close, new SessionEvent.Close(id, close, 200, 900, 19_500, "cD")));
            return this;
        }

        Path writeEvents(Path file) throws IOException {
            List<String> lines = new ArrayList<>();
            lines.add(EventRecordCodec.metaLine("hoptrace test"));
            for (EventRecord r : events) {
                lines.add(EventRecordCodec.encode(r));
            }
            Files.write(file, lines);
            return file;
        }

        Path writeCapture(Path file) throws IOException {
            Files.write(file, pcap.bytes());
            return file;
        }
    }

    @Test
    void correlatesEventsAndCaptureIntoATextTrace() throws IOException {
        Fixture f = new Fixture().connection(1, 40_000);
        CommandResult r = run("-e", f.writeEvents(tmp.resolve("edge.jsonl")).toString(), "-r",
                f.writeCapture(tmp.resolve("cap.pcap")).toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("trace 1 of 1: 10.1.0.5:40000 -> 10.1.0.20:8080 via edge#1"), r.out());
        assertTrue(r.out().contains("hop 1  10.1.0.10:41000 -> 10.1.0.20:8080   edge#1 -> server"), r.out());
        assertTrue(r.out().contains("edge#1 (web -> app/s1): request dwell 1.000 ms, response dwell 1.000 ms"),
                r.out());
        assertTrue(r.out().contains("summary\n  traces: 1, 1 with every hop captured"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void jsonFormatPrintsOneParsableTracePerLine() throws IOException {
        Fixture f = new Fixture().connection(1, 40_000).connection(2, 40_001);
        CommandResult r = run("--format", "json", "-e", f.writeEvents(tmp.resolve("edge.jsonl")).toString(), "-r",
                f.writeCapture(tmp.resolve("cap.pcap")).toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        JsonNode t = new ObjectMapper().readTree(lines.get(1));
        assertEquals("10.1.0.5:40001", t.get("origin").asText());
        assertEquals(2, t.get("hops").size());
        assertEquals(200, t.get("hops").get(0).get("bytes").get("up").asLong());
        assertEquals(1000, t.get("proxies").get(0).get("requestDwellUs").asLong());
    }

    @Test
    void followSelectsTheTracesTouchingAnEndpoint() throws IOException {
        Fixture f = new Fixture().connection(1, 40_000).connection(2, 40_001);
        CommandResult r = run("--follow", "10.1.0.5:40001", "-e", f.writeEvents(tmp.resolve("edge.jsonl")).toString(),
                "-r", f.writeCapture(tmp.resolve("cap.pcap")).toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("trace 1 of 1: 10.1.0.5:40001"), r.out());
        assertFalse(r.out().contains("10.1.0.5:40000 ->"), r.out());
        assertTrue(r.out().contains("traces: 2 (1 shown for --follow 10.1.0.5:40001)"), r.out());
    }

    @Test
    void writePcapWritesThePacketsOfTheSelectedTrace() throws IOException {
        Fixture f = new Fixture().connection(1, 40_000).connection(2, 40_001);
        Path out = tmp.resolve("selected.pcap");
        CommandResult r = run("--follow", "edge:2", "--write-pcap", out.toString(), "-e",
                f.writeEvents(tmp.resolve("edge.jsonl")).toString(), "-r",
                f.writeCapture(tmp.resolve("cap.pcap")).toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("wrote 16 packets of 2 connections to " + out + " (pcap)"), r.err());
        int n = 0;
        try (PacketSource s = CaptureFiles.open(out, 0)) {
            io.hoptrace.correlator.Packet p;
            while ((p = s.next()) != null) {
                assertTrue(p.srcPort() == 40_001 || p.dstPort() == 40_001 || p.srcPort() == 41_001
                        || p.dstPort() == 41_001, "port " + p.srcPort() + " -> " + p.dstPort());
                n++;
            }
        }
        assertEquals(16, n);
    }

    @Test
    void timelineDrawsTheSelectedTraceAsSvgWithOneLanePerHop() throws IOException {
        Fixture f = new Fixture().connection(1, 40_000).connection(2, 40_001);
        Path out = tmp.resolve("conn.svg");
        CommandResult r = run("--follow", "edge:2", "--timeline", out.toString(), "-e",
                f.writeEvents(tmp.resolve("edge.jsonl")).toString(), "-r",
                f.writeCapture(tmp.resolve("cap.pcap")).toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("drew 1 trace to " + out), r.err());
        String svg = Files.readString(out);
        assertTrue(svg.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "), svg);
        assertEquals(2, svg.split("<g class=\"lane\"", -1).length - 1, "lanes");
        assertTrue(svg.contains("10.1.0.5:40001") && !svg.contains("10.1.0.5:40000"), svg);
    }

    @Test
    void timelineWithHtmlExtensionWritesAPage() throws IOException {
        Fixture f = new Fixture().connection(1, 40_000);
        Path out = tmp.resolve("conn.HTML");
        CommandResult r = run("--timeline", out.toString(), "-e", f.writeEvents(tmp.resolve("edge.jsonl")).toString(),
                "-r", f.writeCapture(tmp.resolve("cap.pcap")).toString());
        assertEquals(0, r.exit(), r.err());
        String html = Files.readString(out);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""), html);
    }

    @Test
    void timelineWithOtherExtensionExitsTwoBeforeReadingAnything() throws IOException {
        Fixture f = new Fixture().connection(1, 40_000);
        Path out = tmp.resolve("conn.png");
        CommandResult r = run("--timeline", out.toString(), "-e", f.writeEvents(tmp.resolve("edge.jsonl")).toString(),
                "-r", f.writeCapture(tmp.resolve("cap.pcap")).toString());
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("--timeline: expected a file name ending in .svg or .html, got '" + out + "'"),
                r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(out));
    }

    @Test
    void damagedEventLogPrintsWhatWasReadAndExitsThree() throws IOException {
        Fixture f = new Fixture().connection(1, 40_000);
        Path events = f.writeEvents(tmp.resolve("edge.jsonl"));
        List<String> lines = new ArrayList<>(Files.readAllLines(events));
        lines.add(2, "{\"source\":\"edge\",\"type\":\"open\",\"id\":\"one\"");
        Files.write(events, lines);
        CommandResult r = run("-e", events.toString(), "-r", f.writeCapture(tmp.resolve("cap.pcap")).toString());
        assertEquals(ExitCodes.DAMAGED_INPUT, r.exit(), r.err());
        assertTrue(r.out().contains("trace 1 of 1: 10.1.0.5:40000"), r.out());
        assertTrue(r.err().contains("damaged input: " + events + ":3: "), r.err());
        assertTrue(r.out().contains("damaged inputs"), r.out());
    }

    @Test
    void damagedCaptureReportsPacketsBeforeTheDamageAndExitsThree() throws IOException {
        Fixture f = new Fixture().connection(1, 40_000);
        byte[] good = f.pcap.bytes();
        ByteBuffer bad = ByteBuffer.allocate(good.length + 16).order(ByteOrder.LITTLE_ENDIAN);
        bad.put(good).putInt(1).putInt(0).putInt(0x7fff_ffff).putInt(0x7fff_ffff); // a record far too long
        Path capture = tmp.resolve("cut.pcap");
        Files.write(capture, bad.array());
        CommandResult r = run("-e", f.writeEvents(tmp.resolve("edge.jsonl")).toString(), "-r", capture.toString());
        assertEquals(ExitCodes.DAMAGED_INPUT, r.exit(), r.err());
        assertTrue(r.out().contains("2 hops, all captured"), r.out());
        assertTrue(r.err().contains(capture + ": byte offset " + good.length), r.err());
    }

    @Test
    void rawShowEventsTextTakesItsSourceName() throws IOException {
        Fixture f = new Fixture().connection(1, 40_000);
        Path text = tmp.resolve("socat-output.txt");
        Files.write(text, List.of("+ 1 10.1.0.5:40000 10.1.0.10:443 10.1.0.10:41000 10.1.0.20:8080", "- 1"));
        CommandResult r = run("-e", text.toString(), "--source", "edge", "-r",
                f.writeCapture(tmp.resolve("cap.pcap")).toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("via edge#1\n"), r.out());
        assertTrue(r.out().contains("2 hops, all captured"), r.out());
    }

    @Test
    void missingCaptureExitsOneNamingTheFile() throws IOException {
        Fixture f = new Fixture().connection(1, 40_000);
        Path missing = tmp.resolve("nope.pcap");
        CommandResult r = run("-e", f.writeEvents(tmp.resolve("edge.jsonl")).toString(), "-r", missing.toString());
        assertEquals(ExitCodes.FAILURE, r.exit());
        assertTrue(r.err().contains("cannot read capture " + missing + ": no such file"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void durationWithoutUnitExitsTwo() {
        CommandResult r = run("--max-skew", "5", "-e", "a", "-r", "b");
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("expected a duration like 500ms, 2s, 1.5s or 10m, got '5'"), r.err());
    }

    @Test
    void followThatIsNeitherEndpointNorSessionExitsTwo() {
        CommandResult r = run("--follow", "edge", "-e", "a", "-r", "b");
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("expected ip:port, ip or SOURCE:ID"), r.err());
    }

    @Test
    void missingEventsOptionExitsTwo() {
        CommandResult r = run("-r", "b");
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("--events"), r.err());
    }

    @Test
    void moreSourceNamesThanEventLogsExitsTwo() throws IOException {
        Fixture f = new Fixture().connection(1, 40_000);
        CommandResult r = run("-e", f.writeEvents(tmp.resolve("edge.jsonl")).toString(), "--source", "a", "--source",
                "b", "-r", f.writeCapture(tmp.resolve("cap.pcap")).toString());
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("--source: expected at most one name per -e file (1), got 2"), r.err());
    }

    @Test
    void helpShowsARealExample() {
        CommandResult r = run("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("hoptrace correlate -e edge.jsonl -e app.jsonl -r proxyhost.pcapng"), r.out());
        assertTrue(r.out().contains("--max-skew"), r.out());
    }

    /** A classic pcap (microseconds, Ethernet) of TCP conversations with consistent sequence numbers. */
    private static final class PcapFile {
        private final ByteArrayOutputStream records = new ByteArrayOutputStream();
        private long isn = 7_000_000;
        private int ipId = 1;

        Conversation conversation(String client, String server) {
            return new Conversation(Endpoint.parse(client), Endpoint.parse(server));
        }

        byte[] bytes() {
            ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0xA1B2_C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65_535)
                    .putInt(1);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(h.array());
            all.writeBytes(records.toByteArray());
            return all.toByteArray();
        }

        final class Conversation {
            private final Endpoint client;
            private final Endpoint server;
            private long cseq;
            private long sseq;

            Conversation(Endpoint client, Endpoint server) {
                this.client = client;
                this.server = server;
                cseq = isn;
                sseq = isn + 300_000;
                isn += 1_000_000;
            }

            Conversation handshake(double ms, double rtt) {
                packet(ms, true, 0x02, cseq, 0, 0);
                packet(ms + rtt / 2, false, 0x12, sseq, cseq + 1, 0);
                cseq++;
                sseq++;
                packet(ms + rtt, true, 0x10, cseq, sseq, 0);
                return this;
            }

            Conversation request(double ms, int n) {
                packet(ms, true, 0x18, cseq, sseq, n);
                cseq += n;
                return this;
            }

            Conversation response(double ms, int n) {
                packet(ms, false, 0x18, sseq, cseq, n);
                sseq += n;
                return this;
            }

            Conversation fin(double ms, boolean fromClient) {
                packet(ms, fromClient, 0x11, fromClient ? cseq : sseq, fromClient ? sseq : cseq, 0);
                cseq += fromClient ? 1 : 0;
                sseq += fromClient ? 0 : 1;
                packet(ms + 0.1, !fromClient, 0x11, fromClient ? sseq : cseq, fromClient ? cseq : sseq, 0);
                cseq += fromClient ? 0 : 1;
                sseq += fromClient ? 1 : 0;
                packet(ms + 0.2, fromClient, 0x10, fromClient ? cseq : sseq, fromClient ? sseq : cseq, 0);
                return this;
            }

            private void packet(double ms, boolean fromClient, int flags, long seq, long ack, int payload) {
                Endpoint src = fromClient ? client : server;
                Endpoint dst = fromClient ? server : client;
                ByteBuffer f = ByteBuffer.allocate(14 + 20 + 20 + payload);
                f.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
                f.put((byte) 0x45).put((byte) 0).putShort((short) (40 + payload)).putShort((short) ipId++)
                        .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0)
                        .put(src.address().getAddress()).put(dst.address().getAddress());
                f.putShort((short) src.port()).putShort((short) dst.port()).putInt((int) seq).putInt((int) ack)
                        .put((byte) 0x50).put((byte) flags).putShort((short) 0xffff).putInt(0);
                long micros = BASE_MICROS + Math.round(ms * 1000);
                ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                r.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(f.capacity())
                        .putInt(f.capacity());
                records.writeBytes(r.array());
                records.writeBytes(f.array());
            }
        }
    }
}
