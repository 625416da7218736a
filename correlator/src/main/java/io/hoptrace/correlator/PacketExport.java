package io.hoptrace.correlator;

import java.nio.file.Path;
import java.util.Objects;

/** What {@link Correlator#exportPackets} wrote: the file, its format ("pcap" or "pcapng"), frames, connections. */
public record PacketExport(Path file, String format, long packets, int connections) {
    public PacketExport {
        Objects.requireNonNull(file, "file");
        if (!"pcap".equals(format) && !"pcapng".equals(format)) {
            throw new IllegalArgumentException("format: expected pcap or pcapng, got '" + format + "'");
        }
        if (packets < 0 || connections < 0) {
            throw new IllegalArgumentException("packets/connections: expected non-negative counts, got " + packets
                    + "/" + connections);
        }
    }
}
