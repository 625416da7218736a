package io.hoptrace.tracer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.EventLogException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {
    @TempDir
    Path dir;

    @Test
    void expiresClosedSessionsByTheRecordingsOwnClock() throws IOException {
        Path f = dir.resolve("rec.jsonl");
        Files.writeString(f, String.join("\n",
                "{\"type\":\"meta\",\"schema\":1,\"tool\":\"t\"}",
                "{\"ts\":\"2026-11-26T05:39:52.000000Z\",\"source\":\"edge\",\"type\":\"open\",\"id\":1,"
                        + "\"client\":\"10.0.0.5:1\",\"frontend\":\"10.0.0.10:443\",\"backend\":\"10.0.0.10:2\","
                        + "\"server\":\"10.0.0.20:8443\"}",
                "{\"ts\":\"2026-11-26T05:39:53.000000Z\",\"source\":\"edge\",\"type\":\"close\",\"id\":1}",
                "{\"ts\":\"2026-11-26T05:39:54.000000Z\",\"source\":\"edge\",\"type\":\"open\",\"id\":2,"
                        + "\"client\":\"10.0.0.5:3\",\"frontend\":\"10.0.0.10:443\",\"backend\":\"10.0.0.10:4\","
                        + "\"server\":\"10.0.0.20:8443\"}",
                "{\"ts\":\"2026-11-26T05:41:00.000000Z\",\"source\":\"edge\",\"type\":\"open\",\"id\":3,"
                        + "\"client\":\"10.0.0.5:5\",\"frontend\":\"10.0.0.10:443\",\"backend\":\"10.0.0.10:6\","
                        + "\"server\":\"10.0.0.20:8443\"}",
                ""));
        SessionTable table = new SessionTable(Duration.ofSeconds(60));
        Replay.Result r = Replay.into(table, f);
        assertEquals(4, r.records());
        assertEquals(4, r.applied());
        assertFalse(table.get("edge", 1).isPresent(), "closed 67 s before the last record: expired");
        assertTrue(table.get("edge", 2).isPresent());
        assertEquals(2, table.openCount());
    }

    @Test
    void stopsAtAnUnreadableLineNamingFileAndLine() throws IOException {
        Path f = dir.resolve("rec.jsonl");
        Files.writeString(f, "{\"type\":\"meta\",\"schema\":1,\"tool\":\"t\"}\n{\"source\":\"edge\",\"type\":\"open\"}\n");
        EventLogException e = assertThrows(EventLogException.class, () -> Replay.into(new SessionTable(), f));
        assertTrue(e.getMessage().contains(":2"), e.getMessage());
    }
}
