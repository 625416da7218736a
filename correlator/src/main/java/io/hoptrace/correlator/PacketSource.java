package io.hoptrace.correlator;

import java.io.Closeable;
import java.io.IOException;

/**
 * A cursor over packets: a capture file (pcap, pcapng, gzip of either) or a live interface. Pull-based so that
 * several sources (several capture points) can be merged by timestamp without copying packets.
 *
 * <p>{@link #next()} returns a reused view that stays valid until the following call. A damaged file throws
 * {@link CaptureFormatException} (file and byte offset) after every packet before the damage was returned.
 */
public interface PacketSource extends Closeable {
    /** A name for messages: the file path or the interface name. */
    String name();

    /** Advances to the next packet and returns it, or returns null at the end of the input. */
    Packet next() throws IOException;

    /** Bytes consumed so far and the total (-1 when unknown), for progress reporting. */
    default long position() {
        return -1;
    }

    default long size() {
        return -1;
    }
}
