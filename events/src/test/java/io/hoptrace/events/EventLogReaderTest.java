package io.hoptrace.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogReaderTest {
    @TempDir
    Path dir;

    private static List<EventRecord> readAll(EventLogReader r) throws IOException {
        List<EventRecord> out = new ArrayList<>();
        for (EventRecord e; (e = r.next()) != null; ) {
            out.add(e);
        }
        return out;
    }

    @Test
    void readsJsonLinesWrittenByTheCodec() throws IOException {
        Path f = dir.resolve("rec.jsonl");
        Files.writeString(f, EventRecordCodec.metaLine("t") + "\n\n"
                + EventRecordCodec.encode(new EventRecord("edge", 5, SessionEvent.Close.bare(1))) + "\n");
        try (EventLogReader r = EventLogReader.open(f, null)) {
            List<EventRecord> all = readAll(r);
            assertEquals(1, all.size());
            assertEquals("edge", all.get(0).source());
            assertEquals(EventLogReader.Format.JSON_LINES, r.format());
        }
    }

    @Test
    void readsRawShowEventsTextUnderTheGivenSource() throws IOException {
        Path f = dir.resolve("edge.events");
        Files.writeString(f, "> + 1 127.0.0.1:1 127.0.0.1:2 127.0.0.1:3 127.0.0.1:4\n- 1\n");
        try (EventLogReader r = EventLogReader.open(f, "edge-proxy")) {
            List<EventRecord> all = readAll(r);
            assertEquals(2, all.size());
            assertEquals("edge-proxy", all.get(1).source());
            assertEquals(SessionEvent.NONE, all.get(1).tsMicros());
            assertEquals(EventLogReader.Format.SHOW_EVENTS, r.format());
        }
    }

    @Test
    void namesRawTextSourceAfterTheFileByDefault() throws IOException {
        Path f = dir.resolve("mid.events");
        Files.writeString(f, "- 1\n");
        try (EventLogReader r = EventLogReader.open(f, null)) {
            assertEquals("mid", r.next().source());
        }
    }

    @Test
    void readsGzipTransparently() throws IOException {
        Path f = dir.resolve("x.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write((EventRecordCodec.encode(new EventRecord("a", 1, SessionEvent.Close.bare(9))) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        try (EventLogReader r = EventLogReader.open(f, null)) {
            assertEquals(9, ((SessionEvent.Close) r.next().event()).id());
        }
    }

    @Test
    void namesFileAndLineOfABadLineAfterDeliveringEarlierOnes() throws IOException {
        Path f = dir.resolve("bad.events");
        Files.writeString(f, "- 1\n- 2\n+ 3 nonsense\n- 4\n");
        try (EventLogReader r = EventLogReader.open(f, "s")) {
            assertEquals(SessionEvent.Close.bare(1), r.next().event());
            assertEquals(SessionEvent.Close.bare(2), r.next().event());
            EventLogException e = assertThrows(EventLogException.class, r::next);
            assertEquals(3, e.line());
            assertTrue(e.getMessage().startsWith(f + ":3: "), e.getMessage());
            assertEquals(SessionEvent.Close.bare(4), r.next().event(), "the reader goes on after the bad line");
            assertNull(r.next());
        }
    }

    @Test
    void namesFileAndLineOfABadJsonLine() throws IOException {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, "{\"source\":\"a\",\"type\":\"close\",\"id\":1}\n{\"source\":\"a\",\"type\":\"close\"}\n");
        try (EventLogReader r = EventLogReader.open(f, null)) {
            r.next();
            EventLogException e = assertThrows(EventLogException.class, r::next);
            assertEquals(2, e.line());
            assertTrue(e.getMessage().contains("id:"), e.getMessage());
        }
    }
}
