package io.hoptrace.correlator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A packet source over a list (sorted by time), optionally damaged after some packets like a corrupt file. */
public final class ListPacketSource implements PacketSource {
    private final String name;
    private final List<? extends Packet> packets;
    private final int damagedAfter;
    private int next;
    private boolean closed;

    public ListPacketSource(String name, List<? extends Packet> packets) {
        this(name, packets, -1);
    }

    public ListPacketSource(String name, List<? extends Packet> packets, int damagedAfter) {
        List<Packet> sorted = new ArrayList<>(packets);
        sorted.sort(Comparator.comparingLong(Packet::timestampNanos));
        this.name = name;
        this.packets = sorted;
        this.damagedAfter = damagedAfter;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Packet next() throws IOException {
        if (closed) {
            throw new IOException(name + ": closed");
        }
        if (next == damagedAfter) {
            throw new CaptureFormatException(name, position(), "record length 99999999 exceeds the snap length");
        }
        return next < packets.size() ? packets.get(next++) : null;
    }

    @Override
    public long position() {
        return 24 + 100L * next;
    }

    @Override
    public long size() {
        return 24 + 100L * packets.size();
    }

    @Override
    public void close() {
        closed = true;
    }

    public boolean closed() {
        return closed;
    }
}
