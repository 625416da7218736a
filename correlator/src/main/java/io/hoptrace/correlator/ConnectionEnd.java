package io.hoptrace.correlator;

/** How a captured TCP connection ended, as far as the capture shows. */
public enum ConnectionEnd {
    /** A FIN was seen (an orderly close, at least from one side). */
    FIN,
    /** A RST was seen; it wins over a FIN seen earlier, because it is what cut the connection. */
    RST,
    /** Neither: still open when the capture ended, or its end was not captured. */
    OPEN
}
