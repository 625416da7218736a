package io.hoptrace.correlator.internal.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InterfaceTableTest {
    private static long convert(int tsresol, long tsoffset, long units) {
        InterfaceTable t = new InterfaceTable();
        t.add(1, 65535, tsresol, tsoffset);
        return t.toNanos(0, units);
    }

    @Test
    void convertsDecimalResolutions() {
        assertEquals(5_000_000_000L, convert(0, 0, 5)); // seconds
        assertEquals(1_234_000L, convert(6, 0, 1_234)); // microseconds, the default
        assertEquals(1_234L, convert(9, 0, 1_234));
        assertEquals(1L, convert(10, 0, 19)); // 10^-10 s, rounded down
    }

    @Test
    void convertsBinaryResolutions() {
        assertEquals(3_000_000_000L, convert(0x80, 0, 3)); // 2^0: seconds
        assertEquals(1_500_000_000L, convert(0x80 | 1, 0, 3)); // halves
        // 2^-40: more fraction bits than fit a 64-bit multiply by 10^9; 1 s + 2^39 units = 1.5 s.
        assertEquals(1_500_000_000L, convert(0x80 | 40, 0, (1L << 40) + (1L << 39)));
    }

    @Test
    void addsTheOffsetInSeconds() {
        assertEquals(-1_000_000_000L + 7_000L, convert(6, -1, 7));
    }

    @Test
    void growsPastFourInterfacesAndForgetsThemOnClear() {
        InterfaceTable t = new InterfaceTable();
        for (int i = 0; i < 10; i++) {
            t.add(100 + i, 65535, 9, 0);
        }
        assertEquals(10, t.count);
        assertEquals(109, t.linkType[9]);
        t.clear();
        assertEquals(0, t.count);
    }
}
