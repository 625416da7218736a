package io.hoptrace.correlator.internal.flow;

import io.hoptrace.correlator.Packet;
import java.util.ArrayList;
import java.util.List;

/**
 * The distinct (capture, pcapng interface, link type) triples seen, numbered in order of appearance, so that a
 * connection can remember in one long which interfaces carried it and an export can write one interface
 * description per triple. The last triple is cached: a capture's packets rarely change interface.
 */
public final class InterfaceSlots {
    /** One capture interface: where frames of one link type came from. */
    public record Slot(int captureIndex, int interfaceId, int linkType) {
    }

    private final List<Slot> slots = new ArrayList<>();
    private int lastCapture = -1;
    private int lastInterface = -1;
    private int lastLinkType = -1;
    private int lastSlot = -1;

    public int slotOf(Packet p) {
        int c = p.captureIndex();
        int i = p.interfaceId();
        int l = p.linkType();
        if (c == lastCapture && i == lastInterface && l == lastLinkType) {
            return lastSlot;
        }
        int found = -1;
        for (int s = 0; s < slots.size(); s++) {
            Slot slot = slots.get(s);
            if (slot.captureIndex() == c && slot.interfaceId() == i && slot.linkType() == l) {
                found = s;
                break;
            }
        }
        if (found < 0) {
            found = slots.size();
            slots.add(new Slot(c, i, l));
        }
        lastCapture = c;
        lastInterface = i;
        lastLinkType = l;
        lastSlot = found;
        return found;
    }

    public List<Slot> slots() {
        return slots;
    }
}
