package io.hoptrace.correlator;

import java.io.Closeable;
import java.io.IOException;

/**
 * A stream of packets: a capture file (pcap, pcapng, gzip of either) or a live interface. {@link #run} delivers
 * every packet in order and returns at the end of the input (or when the source is closed, for live capture).
 * A damaged file ends with a {@link CaptureFormatException} after every packet before the damage was delivered.
 */
public interface PacketSource extends Closeable {
    /** A name for messages: the file path or the interface name. */
    String name();

    void run(PacketHandler handler) throws IOException;
}
