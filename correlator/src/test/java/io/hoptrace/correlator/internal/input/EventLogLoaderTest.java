package io.hoptrace.correlator.internal.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.correlator.InputDamage;
import io.hoptrace.events.EventLogReader;
import io.hoptrace.events.EventRecord;
import io.hoptrace.events.SessionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogLoaderTest {
    @TempDir
    Path tmp;

    private Path log(String name, String... lines) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, List.of(lines));
        return p;
    }

    private static String open(String source, long id) {
        return "{\"ts\":\"2026-11-26T05:39:52.000001Z\",\"source\":\"" + source + "\",\"type\":\"open\",\"id\":" + id
                + ",\"client\":\"10.0.0.5:5000\",\"frontend\":\"10.0.0.10:443\",\"backend\":\"10.0.0.10:6000\","
                + "\"server\":\"10.0.0.20:80\"}";
    }

    private static List<String> refs(List<EventRecord> records) {
        List<String> out = new ArrayList<>();
        for (EventRecord r : records) {
            out.add(r.source() + "#" + ((SessionEvent.Open) r.event()).id());
        }
        return out;
    }

    @Test
    void readsDeferredLogsOnASecondThreadInTheOrderAdded() throws IOException {
        List<EventRecord> seen = Collections.synchronizedList(new ArrayList<>());
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        EventLogLoader loader = new EventLogLoader(r -> {
            seen.add(r);
            threads.add(Thread.currentThread().getName());
        });
        loader.defer(EventLogReader.open(log("a.jsonl", open("a", 1), open("a", 2)), null), 0);
        loader.defer(EventLogReader.open(log("b.jsonl", open("b", 3)), null), 0);
        loader.start();
        List<InputDamage> damage = new ArrayList<>();
        loader.finish(damage);
        assertEquals(List.of("a#1", "a#2", "b#3"), refs(seen));
        assertEquals(List.of("hoptrace-event-logs"), threads.stream().distinct().toList());
        assertEquals(List.of(), damage);
    }

    @Test
    void readDeferredReadsOnTheCallingThread() throws IOException {
        List<String> threads = new ArrayList<>();
        EventLogLoader loader = new EventLogLoader(r -> threads.add(Thread.currentThread().getName()));
        loader.defer(EventLogReader.open(log("a.jsonl", open("a", 1)), null), 0);
        loader.readDeferred(new ArrayList<>());
        assertEquals(List.of(Thread.currentThread().getName()), threads);
    }

    @Test
    void putsEachLogsDamageAtTheSlotItWasAddedAt() throws IOException {
        EventLogLoader loader = new EventLogLoader(r -> { });
        Path a = log("a.jsonl", "garbage a");
        Path b = log("b.jsonl", open("b", 1), "garbage b");
        List<InputDamage> damage = new ArrayList<>();
        loader.defer(EventLogReader.open(a, null), damage.size());
        damage.add(new InputDamage("x.pcap", "x.pcap: added between the logs"));
        loader.defer(EventLogReader.open(b, null), damage.size());
        damage.add(new InputDamage("y.pcap", "y.pcap: added after the logs"));
        loader.start();
        loader.finish(damage);
        assertEquals(List.of(a.toString(), "x.pcap", b.toString(), "y.pcap"),
                damage.stream().map(InputDamage::input).toList());
        assertTrue(damage.get(2).message().startsWith(b + ":2: "), damage.get(2).message());
    }

    @Test
    void countsDamagedLinesBeyondTenInOneNote() throws IOException {
        String[] lines = new String[13];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = "garbage " + i;
        }
        Path p = log("bad.jsonl", lines);
        List<InputDamage> damage = new ArrayList<>();
        try (EventLogReader r = EventLogReader.open(p, null)) {
            EventLogLoader.read(r, rec -> { }, damage);
        }
        assertEquals(11, damage.size());
        assertEquals(p + ": 3 more damaged lines", damage.get(10).message());
    }

    @Test
    void finishWithoutStartReadsWhatWasDeferred() throws IOException {
        List<EventRecord> seen = new ArrayList<>();
        EventLogLoader loader = new EventLogLoader(seen::add);
        loader.defer(EventLogReader.open(log("a.jsonl", open("a", 1)), null), 0);
        loader.finish(new ArrayList<>());
        assertEquals(List.of("a#1"), refs(seen));
    }
}
