package io.hoptrace.correlator.internal.input;

import io.hoptrace.correlator.InputDamage;
import io.hoptrace.correlator.Packet;
import io.hoptrace.correlator.PacketSource;
import io.hoptrace.correlator.ProgressListener;
import io.hoptrace.correlator.internal.flow.FlowState;
import io.hoptrace.correlator.internal.flow.FlowTable;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * One read of all captures: merged by time, duplicates across capture points dropped, every TCP packet counted
 * into its connection instance. Deterministic: reading the same captures again with the same settings gives the
 * same connection ids, which is how a second pass finds the frames of the connections the first one selected.
 */
public final class CapturePass {
    /** Receives each counted TCP packet with its connection instance (second pass: copy selected frames). */
    @FunctionalInterface
    public interface PacketSink {
        void accept(Packet p, FlowState flow) throws IOException;
    }

    private static final int PROGRESS_EVERY = 1 << 16;
    // 512 k fingerprints (about 12 MB): fewer only if more packets than that arrive within one window.
    private static final int DEDUPE_CAPACITY = 1 << 19;

    private final List<PacketSource> sources;
    private final long idleNanos;
    private final long dedupeWindowNanos;
    private final Consumer<InputDamage> damage;
    private long packets;
    private long tcpPackets;
    private long duplicates;
    private long firstNanos = -1;
    private long lastNanos = -1;

    public CapturePass(List<PacketSource> sources, long idleNanos, long dedupeWindowNanos,
                       Consumer<InputDamage> damage) {
        this.sources = List.copyOf(sources);
        this.idleNanos = idleNanos;
        this.dedupeWindowNanos = dedupeWindowNanos;
        this.damage = damage;
    }

    public FlowTable run(ProgressListener progress, PacketSink sink) throws IOException {
        FlowTable table = new FlowTable(idleNanos);
        PacketMerger merger = new PacketMerger(sources, damage);
        // One capture point cannot see a packet twice in the sense of the filter; skip its cost.
        DuplicateFilter dedupe = sources.size() > 1 ? new DuplicateFilter(dedupeWindowNanos, DEDUPE_CAPACITY) : null;
        long total = merger.size();
        Packet p;
        while ((p = merger.next()) != null) {
            packets++;
            if ((packets & (PROGRESS_EVERY - 1)) == 0) {
                progress.progress(merger.position(), total);
            }
            if (!p.isTcp()) {
                continue;
            }
            if (dedupe != null && dedupe.isDuplicate(p)) {
                duplicates++;
                table.markSeen(p);
                continue;
            }
            tcpPackets++;
            long ts = p.timestampNanos();
            if (firstNanos < 0 || ts < firstNanos) {
                firstNanos = ts;
            }
            lastNanos = Math.max(lastNanos, ts);
            FlowState f = table.track(p);
            if (sink != null) {
                sink.accept(p, f);
            }
        }
        progress.progress(merger.position(), total);
        return table;
    }

    public long packets() {
        return packets;
    }

    public long tcpPackets() {
        return tcpPackets;
    }

    public long duplicates() {
        return duplicates;
    }

    public long firstNanos() {
        return firstNanos;
    }

    public long lastNanos() {
        return lastNanos;
    }
}
