package io.hoptrace.correlator.internal.capture;

import java.util.Arrays;

/**
 * The interfaces of the current pcapng section, in parallel arrays indexed by interface id, with each one's
 * timestamp conversion precomputed so that converting a packet's timestamp is a multiply or a shift.
 */
final class InterfaceTable {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int MULTIPLY = 0;
    private static final int DIVIDE = 1;
    private static final int BINARY = 2;

    int count;
    int[] linkType = new int[4];
    int[] snaplen = new int[4];
    int[] maxCaplen = new int[4];
    private int[] mode = new int[4];
    /** MULTIPLY/DIVIDE: the power of 10; BINARY: the number of fraction bits. */
    private long[] factor = new long[4];
    private long[] offsetNanos = new long[4];

    void clear() {
        count = 0;
    }

    /**
     * Adds the next interface. {@code tsresol} is the raw {@code if_tsresol} byte (pcapng draft 4.2): most
     * significant bit clear, the resolution is 10^-n seconds; set, 2^-n. {@code tsoffsetSeconds} is
     * {@code if_tsoffset}, added to every timestamp.
     */
    void add(int linkType, int snaplen, int tsresol, long tsoffsetSeconds) {
        if (count == this.linkType.length) {
            int n = count * 2;
            this.linkType = Arrays.copyOf(this.linkType, n);
            this.snaplen = Arrays.copyOf(this.snaplen, n);
            maxCaplen = Arrays.copyOf(maxCaplen, n);
            mode = Arrays.copyOf(mode, n);
            factor = Arrays.copyOf(factor, n);
            offsetNanos = Arrays.copyOf(offsetNanos, n);
        }
        int i = count++;
        this.linkType[i] = linkType;
        this.snaplen[i] = snaplen;
        maxCaplen[i] = CaptureLimits.maxCaplen(snaplen);
        offsetNanos[i] = tsoffsetSeconds * NANOS_PER_SECOND;
        int n = tsresol & 0x7F;
        if ((tsresol & 0x80) != 0) {
            mode[i] = BINARY;
            factor[i] = Math.min(n, 63);
        } else if (n <= 9) {
            mode[i] = MULTIPLY;
            factor[i] = pow10(9 - n);
        } else {
            mode[i] = DIVIDE;
            factor[i] = pow10(Math.min(n, 18) - 9);
        }
    }

    /** Converts a timestamp in the interface's units to nanoseconds since the epoch (rounding down). */
    long toNanos(int id, long units) {
        long f = factor[id];
        long nanos;
        switch (mode[id]) {
            case MULTIPLY -> nanos = units * f;
            case DIVIDE -> nanos = Long.divideUnsigned(units, f);
            default -> {
                int bits = (int) f;
                long seconds = units >>> bits;
                long fraction = units & ((1L << bits) - 1);
                // fraction * 10^9 must fit in 64 bits: keep at most 33 fraction bits (finer than 1 ns anyway).
                if (bits > 33) {
                    fraction >>>= bits - 33;
                    bits = 33;
                }
                nanos = seconds * NANOS_PER_SECOND + ((fraction * NANOS_PER_SECOND) >>> bits);
            }
        }
        return nanos + offsetNanos[id];
    }

    private static long pow10(int n) {
        long v = 1;
        for (int k = 0; k < n; k++) {
            v *= 10;
        }
        return v;
    }
}
