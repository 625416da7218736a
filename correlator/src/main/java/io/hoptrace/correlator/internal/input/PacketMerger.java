package io.hoptrace.correlator.internal.input;

import io.hoptrace.correlator.CaptureFormatException;
import io.hoptrace.correlator.InputDamage;
import io.hoptrace.correlator.Packet;
import io.hoptrace.correlator.PacketSource;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * A k-way merge of packet sources by timestamp: each call returns the earliest of the sources' current packets
 * (the lower capture index on a tie), without copying it. A source is advanced only when its packet has been
 * returned, so every source's reused view stays valid until it is consumed. The sources are few (capture points),
 * so a linear scan beats a heap.
 *
 * <p>A source that fails is reported to the damage sink (with its byte offset) and dropped; the others go on.
 */
public final class PacketMerger {
    private final PacketSource[] sources;
    private final Packet[] heads;
    private final boolean[] ended;
    private final Consumer<InputDamage> damage;
    private int last = -1;
    private boolean started;

    public PacketMerger(List<PacketSource> sources, Consumer<InputDamage> damage) {
        this.sources = sources.toArray(new PacketSource[0]);
        this.heads = new Packet[this.sources.length];
        this.ended = new boolean[this.sources.length];
        this.damage = damage;
    }

    public Packet next() {
        if (sources.length == 1) {
            // One capture point (the common case): nothing to merge.
            advance(0);
            return heads[0];
        }
        if (!started) {
            started = true;
            for (int i = 0; i < sources.length; i++) {
                advance(i);
            }
        } else if (last >= 0) {
            advance(last);
        }
        int best = -1;
        long bestTs = Long.MAX_VALUE;
        for (int i = 0; i < heads.length; i++) {
            Packet h = heads[i];
            if (h != null && (best < 0 || h.timestampNanos() < bestTs)) {
                best = i;
                bestTs = h.timestampNanos();
            }
        }
        last = best;
        return best < 0 ? null : heads[best];
    }

    /** Bytes consumed over all sources, for progress. */
    public long position() {
        long sum = 0;
        for (PacketSource s : sources) {
            sum += Math.max(0, s.position());
        }
        return sum;
    }

    /** Total bytes over all sources, or -1 when one of them does not know its size. */
    public long size() {
        long sum = 0;
        for (PacketSource s : sources) {
            if (s.size() < 0) {
                return -1;
            }
            sum += s.size();
        }
        return sum;
    }

    private void advance(int i) {
        if (ended[i]) {
            heads[i] = null;
            return;
        }
        try {
            heads[i] = sources[i].next();
        } catch (CaptureFormatException e) {
            damage.accept(new InputDamage(e.file(), e.getMessage()));
            heads[i] = null;
        } catch (IOException e) {
            String name = sources[i].name();
            damage.accept(new InputDamage(name, name + ": byte offset " + Math.max(0, sources[i].position())
                    + ": " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())));
            heads[i] = null;
        }
        ended[i] = heads[i] == null;
    }
}
