package io.hoptrace.correlator;

/** Receives packets from a {@link PacketSource}, one at a time, on the source's thread. */
@FunctionalInterface
public interface PacketHandler {
    void onPacket(Packet packet);
}
