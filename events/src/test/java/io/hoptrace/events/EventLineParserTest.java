package io.hoptrace.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventLineParserTest {
    private final EventLineParser parser = new EventLineParser();

    private EventLineException reject(String line) {
        return assertThrows(EventLineException.class, () -> parser.parse(line));
    }

    @Test
    void readsTheOriginalPatchOpenLine() {
        SessionEvent.Open o = (SessionEvent.Open) parser.parse(
                "+ 1 127.0.0.1:50869 127.0.0.1:9418 127.0.0.1:50870 127.0.0.1:6000");
        assertEquals(1, o.id());
        assertEquals(Endpoint.parse("127.0.0.1:50869"), o.client());
        assertEquals(Endpoint.parse("127.0.0.1:9418"), o.frontend());
        assertEquals(Endpoint.parse("127.0.0.1:50870"), o.backend());
        assertEquals(Endpoint.parse("127.0.0.1:6000"), o.server());
        assertEquals(SessionEvent.NONE, o.tsMicros());
        assertNull(o.frontendName());
    }

    @Test
    void readsTheOriginalPatchCloseLine() {
        assertEquals(SessionEvent.Close.bare(2), parser.parse("- 2"));
    }

    @Test
    void readsFullOpenAttributes() {
        SessionEvent.Open o = (SessionEvent.Open) parser.parse("+ 7 10.0.0.5:1 10.0.0.10:443 10.0.0.10:2"
                + " 10.0.0.20:8443 ts=1795671592989205 fe=web be=app srv=s1 orig=[2001:db8::5]:4444 uid=AB%20CD");
        assertEquals(1795671592989205L, o.tsMicros());
        assertEquals("web", o.frontendName());
        assertEquals("app", o.backendName());
        assertEquals("s1", o.serverName());
        assertEquals(Endpoint.parse("[2001:db8::5]:4444"), o.orig());
        assertEquals("AB CD", o.uniqueId());
    }

    @Test
    void readsFullCloseAttributes() {
        assertEquals(new SessionEvent.Close(7, 5, 517, 4120, 111795, "client-fin"),
                parser.parse("- 7 ts=5 bin=517 bout=4120 dur=111795 term=client-fin"));
    }

    @Test
    void readsFailedLine() {
        SessionEvent.Failed f = (SessionEvent.Failed) parser.parse(
                "x 3 [::1]:5000 [::1]:80 ts=9 fe=web be=app term=connect-refused");
        assertEquals(3, f.id());
        assertEquals("connect-refused", f.term());
        assertEquals(Endpoint.parse("[::1]:80"), f.frontend());
    }

    @Test
    void readsDroppedAndSnapshotMarkers() {
        assertEquals(new SessionEvent.Dropped(12), parser.parse("! dropped 12"));
        assertEquals(new SessionEvent.Snapshot(0), parser.parse("# snapshot 0"));
    }

    @Test
    void skipsBlankLinesAndComments() {
        assertNull(parser.parse(""));
        assertNull(parser.parse("   \r"));
        assertNull(parser.parse("# a comment"));
        assertNull(parser.parse("#comment"));
    }

    @Test
    void toleratesRunsOfSpacesTabsAndCr() {
        assertEquals(SessionEvent.Close.bare(5), parser.parse("-\t 5 \r"));
    }

    @Test
    void skipsUnknownAttributes() {
        assertEquals(new SessionEvent.Close(5, 1, SessionEvent.NONE, SessionEvent.NONE, SessionEvent.NONE, null),
                parser.parse("- 5 ts=1 future=thing"));
    }

    @Test
    void roundTripsEveryShapeInBothModes() {
        SessionEvent[] events = {
            new SessionEvent.Open(1, Endpoint.parse("10.0.0.5:50869"), Endpoint.parse("10.0.0.10:443"),
                    Endpoint.parse("10.0.0.10:50870"), Endpoint.parse("10.0.0.20:8443"), 1795671592989205L, "web",
                    "app", "s1", Endpoint.parse("192.0.2.1:1234"), "uid with space and %"),
            new SessionEvent.Open(2, Endpoint.UNKNOWN, Endpoint.UNKNOWN, Endpoint.parse("[::1]:3"),
                    Endpoint.parse("[::1]:4"), 1, null, null, null, null, null),
            new SessionEvent.Close(1, 2, 3, 4, 5, "server-rst"),
            new SessionEvent.Failed(3, Endpoint.parse("1.2.3.4:5"), Endpoint.parse("5.6.7.8:9"), 10, "f", "b",
                    "no-server"),
            new SessionEvent.Dropped(1),
            new SessionEvent.Snapshot(42)};
        for (SessionEvent e : events) {
            assertEquals(e, parser.parse(EventLineFormatter.format(e, true)), e.toString());
        }
        SessionEvent.Open full = (SessionEvent.Open) events[0];
        assertEquals(SessionEvent.Open.bare(1, full.client(), full.frontend(), full.backend(), full.server()),
                parser.parse(EventLineFormatter.format(full, false)));
        assertEquals(SessionEvent.Close.bare(1), parser.parse(EventLineFormatter.format(events[2], false)));
    }

    @Test
    void rejectsUnknownType() {
        EventLineException e = reject("? 1");
        assertEquals("type", e.field());
        assertEquals("?", e.value());
    }

    @Test
    void rejectsMultiCharacterType() {
        assertEquals("type", reject("++ 1 a b c d").field());
    }

    @Test
    void rejectsOpenWithTooFewFields() {
        EventLineException e = reject("+ 1 127.0.0.1:1 127.0.0.1:2 127.0.0.1:3");
        assertTrue(e.getMessage().contains("6 fields, got 5"), e.getMessage());
    }

    @Test
    void rejectsNonNumericId() {
        EventLineException e = reject("- abc");
        assertEquals("id", e.field());
        assertEquals("abc", e.value());
        assertEquals(3, e.column());
    }

    @Test
    void rejectsNegativeId() {
        assertEquals("id", reject("- -1").field());
    }

    @Test
    void rejectsIdThatWouldOverflow() {
        assertEquals("id", reject("- 99999999999999999999").field());
    }

    @Test
    void rejectsBadClientAddress() {
        EventLineException e = reject("+ 1 999.0.0.1:1 127.0.0.1:2 127.0.0.1:3 127.0.0.1:4");
        assertEquals("client", e.field());
        assertEquals("999.0.0.1:1", e.value());
    }

    @Test
    void rejectsBadServerAddress() {
        assertEquals("server", reject("+ 1 127.0.0.1:1 127.0.0.1:2 127.0.0.1:3 127.0.0.1").field());
    }

    @Test
    void rejectsAttributeWithoutEquals() {
        assertEquals("attribute", reject("- 1 oops").field());
    }

    @Test
    void rejectsNonNumericTimestamp() {
        EventLineException e = reject("- 1 ts=soon");
        assertEquals("ts", e.field());
        assertEquals("soon", e.value());
    }

    @Test
    void rejectsBadOrigAddress() {
        assertEquals("orig", reject("+ 1 127.0.0.1:1 127.0.0.1:2 127.0.0.1:3 127.0.0.1:4 orig=nowhere").field());
    }

    @Test
    void rejectsBrokenPercentEscapeInUid() {
        assertEquals("uid", reject("+ 1 127.0.0.1:1 127.0.0.1:2 127.0.0.1:3 127.0.0.1:4 uid=a%2").field());
    }

    @Test
    void rejectsEmptyAttributeValue() {
        assertEquals("attribute", reject("- 1 term=").field());
    }

    @Test
    void rejectsZeroDropped() {
        assertEquals("dropped", reject("! dropped 0").field());
    }

    @Test
    void rejectsMalformedDroppedLine() {
        assertEquals("line", reject("! lost 5").field());
    }

    @Test
    void rejectsTooManyFields() {
        assertEquals("line", reject("- 1" + " a=b".repeat(40)).field());
    }

    // ---- scan: the lower-level path (fields instead of an event) ------------------------------------------------

    @Test
    void scanThenEventReadsExactlyWhatParseReads() {
        String[] lines = {
            "+ 1 127.0.0.1:50869 127.0.0.1:9418 127.0.0.1:50870 127.0.0.1:6000",
            "+ 7 10.0.0.5:50869 10.0.0.10:443 10.0.0.10:50870 10.0.0.20:8443 ts=1795674863401427 fe=web be=app"
                + " srv=s1 orig=192.0.2.7:40512 uid=7F000001:DDB4%20x",
            "+ 8 [2001:db8::5]:1 [2001:db8::10]:443 ::1:50870 unknown ts=1 fe=web",
            "- 7 ts=1795674863405829 bin=517 bout=4120 dur=13071 term=client-fin",
            "- 9",
            "x 8 10.0.0.6:41022 unknown ts=1795674863502100 fe=web be=app term=connect-refused",
            "! dropped 12",
            "# snapshot 3"};
        EventLineParser other = new EventLineParser();
        for (String line : lines) {
            assertEquals(other.parse(line), parser.scan(line) == null ? null : parser.event(), line);
        }
    }

    @Test
    void scanKeepsAddressesAsNumbers() {
        assertEquals(EventLineParser.Kind.OPEN,
                parser.scan("+ 3 10.1.2.3:40000 [2001:db8::10]:443 unknown 10.0.2.1:8443 ts=5 fe=web"));
        assertEquals(3, parser.id());
        assertEquals(5, parser.tsMicros());
        assertEquals(4, parser.addressLength(EventLineParser.CLIENT));
        assertEquals(10 << 24 | 1 << 16 | 2 << 8 | 3, parser.ipv4(EventLineParser.CLIENT));
        assertEquals(40000, parser.port(EventLineParser.CLIENT));
        assertEquals(16, parser.addressLength(EventLineParser.FRONTEND));
        assertEquals(0x20010db800000000L, parser.ipv6High(EventLineParser.FRONTEND));
        assertEquals(0x10L, parser.ipv6Low(EventLineParser.FRONTEND));
        assertEquals(443, parser.port(EventLineParser.FRONTEND));
        assertEquals(0, parser.addressLength(EventLineParser.BACKEND));
        assertEquals(Endpoint.UNKNOWN, parser.endpoint(EventLineParser.BACKEND));
        assertEquals(Endpoint.parse("10.0.2.1:8443"), parser.endpoint(EventLineParser.SERVER));
        assertEquals("web", parser.frontendName());
        assertNull(parser.backendName());
    }

    @Test
    void scanFoldsIpv4MappedAddressesToIpv4AsEndpointDoes() {
        parser.scan("x 1 [::ffff:10.0.0.5]:1 10.0.0.10:443");
        assertEquals(4, parser.addressLength(EventLineParser.CLIENT));
        assertEquals(Endpoint.parse("10.0.0.5:1"), parser.endpoint(EventLineParser.CLIENT));
        assertEquals(Endpoint.parse("[::ffff:10.0.0.5]:1"), parser.endpoint(EventLineParser.CLIENT));
    }

    @Test
    void scanOfACommentHasNoEvent() {
        assertNull(parser.scan("# a comment"));
        assertNull(parser.kind());
        assertThrows(IllegalStateException.class, parser::event);
    }

    @Test
    void scanClearsTheAttributesOfThePreviousLine() {
        parser.scan("- 1 ts=5 bin=1 bout=2 dur=3 term=client-fin");
        parser.scan("- 2");
        assertEquals(SessionEvent.Close.bare(2), parser.event());
        assertNull(parser.term());
    }

    @Test
    void aRepeatedNameIsTheSameStringEachTime() {
        // "app" and "s3" share a slot of the name cache's hash: both must stay cached.
        String line = "+ 1 10.0.0.1:1 10.0.0.2:2 10.0.0.3:3 10.0.0.4:4 fe=web be=app srv=s3";
        parser.scan(line);
        String fe = parser.frontendName();
        String be = parser.backendName();
        String srv = parser.serverName();
        parser.scan(line.replace("+ 1", "+ 2"));
        assertTrue(fe == parser.frontendName() && be == parser.backendName() && srv == parser.serverName(),
                "new strings for names seen before");
        parser.scan("- 1 term=client-fin");
        String term = parser.term();
        parser.scan("- 2 term=client-fin");
        assertTrue(term == parser.term(), "a new string for a reason seen before");
    }

    @Test
    void readsNonAsciiNames() {
        SessionEvent.Open o = (SessionEvent.Open) parser.parse(
                "+ 1 10.0.0.1:1 10.0.0.2:2 10.0.0.3:3 10.0.0.4:4 fe=caf\u00e9 be=\u00e9");
        assertEquals("caf\u00e9", o.frontendName());
        assertEquals("\u00e9", o.backendName());
    }

    @Test
    void rejectsControlCharacterInName() {
        EventLineException e = reject("- 1 term=client\u0001fin");
        assertEquals("term", e.field());
        assertEquals(10, e.column());
    }

    /** Random tokens near the address shapes: the line parser accepts exactly what Endpoint.tryParse does. */
    @Test
    void scanReadsEveryEndpointAsEndpointTryParseDoes() {
        java.util.Random rnd = new java.util.Random(11);
        String alphabet = "0123456789..::[]af";
        java.util.List<String> tokens = new java.util.ArrayList<>(java.util.List.of("0.0.0.0:0",
                "255.255.255.255:65535", "256.1.1.1:1", "01.2.3.4:1", "1.2.3.4:65536", "1.2.3.4:000001", "1.2.3.4:01",
                "1.2.3:4", "1.2.3.4:", "1.2.3.4:80:90", "::ffff:1.2.3.4:5", "[::1]:0", "1.2.3.4.5:6", "9.9.9.9:9"));
        for (int n = 0; n < 100_000; n++) {
            StringBuilder sb = new StringBuilder();
            int length = 1 + rnd.nextInt(14);
            if (rnd.nextBoolean()) {
                sb.append(rnd.nextInt(300)).append('.').append(rnd.nextInt(300)).append('.').append(rnd.nextInt(300))
                        .append('.');
                length = rnd.nextInt(8);
            }
            for (int i = 0; i < length; i++) {
                sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            tokens.add(sb.toString());
        }
        for (String token : tokens) {
            Endpoint expected = Endpoint.tryParse(token, 0, token.length());
            Endpoint scanned;
            try {
                parser.scan("x 1 " + token + " unknown");
                scanned = parser.endpoint(EventLineParser.CLIENT);
            } catch (EventLineException e) {
                scanned = null;
            }
            assertEquals(expected, scanned, token);
        }
    }

    /**
     * Lines as proxies write them take the one-pass path; the same lines with a trailing tab (which means nothing)
     * take the general path. Mutations of real lines (characters replaced, removed, doubled, spaces and tabs
     * inserted) must read the same both ways: the same event, or an error on the same field and column.
     */
    @Test
    void theOnePassPathReadsEveryLineAsTheGeneralPathDoes() {
        String[] seeds = {
            "+ 7 10.0.0.5:50869 10.0.0.10:443 10.0.0.10:50870 10.0.0.20:8443 ts=1795674863401427 fe=web be=app srv=s1",
            "+ 8 [2001:db8::5]:1 [2001:db8::10]:443 ::1:50870 unknown ts=1 fe=web orig=192.0.2.7:4 uid=a%20b",
            "- 7 ts=1795674863405829 bin=517 bout=4120 dur=13071 term=client-fin",
            "x 8 10.0.0.6:41022 10.0.0.10:443 ts=1795674863502100 fe=web be=app term=connect-refused new=thing"};
        String alphabet = "0123456789.:[]= abefstx%-+\t\u0001";
        java.util.Random rnd = new java.util.Random(5);
        EventLineParser general = new EventLineParser();
        int onePassAccepted = 0;
        for (int n = 0; n < 100_000; n++) {
            StringBuilder sb = new StringBuilder(seeds[rnd.nextInt(seeds.length)]);
            int mutations = rnd.nextInt(3);
            for (int m = 0; m < mutations && sb.length() > 1; m++) {
                int at = rnd.nextInt(sb.length());
                switch (rnd.nextInt(4)) {
                    case 0 -> sb.setCharAt(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                    case 1 -> sb.deleteCharAt(at);
                    case 2 -> sb.insert(at, sb.charAt(at));
                    default -> sb.insert(at, rnd.nextBoolean() ? ' ' : '\t');
                }
            }
            String line = sb.toString();
            Object viaOnePass = readOrError(parser, line);
            Object viaGeneral = readOrError(general, line + "\t");
            assertEquals(viaGeneral, viaOnePass, line);
            if (viaOnePass instanceof SessionEvent && line.indexOf('\t') < 0) {
                onePassAccepted++;
            }
        }
        assertTrue(onePassAccepted > 5_000, "too few valid lines to mean anything: " + onePassAccepted);
    }

    /** The event, or "field@column" of the error. */
    private static Object readOrError(EventLineParser p, String line) {
        try {
            return p.parse(line);
        } catch (EventLineException e) {
            return e.field() + "@" + e.column();
        }
    }
}
