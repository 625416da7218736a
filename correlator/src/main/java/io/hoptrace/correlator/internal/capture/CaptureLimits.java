package io.hoptrace.correlator.internal.capture;

/** Bounds that tell a damaged record from a real one. */
final class CaptureLimits {
    /**
     * The largest captured length a real record has: libpcap's and tcpdump's maximum snap length (262144,
     * MAXIMUM_SNAPLEN in libpcap). Anything larger is a corrupt length field.
     */
    static final int MAX_SNAPLEN = 262_144;

    private CaptureLimits() {
    }

    /**
     * The largest captured length accepted for a file or interface with this snap length: twice the snap length
     * (some writers exceed it slightly), never above {@link #MAX_SNAPLEN}; a snap length of 0 (unknown) or above
     * the maximum gives the maximum.
     */
    static int maxCaplen(int snaplen) {
        if (snaplen <= 0 || snaplen >= MAX_SNAPLEN / 2) {
            return MAX_SNAPLEN;
        }
        return Math.max(snaplen * 2, 64);
    }
}
