package io.hoptrace.correlator.internal.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.correlator.TestPacket;
import io.hoptrace.correlator.TestPackets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DuplicateFilterTest {
    private static final long WINDOW = 1_000_000_000L;

    private static List<TestPacket> conversation() {
        TestPackets t = new TestPackets(0);
        t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(0, 1).request(2, 100).response(3, 200);
        return t.packets();
    }

    @Test
    void samePacketFromAnotherCapturePointIsDuplicate() {
        DuplicateFilter f = new DuplicateFilter(WINDOW, 1 << 10);
        for (TestPacket p : conversation()) {
            assertFalse(f.isDuplicate(p));
            assertTrue(f.isDuplicate(p.seenAt(1, 300_000)));
        }
    }

    @Test
    void samePacketTwiceInOneCaptureIsNotDuplicate() {
        DuplicateFilter f = new DuplicateFilter(WINDOW, 1 << 10);
        TestPacket p = conversation().get(3);
        assertFalse(f.isDuplicate(p));
        assertFalse(f.isDuplicate(p.seenAt(0, 200_000_000)));
    }

    @Test
    void samePacketOutsideTheWindowIsNotDuplicate() {
        DuplicateFilter f = new DuplicateFilter(WINDOW, 1 << 10);
        TestPacket p = conversation().get(3);
        assertFalse(f.isDuplicate(p));
        assertFalse(f.isDuplicate(p.seenAt(1, 2 * WINDOW)));
    }

    @Test
    void retransmissionWithNewIpIdIsNotDuplicate() {
        TestPackets t = new TestPackets(0);
        t.conversation("10.0.0.5:50000", "10.0.0.10:443").handshake(0, 1).request(2, 100).retransmitRequest(3);
        List<TestPacket> p = t.packets();
        DuplicateFilter f = new DuplicateFilter(WINDOW, 1 << 10);
        assertFalse(f.isDuplicate(p.get(3)));
        assertFalse(f.isDuplicate(p.get(4).seenAt(1, 0)));
    }

    @Test
    void memoryStaysWithinCapacity() {
        DuplicateFilter f = new DuplicateFilter(WINDOW, 1 << 8);
        TestPackets t = new TestPackets(0);
        TestPackets.Conversation c = t.conversation("10.0.0.5:50000", "10.0.0.10:443");
        for (int i = 0; i < 5_000; i++) {
            c.request(i * 0.001, 10);
        }
        for (TestPacket p : t.packets()) {
            assertFalse(f.isDuplicate(p));
        }
        assertEquals(1 << 8, f.remembered());
        // The most recent packets are still recognised.
        assertTrue(f.isDuplicate(t.packets().get(4_999).seenAt(1, 0)));
    }

    @Test
    void oldFingerprintsExpire() {
        DuplicateFilter f = new DuplicateFilter(WINDOW, 1 << 10);
        List<TestPacket> p = conversation();
        for (TestPacket x : p) {
            f.isDuplicate(x);
        }
        TestPackets later = new TestPackets(0);
        later.conversation("10.0.0.6:50000", "10.0.0.10:443").handshake(5_000, 1);
        f.isDuplicate(later.packets().get(0));
        assertEquals(1, f.remembered());
    }

    @Test
    void rejectsCapacityThatIsNotAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new DuplicateFilter(WINDOW, 1000));
    }
}
