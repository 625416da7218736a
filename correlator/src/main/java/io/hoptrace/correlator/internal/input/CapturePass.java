package io.hoptrace.correlator.internal.input;

import io.hoptrace.correlator.InputDamage;
import io.hoptrace.correlator.Packet;
import io.hoptrace.correlator.PacketSource;
import io.hoptrace.correlator.ProgressListener;
import io.hoptrace.correlator.internal.flow.FlowState;
import io.hoptrace.correlator.internal.flow.FlowTable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
    /** Packets per batch handed from the reader thread to the tracker, and batches in flight (~1.5 MB). */
    private static final int BATCH_SIZE = 4096;
    private static final int BATCHES = 4;
    // 512 k fingerprints (about 12 MB): fewer only if more packets than that arrive within one window.
    private static final int DEDUPE_CAPACITY = 1 << 19;

    private final List<PacketSource> sources;
    private final long idleNanos;
    private final long dedupeWindowNanos;
    private final Consumer<InputDamage> damage;
    private long packets;
    private PacketCounter counter = new PacketCounter(null, null);

    public CapturePass(List<PacketSource> sources, long idleNanos, long dedupeWindowNanos,
                       Consumer<InputDamage> damage) {
        this.sources = List.copyOf(sources);
        this.idleNanos = idleNanos;
        this.dedupeWindowNanos = dedupeWindowNanos;
        this.damage = damage;
    }

    /**
     * Reads every capture and tracks its connections; with a {@code sink}, hands it each counted TCP packet with
     * its connection. Without one, reading and decoding run on a second thread, a few thousand packets ahead of
     * the tracking on this one: the two halves of the work cost about the same, and nothing else is left to do
     * while the captures are read (the event logs have their own thread).
     */
    public FlowTable run(ProgressListener progress, PacketSink sink) throws IOException {
        FlowTable table = new FlowTable(idleNanos);
        PacketMerger merger = new PacketMerger(sources, damage);
        // One capture point cannot see a packet twice in the sense of the filter; skip its cost.
        DuplicateFilter dedupe = sources.size() > 1 ? new DuplicateFilter(dedupeWindowNanos, DEDUPE_CAPACITY) : null;
        PacketCounter counter = new PacketCounter(table, dedupe);
        this.counter = counter;
        long total = merger.size();
        if (sink == null) {
            runPipelined(merger, counter, progress, total);
            return table;
        }
        Packet p;
        while ((p = merger.next()) != null) {
            packets++;
            if ((packets & (PROGRESS_EVERY - 1)) == 0) {
                progress.progress(merger.position(), total);
            }
            if (!p.isTcp()) {
                continue;
            }
            FlowState f = counter.count(p);
            if (f != null) {
                sink.accept(p, f);
            }
        }
        progress.progress(merger.position(), total);
        return table;
    }

    private void runPipelined(PacketMerger merger, PacketCounter counter, ProgressListener progress, long total)
            throws IOException {
        BlockingQueue<PacketBatch> filled = new ArrayBlockingQueue<>(BATCHES);
        BlockingQueue<PacketBatch> free = new ArrayBlockingQueue<>(BATCHES);
        for (int i = 0; i < BATCHES; i++) {
            free.add(new PacketBatch(BATCH_SIZE));
        }
        Thread reader = new Thread(() -> readAhead(merger, filled, free), "hoptrace-capture-reader");
        reader.setDaemon(true);
        reader.start();
        long nextProgress = PROGRESS_EVERY;
        try {
            while (true) {
                PacketBatch b = filled.take();
                if (b.failure != null) {
                    throw b.failure;
                }
                for (int i = 0; i < b.size; i++) {
                    counter.count(b.view(i));
                }
                packets += b.read;
                if (packets >= nextProgress || b.last) {
                    progress.progress(b.position, total);
                    nextProgress = packets + PROGRESS_EVERY;
                }
                if (b.last) {
                    break;
                }
                free.add(b);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the captures");
        } finally {
            reader.interrupt(); // when tracking failed, the reader may be waiting for a free batch
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The reader thread: fills batches with the merged TCP packets until the captures end. */
    private static void readAhead(PacketMerger merger, BlockingQueue<PacketBatch> filled,
                                  BlockingQueue<PacketBatch> free) {
        try {
            PacketBatch b = free.take();
            b.clear();
            try {
                Packet p;
                while ((p = merger.next()) != null) {
                    b.read++;
                    if (p.isTcp()) {
                        b.add(p);
                        if (b.full()) {
                            b.position = merger.position();
                            filled.put(b);
                            b = free.take();
                            b.clear();
                        }
                    }
                }
                b.position = merger.position();
            } catch (RuntimeException e) {
                b.failure = e;
            }
            b.last = true;
            filled.put(b);
        } catch (InterruptedException e) {
            // The tracking side stopped first (it failed); nobody waits for more batches.
        }
    }

    public long packets() {
        return packets;
    }

    public long tcpPackets() {
        return counter.tcpPackets();
    }

    public long duplicates() {
        return counter.duplicates();
    }

    public long firstNanos() {
        return counter.firstNanos();
    }

    public long lastNanos() {
        return counter.lastNanos();
    }
}
