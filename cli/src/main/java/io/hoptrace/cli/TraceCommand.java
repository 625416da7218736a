package io.hoptrace.cli;

import io.hoptrace.cli.internal.DurationConverter;
import io.hoptrace.cli.internal.FollowOption;
import io.hoptrace.cli.internal.SessionsStop;
import io.hoptrace.cli.internal.SessionsView;
import io.hoptrace.cli.internal.SourceOptions;
import io.hoptrace.cli.internal.TraceCaptureOpener;
import io.hoptrace.cli.internal.TraceFilter;
import io.hoptrace.cli.internal.TraceLoop;
import io.hoptrace.cli.internal.TracePrinter;
import io.hoptrace.cli.internal.UserException;
import io.hoptrace.cli.internal.VerboseOption;
import io.hoptrace.correlator.CorrelationOptions;
import io.hoptrace.correlator.CorrelationReport;
import io.hoptrace.correlator.LiveCapture;
import io.hoptrace.correlator.LiveCorrelator;
import io.hoptrace.correlator.ReportWriter;
import io.hoptrace.tracer.SessionTable;
import io.hoptrace.tracer.SourceSpec;
import io.hoptrace.tracer.Tracer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hoptrace trace}: follow the proxies' sessions and capture their packets; print each trace as it ends. */
@Command(name = "trace", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Trace client connections live, hop by hop, as they happen.",
            "",
            "Follows the session events of the proxies (-s, as 'hoptrace sessions') and",
            "captures their packets on an interface (-i, with libpcap; needs root or",
            "CAP_NET_RAW). Each client connection is printed once the sessions of all its",
            "hops have closed (plus --grace, so that the last FIN and ACK are counted):",
            "per hop the TCP connection, packets and bytes each way, handshake RTT and how",
            "it ended; per proxy how long it held the request and the response. The same",
            "report as 'hoptrace correlate', one trace at a time.",
            "",
            "The capture filter names the proxies' frontends and servers the tracer has",
            "seen (in the sessions open at start, widened as new ones appear; until the",
            "first session, all TCP); --filter replaces it. On Ctrl-C or at the end of",
            "--duration the connections still in flight are printed as they are, then",
            "the summary: connections no session explains, sessions no capture saw.",
            "More: docs/trace.md.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  # a two-hop chain on this host (as root): every connection, as it ends",
            "  hoptrace trace -s edge=/run/edge.sock -s mid=/run/mid.sock -i lo",
            "",
            "  # the next connection of one client, as JSON, then stop",
            "  hoptrace trace -s edge=/run/edge.sock -s mid=/run/haproxy/admin.sock \\",
            "      -i eth0 --follow 10.0.0.5 --count 1 --format json",
            "",
            "  # five minutes of traces, the ones with a hop not captured picked by jq",
            "  hoptrace trace -s edge=127.0.0.1:9999 -s mid=/run/mid.sock -i any \\",
            "      --duration 5m --format json | jq 'select(.complete | not)'",
            "",
            "Sources: -s [NAME=]ADDR[,ring=RING][,kind=KIND][,interval=DURATION]",
            "as for 'hoptrace sessions'.",
            "",
            "Exit codes: 0 done (--count, --duration), 1 a socket cannot be reached or",
            "the interface cannot be captured (not root, no libpcap, no such interface),",
            "2 bad usage, 130 ended by Ctrl-C (143 by SIGTERM) after printing the rest."})
public final class TraceCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { text, json }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-s", "--source"}, required = true, arity = "1..*", paramLabel = "[NAME=]ADDR",
            description = "A proxy's stats socket (repeat for every proxy of the chain).")
    List<String> sources = new ArrayList<>();

    @Option(names = {"-i", "--interface"}, required = true, paramLabel = "IFACE",
            description = "The interface to capture on: lo for proxies on this host, eth0, any.")
    String iface;

    @Mixin
    FollowOption follow;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "text (default): readable traces, then the summary; json: one JSON object per trace and"
                    + " line, as 'hoptrace correlate --format json'.")
    Format format;

    @Option(names = "--filter", paramLabel = "BPF",
            description = "Capture filter (pcap-filter(7)) instead of the one built from the sessions, e.g."
                    + " 'tcp port 443 or tcp port 8443'.")
    String filter;

    @Option(names = "--count", paramLabel = "N",
            description = "Stop after N traces.")
    Long count;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long (default: until Ctrl-C).")
    Duration duration;

    @Option(names = "--write-pcap", paramLabel = "FILE",
            description = "Also write every captured packet to FILE (pcap, as 'tcpdump -w'): for Wireshark with the"
                    + " filters the traces print, or for 'hoptrace correlate' later.")
    Path writePcap;

    @Option(names = "--grace", defaultValue = "1s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long after the last session of a connection closed its trace is printed, so that"
                    + " its last packets are in (default: ${DEFAULT-VALUE}).")
    Duration grace;

    @Option(names = "--max-skew", defaultValue = "1s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How far the proxies' event times may be off from capture times (default:"
                    + " ${DEFAULT-VALUE}).")
    Duration maxSkew;

    @Mixin
    SourceOptions sourceOptions;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        validate();
        List<SourceSpec> specs = sourceOptions.parse(sources);
        TraceCaptureOpener.requireInterface(iface);

        TracePrinter printer = new TracePrinter(out, format == Format.json, count == null ? 0 : count);
        LiveCorrelator live = new LiveCorrelator(new CorrelationOptions(maxSkew,
                CorrelationOptions.DEFAULT_IDLE_SPLIT, CorrelationOptions.DEFAULT_DEDUPE_WINDOW, follow.filter()),
                grace, printer);
        TraceFilter endpoints = new TraceFilter();
        // Failures to start are reported once, by start(); the tracer's warnings after that, as they come.
        AtomicBoolean following = new AtomicBoolean();
        // The tracer's table is not read here: closed sessions need not linger in it.
        Tracer tracer = sourceOptions.start("trace", specs, new SessionTable(Duration.ZERO), r -> {
            live.offer(r);
            endpoints.note(r);
        }, w -> {
            if (following.get()) {
                note(err, w);
            }
        });
        following.set(true);
        long started = System.nanoTime();
        TraceLoop.End end;
        try {
            String initial = filter != null ? filter : endpoints.filter();
            LiveCapture capture = TraceCaptureOpener.open(iface, initial, filter != null);
            if (writePcap != null) {
                try {
                    capture.writeTo(writePcap);
                } catch (IOException e) {
                    capture.close();
                    throw new UserException(ExitCodes.FAILURE, e.getMessage(), e);
                }
            }
            try (SessionsStop stop = new SessionsStop()) {
                note(err, "following " + specs.size() + (specs.size() == 1 ? " source" : " sources")
                        + ", capturing on " + iface + " (filter: " + initial + ")" + (writePcap != null
                        ? " to " + writePcap : "") + "; each trace prints when its last session has closed"
                        + (duration != null ? "; for " + SessionsView.duration(duration) : "; Ctrl-C to stop"));
                if (filter == null && initial.equals(TraceFilter.EVERYTHING)) {
                    note(err, "no session is open yet: all TCP on " + iface + " is captured until the first one"
                            + " names the proxies' frontends and servers (--filter avoids that)");
                }
                long deadline = duration == null ? Long.MAX_VALUE : started + duration.toNanos();
                try {
                    end = new TraceLoop(capture, live, filter != null ? null : endpoints, printer, stop, deadline,
                            m -> note(err, m)).run();
                } catch (IOException e) {
                    throw TraceCaptureOpener.failure(iface, filter, filter != null, e);
                } finally {
                    capture.close();
                    tracer.close();
                }
                // After a signal the JVM exits when this block ends: the summary is printed inside it.
                CorrelationReport summary = live.finish(end != TraceLoop.End.COUNT);
                summary(summary, printer, out, err);
                if (writePcap != null) {
                    note(err, "wrote " + summary.counts().packets() + " packets to " + writePcap);
                }
            }
        } finally {
            tracer.close();
        }
        if (end == TraceLoop.End.CAPTURE_ENDED) {
            throw new UserException(ExitCodes.FAILURE, "the capture on " + iface + " ended (did the interface go"
                    + " away?)");
        }
        return end == TraceLoop.End.SIGNAL ? ExitCodes.INTERRUPTED : ExitCodes.OK;
    }

    private void validate() {
        if (count != null && count < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--count: expected at least 1, got "
                    + count);
        }
        if (duration != null && duration.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--duration: expected more than 0");
        }
        if (grace.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--grace: expected at most 10m, got "
                    + SessionsView.duration(grace));
        }
        sourceOptions.validate(spec.commandLine());
        if (filter != null && filter.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--filter: expected a pcap-filter(7)"
                    + " expression, got '" + filter + "'");
        }
    }

    /** Text: the summary after the traces, as 'correlate' ends. JSON: one line on stderr about what it lists. */
    private void summary(CorrelationReport r, TracePrinter printer, PrintWriter out, PrintWriter err) {
        if (format == Format.text) {
            try {
                ReportWriter.writeTextSummary(r, printer.printed(), out);
            } catch (IOException e) {
                throw new UserException(ExitCodes.FAILURE, "cannot write the summary: " + e.getMessage(), e);
            }
            out.flush();
            return;
        }
        note(err, printer.printed() + (printer.printed() == 1 ? " trace; " : " traces; ")
                + r.unexplainedFlows().size() + " connections explained by no session, "
                + r.uncapturedSessions().size() + " sessions without captured packets"
                + (r.warnings().isEmpty() ? "" : ", " + r.warnings().size() + " warnings")
                + (r.unexplainedFlows().isEmpty() && r.uncapturedSessions().isEmpty() && r.warnings().isEmpty() ? ""
                : " (listed with --format text)"));
    }

    private static void note(PrintWriter err, String line) {
        err.println("hoptrace trace: " + line);
        err.flush();
    }
}
