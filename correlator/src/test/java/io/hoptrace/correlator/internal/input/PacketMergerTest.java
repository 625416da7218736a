package io.hoptrace.correlator.internal.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.correlator.InputDamage;
import io.hoptrace.correlator.ListPacketSource;
import io.hoptrace.correlator.Packet;
import io.hoptrace.correlator.TestPackets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacketMergerTest {
    private static TestPackets at(int capture, double... times) {
        TestPackets t = new TestPackets(capture);
        TestPackets.Conversation c = t.conversation("10.0.0." + (capture + 1) + ":5000", "10.0.0.100:80");
        for (double ms : times) {
            c.request(ms, 1);
        }
        return t;
    }

    @Test
    void mergesSourcesByTimestamp() {
        List<InputDamage> damage = new ArrayList<>();
        PacketMerger m = new PacketMerger(List.of(at(0, 1, 4, 5).source("a"), at(1, 2, 3, 6).source("b"),
                at(2).source("empty")), damage::add);
        List<Long> times = new ArrayList<>();
        List<Integer> captures = new ArrayList<>();
        Packet p;
        while ((p = m.next()) != null) {
            times.add(p.timestampNanos());
            captures.add(p.captureIndex());
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), times.stream().map(t -> (t - TestPackets.BASE_NANOS)
                / 1_000_000).toList());
        assertEquals(List.of(0, 1, 1, 0, 0, 1), captures);
        assertEquals(List.of(), damage);
        assertEquals(m.size(), m.position());
    }

    @Test
    void equalTimestampsComeInCaptureOrder() {
        PacketMerger m = new PacketMerger(List.of(at(0, 1).source("a"), at(1, 1).source("b")), d -> { });
        assertEquals(0, m.next().captureIndex());
        assertEquals(1, m.next().captureIndex());
        assertEquals(null, m.next());
    }

    @Test
    void damagedSourceIsReportedAndTheOthersGoOn() {
        List<InputDamage> damage = new ArrayList<>();
        ListPacketSource broken = new ListPacketSource("broken.pcap", at(0, 1, 2, 3).packets(), 2);
        PacketMerger m = new PacketMerger(List.of(broken, at(1, 1.5, 2.5, 3.5, 4.5).source("good")), damage::add);
        int fromBroken = 0;
        int fromGood = 0;
        Packet p;
        while ((p = m.next()) != null) {
            if (p.captureIndex() == 0) {
                fromBroken++;
            } else {
                fromGood++;
            }
        }
        assertEquals(2, fromBroken);
        assertEquals(4, fromGood);
        assertEquals(1, damage.size());
        assertEquals("broken.pcap", damage.get(0).input());
        assertTrue(damage.get(0).message().contains("byte offset 224"), damage.get(0).message());
    }
}
