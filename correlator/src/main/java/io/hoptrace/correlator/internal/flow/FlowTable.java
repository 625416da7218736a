package io.hoptrace.correlator.internal.flow;

import io.hoptrace.correlator.Packet;
import io.hoptrace.events.Endpoint;
import io.hoptrace.events.FourTuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every TCP connection instance of a capture, found by four-tuple in a hand-written open-addressing table (linear
 * probing) keyed on the packet's own primitive fields: the two endpoints in normalised order (lower address, then
 * port, first) so both directions find the same entry. A slot holds the key's hash and the newest instance of its
 * tuple (which chains to the older ones and holds the key itself): 8 bytes a slot, and the instance is read anyway
 * to count the packet. Looking a packet up allocates nothing; memory grows with connections, not packets.
 */
public final class FlowTable {
    private static final int INITIAL_CAPACITY = 1 << 12;

    private final long idleNanos;
    private final InterfaceSlots slots = new InterfaceSlots();
    /** Every instance ever tracked, by id; null for a live table, which forgets what it removes. */
    private final List<FlowState> all;
    private int[] hashes;
    private FlowState[] flows;
    private int mask;
    /** Slots in use (tuples). */
    private int size;
    /** Instances created (the next id) and instances in the table. */
    private int created;
    private int instances;

    // The probe key of the packet being looked up: fields, not an object, so that no lookup allocates.
    private long pAHi;
    private long pALo;
    private long pBHi;
    private long pBLo;
    private int pPorts;
    private int pDir;

    /** A table for one read of captures: it keeps every instance ({@link #all}). */
    public FlowTable(long idleNanos) {
        this(idleNanos, true);
    }

    /**
     * With {@code keepAll} false, a table for live capture: instances are only in the table until
     * {@link #remove}d, so memory follows the connections still of interest.
     */
    public FlowTable(long idleNanos, boolean keepAll) {
        this.idleNanos = idleNanos;
        this.all = keepAll ? new ArrayList<>() : null;
        allocate(INITIAL_CAPACITY);
    }

    /** Counts a TCP packet into its connection instance (creating one when needed) and returns that instance. */
    public FlowState track(Packet p) {
        probe(p.srcAddrHi(), p.srcAddrLo(), p.srcPort(), p.dstAddrHi(), p.dstAddrLo(), p.dstPort());
        int h = hash(pAHi, pALo, pBHi, pBLo, pPorts);
        int i = find(h);
        FlowState f = flows[i];
        if (f == null) {
            f = newFlow(null);
            insert(i, h, f);
        } else if (f.startsNewInstance(p, pDir, idleNanos)) {
            f = newFlow(f);
            flows[i] = f;
        }
        f.add(p, pDir, slots.slotOf(p));
        return f;
    }

    /**
     * Notes that capture point {@code p.captureIndex()} also saw a packet already counted from another one, so that
     * the connection knows every capture point that saw it.
     */
    public void markSeen(Packet p) {
        probe(p.srcAddrHi(), p.srcAddrLo(), p.srcPort(), p.dstAddrHi(), p.dstAddrLo(), p.dstPort());
        FlowState f = flows[find(hash(pAHi, pALo, pBHi, pBLo, pPorts))];
        if (f != null) {
            f.captureMask |= 1L << Math.min(p.captureIndex(), 63);
        }
    }

    /** The instances of a four-tuple (either orientation), oldest first; empty when none was captured. */
    public List<FlowState> instances(FourTuple tuple) {
        FlowState f = newest(tuple);
        if (f == null) {
            return List.of();
        }
        List<FlowState> out = new ArrayList<>(f.instance + 1);
        for (; f != null; f = f.previous) {
            out.add(f);
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /**
     * The newest instance of a four-tuple (either orientation), which chains to the older ones through
     * {@link FlowState#previous()}; null when none was captured. Allocates nothing.
     */
    public FlowState newest(FourTuple tuple) {
        Endpoint c = tuple.client();
        Endpoint s = tuple.server();
        if (c.isUnknown() || s.isUnknown()) {
            return null;
        }
        byte[] ca = c.address().getAddress();
        byte[] sa = s.address().getAddress();
        probe(FlowAddresses.hi(ca), FlowAddresses.lo(ca), c.port(), FlowAddresses.hi(sa), FlowAddresses.lo(sa),
                s.port());
        return flows[find(hash(pAHi, pALo, pBHi, pBLo, pPorts))];
    }

    /** All instances in the order they appeared (their ids); empty for a live table. */
    public List<FlowState> all() {
        return all != null ? all : List.of();
    }

    /** Instances created so far (removed ones included). */
    public int connectionCount() {
        return created;
    }

    /** Instances in the table now: all of them, less the removed ones. */
    public int size() {
        return instances;
    }

    /** Every instance in the table (newest of each tuple first), in no particular order of tuples. */
    public void forEach(Consumer<FlowState> action) {
        for (FlowState newest : flows) {
            for (FlowState f = newest; f != null; f = f.previous) {
                action.accept(f);
            }
        }
    }

    /**
     * Takes an instance out of the table (live capture: its trace was reported, or nobody claimed it). A later
     * packet of its tuple starts a new instance. Returns false when it was not in the table.
     */
    public boolean remove(FlowState f) {
        probe(f.aHi, f.aLo, f.aPort, f.bHi, f.bLo, f.bPort);
        int i = find(hash(pAHi, pALo, pBHi, pBLo, pPorts));
        FlowState newest = flows[i];
        if (newest == f) {
            if (f.previous != null) {
                flows[i] = f.previous;
            } else {
                delete(i);
            }
        } else {
            FlowState later = newest;
            while (later != null && later.previous != f) {
                later = later.previous;
            }
            if (later == null) {
                return false;
            }
            later.previous = f.previous;
        }
        f.previous = null;
        instances--;
        return true;
    }

    public InterfaceSlots interfaceSlots() {
        return slots;
    }

    private void probe(long sHi, long sLo, int sPort, long dHi, long dLo, int dPort) {
        int c = Long.compareUnsigned(sHi, dHi);
        if (c == 0) {
            c = Long.compareUnsigned(sLo, dLo);
        }
        if (c == 0) {
            c = Integer.compare(sPort, dPort);
        }
        if (c <= 0) {
            pAHi = sHi;
            pALo = sLo;
            pBHi = dHi;
            pBLo = dLo;
            pPorts = (sPort << 16) | dPort;
            pDir = 0;
        } else {
            pAHi = dHi;
            pALo = dLo;
            pBHi = sHi;
            pBLo = sLo;
            pPorts = (dPort << 16) | sPort;
            pDir = 1;
        }
    }

    /** The slot of the probe key, or the empty slot where it would go. */
    private int find(int h) {
        int i = h & mask;
        FlowState f;
        while ((f = flows[i]) != null) {
            if (hashes[i] == h && f.aLo == pALo && f.bLo == pBLo && f.aPort == (pPorts >>> 16)
                    && f.bPort == (pPorts & 0xffff) && f.aHi == pAHi && f.bHi == pBHi) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return i;
    }

    private FlowState newFlow(FlowState previous) {
        FlowState f = new FlowState(created++, previous, pAHi, pALo, pPorts >>> 16, pBHi, pBLo,
                pPorts & 0xffff);
        instances++;
        if (all != null) {
            all.add(f);
        }
        return f;
    }

    private void insert(int i, int h, FlowState f) {
        hashes[i] = h;
        flows[i] = f;
        if (++size * 2 > flows.length) {
            grow();
        }
    }

    /** Backward-shift deletion for linear probing (Knuth, TAOCP vol. 3, 6.4 algorithm R): no tombstones. */
    private void delete(int hole) {
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            if (flows[i] == null) {
                break;
            }
            int home = hashes[i] & mask;
            // Move entry i into the hole when its home is not cyclically within (hole, i].
            boolean stays = hole <= i ? (hole < home && home <= i) : (hole < home || home <= i);
            if (!stays) {
                hashes[hole] = hashes[i];
                flows[hole] = flows[i];
                hole = i;
            }
        }
        hashes[hole] = 0;
        flows[hole] = null;
        size--;
    }

    private void grow() {
        int[] oldHashes = hashes;
        FlowState[] oldFlows = flows;
        allocate(oldFlows.length * 2);
        for (int j = 0; j < oldFlows.length; j++) {
            if (oldFlows[j] == null) {
                continue;
            }
            int i = oldHashes[j] & mask;
            while (flows[i] != null) {
                i = (i + 1) & mask;
            }
            hashes[i] = oldHashes[j];
            flows[i] = oldFlows[j];
        }
    }

    private void allocate(int capacity) {
        hashes = new int[capacity];
        flows = new FlowState[capacity];
        mask = capacity - 1;
    }

    private static int hash(long aHi, long aLo, long bHi, long bLo, int ports) {
        long h = aLo * 0x9E37_79B9_7F4A_7C15L;
        h = (h ^ bLo) * 0xC2B2_AE3D_27D4_EB4FL;
        h = (h ^ aHi ^ (bHi << 1)) * 0x1656_67B1_9E37_79F9L;
        h ^= ports * 0x85EB_CA6BL;
        h ^= h >>> 31;
        h *= 0x94D0_49BB_1331_11EBL;
        return (int) (h ^ (h >>> 32));
    }
}
