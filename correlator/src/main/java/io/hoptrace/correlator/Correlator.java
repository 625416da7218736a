package io.hoptrace.correlator;

import io.hoptrace.correlator.internal.flow.FlowState;
import io.hoptrace.correlator.internal.flow.FlowStatsConverter;
import io.hoptrace.correlator.internal.flow.FlowTable;
import io.hoptrace.correlator.internal.flow.InterfaceSlots;
import io.hoptrace.correlator.internal.input.CapturePass;
import io.hoptrace.correlator.internal.input.EventLogLoader;
import io.hoptrace.correlator.internal.match.HopChainer;
import io.hoptrace.correlator.internal.match.MatchedSession;
import io.hoptrace.correlator.internal.match.SessionCollector;
import io.hoptrace.correlator.internal.match.SessionMatcher;
import io.hoptrace.correlator.internal.match.TraceBuilder;
import io.hoptrace.correlator.internal.report.FrameWriter;
import io.hoptrace.correlator.internal.report.PcapFrameWriter;
import io.hoptrace.correlator.internal.report.PcapngFrameWriter;
import io.hoptrace.events.EventLogReader;
import io.hoptrace.events.EventRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * One correlation run: add the event logs and the packet sources (one per capture point), {@link #run} to get the
 * report, then optionally {@link #exportPackets} the frames of the reported traces from a second read of the
 * same captures.
 *
 * <pre>{@code
 * Correlator c = new Correlator(CorrelationOptions.defaults());
 * c.addEventLog(Path.of("edge.jsonl"), null);
 * c.addPacketSource(CaptureFiles.open(Path.of("edge.pcap"), 0));
 * CorrelationReport report = c.run(ProgressListener.NONE);
 * }</pre>
 *
 * Damaged input does not stop a run: a damaged event log line or capture record becomes an {@link InputDamage}
 * of the report and everything before it (and, for event logs, after it) is used.
 */
public final class Correlator {
    private final CorrelationOptions options;
    private final SessionCollector collector = new SessionCollector();
    private final EventLogLoader logs = new EventLogLoader(collector::add);
    private final List<PacketSource> sources = new ArrayList<>();
    private final List<InputDamage> damage = new ArrayList<>();
    private List<InterfaceSlots.Slot> slots = List.of();
    /** The report of {@link #run} and the capture interfaces (bits of {@link #slots}) its traces' packets used. */
    private CorrelationReport lastReport;
    private long lastReportSlots;
    private List<String> captureNames = List.of();
    private boolean ran;

    public Correlator(CorrelationOptions options) {
        this.options = options;
    }

    public CorrelationOptions options() {
        return options;
    }

    /**
     * Adds an event log (JSON Lines or raw {@code show events} text, gzip or not); {@code source} names the proxy
     * of raw text (null: from the file name). The file is opened now (this throws only when it cannot be) and read
     * by {@link #run}, on a second thread while the captures are read.
     */
    public void addEventLog(Path file, String source) throws IOException {
        logs.defer(EventLogReader.open(file, source), damage.size());
    }

    /** Reads every record of an open event log now; damaged lines become damage notes and reading goes on. */
    public void addEventLog(EventLogReader reader) {
        readDeferredLogs(); // the logs added before this one come first
        EventLogLoader.read(reader, collector::add, damage);
    }

    public void addEvent(EventRecord r) {
        readDeferredLogs();
        collector.add(r);
    }

    /** Adds a capture point; its packets must carry the capture index it was added with (0, 1, ...). */
    public void addPacketSource(PacketSource source) {
        sources.add(source);
    }

    /** Records damage found outside the run (a capture whose header could not be read). */
    public void addDamage(InputDamage d) {
        damage.add(d);
    }

    public CorrelationReport run() throws IOException {
        return run(ProgressListener.NONE);
    }

    /** Reads the captures (closing them), matches, chains and reports. Call once. */
    public CorrelationReport run(ProgressListener progress) throws IOException {
        if (ran) {
            throw new IllegalStateException("a Correlator runs once; make a new one");
        }
        ran = true;
        List<String> names = new ArrayList<>();
        for (PacketSource s : sources) {
            names.add(s.name());
        }
        captureNames = names;
        // The logs are read on a second thread meanwhile; their damage notes go before the captures'.
        List<InputDamage> captureDamage = new ArrayList<>();
        CapturePass pass = newPass(sources, captureDamage);
        FlowTable table;
        logs.start();
        try {
            table = pass.run(progress, null);
        } finally {
            try {
                closeAll(sources);
            } finally {
                logs.finish(damage);
            }
        }
        damage.addAll(captureDamage);
        slots = List.copyOf(table.interfaceSlots().slots());

        long skew = options.maxSkew().toNanos();
        List<MatchedSession> sessions = collector.sessions();
        SessionMatcher matcher = new SessionMatcher(table, skew);
        matcher.match(sessions);
        List<List<MatchedSession>> chains = new HopChainer(skew).chain(sessions);

        FlowStatsConverter converter = new FlowStatsConverter();
        TraceBuilder builder = new TraceBuilder(converter);
        FollowFilter follow = options.follow();
        List<Trace> traces = new ArrayList<>();
        long complete = 0;
        for (List<MatchedSession> chain : chains) {
            Trace t = builder.build(chain);
            complete += t.complete() ? 1 : 0;
            if (follow.matches(t)) {
                traces.add(t);
            }
        }
        traces.sort(Comparator.comparingLong((Trace t) -> t.startNanos() == Trace.NONE ? Long.MAX_VALUE
                : t.startNanos()).thenComparing(t -> t.proxies().get(0).ref()));
        long usedSlots = 0;
        for (Trace t : traces) {
            for (Hop h : t.hops()) {
                if (h.captured()) {
                    usedSlots |= table.all().get(h.connection().id()).slotMask();
                }
            }
        }

        List<ConnectionStats> unexplained = new ArrayList<>();
        long unexplainedTotal = 0;
        for (FlowState f : table.all()) {
            if (!matcher.explained(f)) {
                unexplainedTotal++;
                ConnectionStats c = converter.stats(f);
                if (follow.matches(c.tuple())) {
                    unexplained.add(c);
                }
            }
        }
        List<ProxySession> uncaptured = new ArrayList<>();
        long uncapturedTotal = 0;
        long failed = 0;
        for (MatchedSession s : sessions) {
            failed += s.session().failed() ? 1 : 0;
            if (!s.captured()) {
                uncapturedTotal++;
                if (follow.matches(s.session())) {
                    uncaptured.add(s.session());
                }
            }
        }
        CorrelationCounts counts = new CorrelationCounts(sources.size(), pass.packets(), pass.tcpPackets(),
                pass.duplicates(), table.connectionCount(), unexplainedTotal, sessions.size(), failed,
                sessions.size() - uncapturedTotal, uncapturedTotal, chains.size(), complete, pass.firstNanos(),
                pass.lastNanos());
        lastReport = new CorrelationReport(traces, unexplained, uncaptured, damage, collector.warnings(), counts,
                follow);
        lastReportSlots = usedSlots;
        return lastReport;
    }

    /**
     * Writes the frames of every captured hop of the report's traces to {@code out}, read again from
     * {@code again}: the same captures, freshly opened, in the same order. Memory stays bounded (the captures are
     * streamed twice instead of frames being kept). Classic pcap (nanosecond) when all those frames share one link
     * type, else pcapng with one interface description per capture interface. Duplicates seen at two capture
     * points are written once.
     */
    public PacketExport exportPackets(CorrelationReport report, List<PacketSource> again, Path out)
            throws IOException {
        if (!ran) {
            throw new IllegalStateException("run() first: the export writes the connections of its report");
        }
        BitSet selected = new BitSet();
        for (Trace t : report.traces()) {
            for (Hop h : t.hops()) {
                if (h.captured()) {
                    selected.set(h.connection().id());
                }
            }
        }
        // Another report of the same run (filtered by the caller) uses at most the interfaces of all of them.
        long usedSlots = report == lastReport ? lastReportSlots : -1L;
        List<InterfaceSlots.Slot> used = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            if ((usedSlots & (1L << Math.min(i, 63))) != 0) { // bit 63 stands for interfaces 63 and above
                InterfaceSlots.Slot s = slots.get(i);
                used.add(s);
                String capture = s.captureIndex() < captureNames.size() ? captureNames.get(s.captureIndex())
                        : "capture " + s.captureIndex();
                names.add(capture + (s.interfaceId() != 0 ? " interface " + s.interfaceId() : ""));
            }
        }
        boolean oneLinkType = used.stream().mapToInt(InterfaceSlots.Slot::linkType).distinct().count() <= 1;
        int linkType = used.isEmpty() ? 1 : used.get(0).linkType(); // LINKTYPE_ETHERNET for an empty file
        CapturePass pass = newPass(again, new ArrayList<>());
        try (FrameWriter writer = oneLinkType
                ? new PcapFrameWriter(new BufferedOutputStream(Files.newOutputStream(out), 1 << 16), linkType)
                : new PcapngFrameWriter(new BufferedOutputStream(Files.newOutputStream(out), 1 << 16), used,
                        names)) {
            try {
                pass.run(ProgressListener.NONE, (p, f) -> {
                    if (selected.get(f.id())) {
                        writer.write(p);
                    }
                });
            } finally {
                closeAll(again);
            }
            return new PacketExport(out, oneLinkType ? "pcap" : "pcapng", writer.frames(), selected.cardinality());
        }
    }

    private void readDeferredLogs() {
        try {
            logs.readDeferred(damage);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // only closing a file that was read to its end can fail here
        }
    }

    private CapturePass newPass(List<PacketSource> input, List<InputDamage> damageSink) {
        return new CapturePass(input, options.idleSplit().toNanos(), options.dedupeWindow().toNanos(),
                damageSink::add);
    }

    private static void closeAll(List<PacketSource> list) throws IOException {
        IOException first = null;
        for (PacketSource s : list) {
            try {
                s.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
