package io.hoptrace.cli;

import io.hoptrace.cli.internal.CorrelateCaptures;
import io.hoptrace.cli.internal.DurationConverter;
import io.hoptrace.cli.internal.FollowOption;
import io.hoptrace.cli.internal.ProgressBar;
import io.hoptrace.cli.internal.UserException;
import io.hoptrace.cli.internal.VerboseOption;
import io.hoptrace.correlator.CorrelationOptions;
import io.hoptrace.correlator.CorrelationReport;
import io.hoptrace.correlator.Correlator;
import io.hoptrace.correlator.InputDamage;
import io.hoptrace.correlator.PacketExport;
import io.hoptrace.correlator.ProgressListener;
import io.hoptrace.correlator.ReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hoptrace correlate}: proxy session events + packet captures → each client connection hop by hop. */
@Command(name = "correlate", mixinStandardHelpOptions = true, sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Follow each client connection through every proxy hop in packet captures.",
            "",
            "Reads the proxies' session events (JSON Lines from 'hoptrace record', or raw",
            "'show events' text saved with socat) and the captures (pcap, pcapng, gzip of",
            "either; several capture points are merged by time, and a packet seen at two",
            "points counts once). Each client connection becomes a trace, client -> proxy",
            "-> ... -> server: per hop the TCP connection, packets and bytes each way,",
            "handshake RTT and how it ended; per proxy how long it held the request and",
            "the response. Then a summary: connections no session explains, sessions no",
            "capture saw, damaged inputs.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  # two proxies recorded with 'hoptrace record', one capture on their host",
            "  hoptrace correlate -e edge.jsonl -e app.jsonl -r proxyhost.pcapng",
            "",
            "  # one client connection, its packets from every hop in one file",
            "  hoptrace correlate -e events.jsonl -r a.pcap -r b.pcap.gz \\",
            "      --follow 10.0.0.5:50869 --write-pcap conn.pcap",
            "",
            "  # the same connection drawn as lanes, one per hop (open it in a browser)",
            "  hoptrace correlate -e events.jsonl -r a.pcap --follow edge:42 \\",
            "      --timeline conn.svg",
            "",
            "  # raw 'show events' lines (no times) of a proxy named edge, as JSON",
            "  hoptrace correlate -e edge.txt --source edge -r lo.pcap --format json",
            "",
            "Exit codes: 0 done, 1 a file cannot be read, 2 bad usage, 3 damaged input",
            "(what was read before the damage is still reported; the error names the",
            "file and the line or byte offset)."})
public final class CorrelateCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { text, json }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-e", "--events"}, arity = "1..*", required = true, paramLabel = "EVENTS",
            description = "Event log(s): JSON Lines of 'hoptrace record' or raw 'show events' text (gzip ok).")
    List<Path> events = new ArrayList<>();

    @Option(names = {"-r", "--read"}, arity = "1..*", required = true, paramLabel = "CAPTURE",
            description = "Capture file(s), one per capture point: pcap, pcapng, or gzip of either.")
    List<Path> captures = new ArrayList<>();

    @Mixin
    FollowOption follow;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "text (default): readable traces and summary; json: one JSON object per trace and line.")
    Format format;

    @Option(names = "--write-pcap", paramLabel = "FILE",
            description = "Also write the packets of the reported traces, from all hops, to FILE (classic pcap when"
                    + " they share one link type, else pcapng).")
    Path writePcap;

    @Option(names = "--timeline", paramLabel = "FILE",
            description = "Also draw the reported traces (the first " + ReportWriter.TIMELINE_MAX_TRACES + ") as a"
                    + " timeline: one lane per hop with SYN, data, FIN and RST marks on a shared time axis, each"
                    + " proxy's dwell shaded. An SVG picture, or an HTML page with it when FILE ends in .html.")
    Path timeline;

    @Option(names = "--max-skew", defaultValue = "1s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How far event times may be off from capture times (default: ${DEFAULT-VALUE}), e.g."
                    + " 500ms, 2s.")
    Duration maxSkew;

    @Option(names = "--idle-split", defaultValue = "10m", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Silence after which a reused four-tuple counts as a new connection even without a new"
                    + " SYN (default: ${DEFAULT-VALUE}; 0: never).")
    Duration idleSplit;

    @Option(names = "--source", paramLabel = "NAME",
            description = "Proxy name for raw 'show events' text: the n-th --source names the n-th -e file"
                    + " (default: the file name). JSON Lines records carry their own.")
    List<String> sources = new ArrayList<>();

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (sources.size() > events.size()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--source: expected at most one name per"
                    + " -e file (" + events.size() + "), got " + sources.size());
        }
        requireReadable("event log", events);
        requireReadable("capture", captures);
        boolean timelineHtml = timeline != null && timelineIsHtml(timeline);

        Correlator correlator = new Correlator(new CorrelationOptions(maxSkew, idleSplit,
                CorrelationOptions.DEFAULT_DEDUPE_WINDOW, follow.filter()));
        for (int i = 0; i < events.size(); i++) {
            Path file = events.get(i);
            try {
                correlator.addEventLog(file, i < sources.size() ? sources.get(i) : null);
            } catch (IOException e) {
                throw new UserException(ExitCodes.FAILURE, "cannot read event log " + file + ": " + e.getMessage(), e);
            }
        }
        CorrelateCaptures inputs = new CorrelateCaptures();
        inputs.addTo(correlator, captures);

        ProgressListener progress = ProgressBar.forTerminal(err, "reading captures");
        CorrelationReport report;
        try {
            report = correlator.run(progress);
        } finally {
            ProgressBar.finish(progress);
        }

        if (format == Format.json) {
            ReportWriter.writeJsonLines(report, out);
            summaryNote(report, err);
        } else {
            ReportWriter.writeText(report, out);
        }
        out.flush();

        if (writePcap != null) {
            PacketExport export = correlator.exportPackets(report, inputs.reopen(), writePcap);
            err.println("hoptrace correlate: wrote " + export.packets() + " packets of " + export.connections()
                    + " connections to " + export.file() + " (" + export.format() + ")");
        }
        if (timeline != null) {
            writeTimeline(report, timelineHtml, err);
        }
        if (report.damaged()) {
            for (InputDamage d : report.damage()) {
                err.println(spec.commandLine().getColorScheme().errorText("hoptrace correlate: damaged input: " + d));
            }
            err.flush();
            return ExitCodes.DAMAGED_INPUT;
        }
        err.flush();
        return ExitCodes.OK;
    }

    /** JSON Lines carry traces only; say on stderr what the text summary would have listed. */
    private static void summaryNote(CorrelationReport r, PrintWriter err) {
        if (r.unexplainedFlows().isEmpty() && r.uncapturedSessions().isEmpty() && r.warnings().isEmpty()) {
            return;
        }
        err.println("hoptrace correlate: " + r.traces().size() + " traces; " + r.unexplainedFlows().size()
                + " connections explained by no session, " + r.uncapturedSessions().size()
                + " sessions without captured packets" + (r.warnings().isEmpty() ? "" : ", "
                + r.warnings().size() + " warnings") + " (listed with --format text)");
    }

    /** The format of the timeline file, by its extension: .svg or .html (.htm). */
    private boolean timelineIsHtml(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".svg")) {
            return false;
        }
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return true;
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "--timeline: expected a file name ending in"
                + " .svg or .html, got '" + file + "'");
    }

    private void writeTimeline(CorrelationReport report, boolean html, PrintWriter err) {
        try (Writer w = Files.newBufferedWriter(timeline, StandardCharsets.UTF_8)) {
            if (html) {
                ReportWriter.writeTimelineHtml(report, w);
            } else {
                ReportWriter.writeTimelineSvg(report, w);
            }
        } catch (IOException e) {
            throw new UserException(ExitCodes.FAILURE, "cannot write timeline " + timeline + ": " + e, e);
        }
        int n = report.traces().size();
        int drawn = Math.min(n, ReportWriter.TIMELINE_MAX_TRACES);
        err.println("hoptrace correlate: drew " + (drawn < n ? drawn + " of " + n : Integer.toString(n))
                + (n == 1 ? " trace" : " traces") + " to " + timeline + (drawn < n ? " (pick others with --follow)"
                : ""));
    }

    private static void requireReadable(String what, List<Path> files) {
        for (Path f : files) {
            if (!Files.exists(f)) {
                throw new UserException(ExitCodes.FAILURE, "cannot read " + what + " " + f + ": no such file");
            }
            if (Files.isDirectory(f)) {
                throw new UserException(ExitCodes.FAILURE, "cannot read " + what + " " + f + ": is a directory");
            }
            if (!Files.isReadable(f)) {
                throw new UserException(ExitCodes.FAILURE, "cannot read " + what + " " + f + ": permission denied");
            }
        }
    }
}
