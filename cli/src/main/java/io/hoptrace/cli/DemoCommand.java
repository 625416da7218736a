package io.hoptrace.cli;

import io.hoptrace.cli.internal.DemoBackend;
import io.hoptrace.cli.internal.DemoCapture;
import io.hoptrace.cli.internal.DemoChain;
import io.hoptrace.cli.internal.DemoReport;
import io.hoptrace.cli.internal.DemoSample;
import io.hoptrace.cli.internal.DemoShutdown;
import io.hoptrace.cli.internal.DemoTableView;
import io.hoptrace.cli.internal.DemoTraffic;
import io.hoptrace.cli.internal.SessionsSources;
import io.hoptrace.cli.internal.UserException;
import io.hoptrace.cli.internal.VerboseOption;
import io.hoptrace.cli.internal.VersionProvider;
import io.hoptrace.correlator.BpfFilters;
import io.hoptrace.correlator.CorrelationReport;
import io.hoptrace.correlator.ReportWriter;
import io.hoptrace.events.Endpoint;
import io.hoptrace.tracer.EventRecorder;
import io.hoptrace.tracer.SessionTable;
import io.hoptrace.tracer.SourceKind;
import io.hoptrace.tracer.SourceSpec;
import io.hoptrace.tracer.Tracer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hoptrace demo}: the whole product in one process on loopback, in a few seconds. A backend, a two-hop
 * chain of hoptrace proxies and a tracer recording their events; a few dozen client connections of different
 * shapes while the live session table shows them; a capture on {@code lo} (or, when this host cannot capture, the
 * bundled sample recording); then the hop traces, the timeline picture, and what to run on real proxies.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Trace connections through a two-hop proxy chain, all on this machine, in a few seconds.",
            "",
            "Starts, in this process and on loopback only, a small backend, two hoptrace proxies chained"
                + " client -> edge -> mid -> backend, and a tracer recording their session events. Runs about"
                + " thirty client connections through the chain (short ones, a slow one, bigger answers, one the"
                + " backend resets, one the client aborts, two over IPv6) while the live session table shows"
                + " them. Captures them on 'lo' when it can (root, or CAP_NET_RAW, and libpcap); otherwise it"
                + " says why and correlates the bundled sample recording (samples/two-hop) instead. Then prints"
                + " the hop traces, writes the timeline picture, stops everything and says what to run next.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  hoptrace demo                   # files in a new temporary directory",
            "  hoptrace demo --out /tmp/demo   # keep them in /tmp/demo",
            "  hoptrace demo --capture sample  # no capture: correlate the bundled sample",
            "",
            "Exit codes: 0 done, 1 something could not start or a connection failed",
            "unexpectedly, 2 bad usage, 130 interrupted (everything is stopped either way)."})
public final class DemoCommand implements Callable<Integer> {
    /** Where the packets come from. */
    enum CaptureMode { auto, live, sample }

    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final long REFRESH_MILLIS = 300;
    private static final String[] OUTPUTS = {"events.jsonl", "capture.pcap", "report.txt", "timeline.svg",
        "sample-events.jsonl", "sample-capture.pcap"};

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write the run's files (events, capture, report, timeline); created if needed."
                    + " Default: a new temporary directory.")
    Path out;

    @Option(names = "--capture", defaultValue = "auto", paramLabel = "auto|live|sample",
            description = "auto (default): capture on lo when possible, else use the bundled sample; live: capture"
                    + " or fail; sample: use the bundled sample.")
    CaptureMode capture;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CommandLine.Help.Ansi ansi = spec.commandLine().getColorScheme().ansi();
        Path dir = outputDirectory();
        long started = System.nanoTime();
        Run run = new Run();
        try (DemoShutdown shutdown = new DemoShutdown(err)) {
            try {
                Path work = Files.createTempDirectory("hoptrace-demo-run-");
                shutdown.add(() -> deleteTree(work));
                live(o, err, ansi, dir, work, shutdown, run);
            } catch (IOException e) {
                throw new UserException(ExitCodes.FAILURE, e.getMessage(), e);
            } catch (RuntimeException | InterruptedException e) {
                if (shutdown.signalled()) {
                    return ExitCodes.INTERRUPTED;
                }
                throw e;
            }
        }
        o.printf(Locale.ROOT, "Stopped the proxies, the tracer%s after %.1f s: nothing of the demo is"
                + " running any more.%n", run.captured != null ? " and the capture" : "",
                (System.nanoTime() - started) / 1e9);
        o.println();

        report(o, ansi, dir, run);
        o.println();
        nextSteps(o, ansi);
        o.flush();
        return run.connections.stream().allMatch(DemoTraffic.Connection::ok) ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /** What the live part leaves for the report. */
    private static final class Run {
        List<DemoTraffic.Connection> connections = List.of();
        Path events;
        Path captured;
    }

    /** Everything that runs: backend, chain, tracer, capture, traffic; stopped by {@code shutdown} at the end. */
    private void live(PrintWriter o, PrintWriter err, CommandLine.Help.Ansi ansi, Path dir, Path work,
                      DemoShutdown shutdown, Run run) throws IOException, InterruptedException {
        o.println(ansi.string("@|bold hoptrace demo|@: a backend, a two-hop chain of hoptrace proxies and a tracer,"
                + " in this process, on loopback."));
        o.println();
        DemoBackend backend = shutdown.add(DemoBackend.start());
        DemoChain chain = shutdown.add(DemoChain.start(work, backend.ipv4(), backend.ipv6()));
        o.println("  backend  " + addresses(backend.ipv4(), backend.ipv6()).strip());
        o.println("  edge     " + addresses(chain.entry4(), chain.entry6()) + "  stats socket " + chain.edgeSocket());
        o.println("  mid      " + addresses(chain.midAddresses().toArray(InetSocketAddress[]::new))
                + "  stats socket " + chain.midSocket());

        run.events = dir.resolve("events.jsonl");
        EventRecorder recorder = shutdown.add(EventRecorder.open(run.events, VersionProvider.version()));
        SessionTable table = new SessionTable();
        List<SourceSpec> sources = List.of(
                SourceSpec.parse("edge=" + chain.edgeSocket(), SourceKind.HOPTRACE, SourceSpec.DEFAULT_POLL_INTERVAL),
                SourceSpec.parse("mid=" + chain.midSocket(), SourceKind.HOPTRACE, SourceSpec.DEFAULT_POLL_INTERVAL));
        Tracer tracer = shutdown.add(SessionsSources.start("demo", sources, table, recorder, w -> {
            err.println("hoptrace demo: tracer: " + w);
            err.flush();
        }, Duration.ofSeconds(10)));
        o.println("  tracer   following edge and mid ('show events full snapshot'), recording to " + run.events);

        DemoCapture cap = startCapture(o, dir, chain, backend);
        if (cap != null) {
            shutdown.add(cap);
        }
        o.println();

        List<DemoTraffic.Planned> plan = DemoTraffic.plan(chain.entry6() != null);
        o.println(ansi.string("@|bold " + plan.size() + " client connections|@ through edge: short requests, a slow"
                + " one, bigger answers, one reset by the backend, one aborted by the client"
                + (chain.entry6() != null ? ", two over IPv6" : "") + ". The live session table:"));
        boolean terminal = System.console() != null;
        DemoTableView view = shutdown.add(new DemoTableView(o, terminal, tracer, table,
                "hoptrace demo: sessions of edge and mid"));
        CompletableFuture<List<DemoTraffic.Connection>> traffic = CompletableFuture.supplyAsync(() -> {
            try {
                return DemoTraffic.run(plan, chain.entry4(), chain.entry6());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        });
        view.refresh();
        while (!traffic.isDone()) {
            try {
                run.connections = traffic.get(REFRESH_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                view.refresh();
            } catch (ExecutionException e) {
                throw new IllegalStateException("the demo's clients failed: " + e.getCause(), e.getCause());
            }
        }
        run.connections = traffic.join();
        // The proxies report the last closes a moment after the clients see them.
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (table.openCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        view.refresh();
        view.finish();
        o.println();
        if (cap != null) {
            // libpcap hands packets over in blocks, at the latest after its read timeout (LiveCapture).
            cap.drain(Duration.ofMillis(300), Duration.ofSeconds(3));
            run.captured = dir.resolve("capture.pcap");
        }
        o.println(outcome(run.connections) + (cap != null ? "; " + cap.packets() + " packets captured." : "."));
        if (cap != null && cap.failure() != null) {
            o.println("The capture stopped early: " + cap.failure());
        }
        shutdown.closeAll(); // capture, tracer (then the recorder, flushed), chain, backend, the socket directory
    }

    /** Starts the capture on lo, or says in one line why not (and then the bundled sample is used). */
    private DemoCapture startCapture(PrintWriter o, Path dir, DemoChain chain, DemoBackend backend) {
        if (capture == CaptureMode.sample) {
            o.println("  capture  none (--capture sample): the bundled sample recording is correlated instead");
            return null;
        }
        List<Endpoint> endpoints = new ArrayList<>();
        Stream.concat(chain.listening().stream(), Stream.of(backend.ipv4(), backend.ipv6()))
                .filter(a -> a != null).forEach(a -> endpoints.add(Endpoint.of(a)));
        String filter = BpfFilters.forEndpoints(endpoints);
        Path file = dir.resolve("capture.pcap");
        try {
            DemoCapture c = DemoCapture.start("lo", filter, file);
            o.println("  capture  lo, filter '" + filter + "', to " + file);
            return c;
        } catch (IOException e) {
            if (capture == CaptureMode.live) {
                throw new UserException(ExitCodes.FAILURE, "cannot capture: " + e.getMessage(), e);
            }
            o.println("  capture  not possible here, so the bundled sample recording (" + DemoSample.ORIGIN + ") is"
                    + " correlated instead: " + oneLine(e.getMessage()));
            return null;
        }
    }

    /** Correlates (this run's capture, or the bundled sample), prints the chosen traces, writes the files. */
    private void report(PrintWriter o, CommandLine.Help.Ansi ansi, Path dir, Run run) {
        Path events = run.events;
        Path pcap = run.captured;
        boolean sample = pcap == null;
        if (sample) {
            DemoSample.Recording s = DemoSample.extract(dir);
            events = s.events();
            pcap = s.capture();
        }
        o.println(ansi.string("@|bold Correlating|@ " + events + " with " + pcap
                + (sample ? " (the bundled sample " + DemoSample.ORIGIN + ", not this run)" : "")
                + ": what 'hoptrace correlate -e " + events.getFileName() + " -r " + pcap.getFileName() + "' does."));
        CorrelationReport full = DemoReport.correlate(events, pcap);
        List<DemoReport.Picked> picked = sample ? DemoReport.sample(full) : DemoReport.pick(full, run.connections);
        CorrelationReport shown = DemoReport.only(full, picked);
        Path reportFile = dir.resolve("report.txt");
        Path timeline = dir.resolve("timeline.svg");
        DemoReport.writeText(full, reportFile);
        DemoReport.writeTimeline(shown, timeline);

        o.println(picked.size() + " of the " + full.traces().size() + " traces follow (all of them are in "
                + reportFile + "):");
        for (int i = 0; i < picked.size(); i++) {
            if (!picked.get(i).label().isEmpty()) {
                o.println("  trace " + (i + 1) + ": " + picked.get(i).label());
            }
        }
        o.println();
        try {
            ReportWriter.writeText(shown, o);
        } catch (IOException e) {
            throw new UserException(ExitCodes.FAILURE, "cannot print the report: " + e.getMessage(), e);
        }
        o.println();
        o.println(ansi.string("@|bold Timeline|@ of these " + picked.size() + " traces, one lane per hop (open it in a"
                + " browser): " + timeline));
        o.println("The run's files are in " + dir + ": " + String.join(", ", present(dir)) + ".");
    }

    private static void nextSteps(PrintWriter o, CommandLine.Help.Ansi ansi) {
        o.println(ansi.string("@|bold Next, on your own proxies|@ (run from this repository; see README.md):"));
        o.println("  hoptrace proxy -f samples/chain/edge.cfg -f samples/chain/mid.cfg   # or your own configs");
        o.println("  hoptrace record -s edge=/tmp/hoptrace-edge.sock -s mid=/tmp/hoptrace-mid.sock -o events.jsonl");
        o.println("  tcpdump -i any -w capture.pcap 'tcp port 18080 or tcp port 18081 or tcp port 18082'");
        o.println("  hoptrace correlate -e events.jsonl -r capture.pcap --timeline timeline.svg");
        o.println("A stock HAProxy: paste the configuration of docs/haproxy.md, then");
        o.println("  hoptrace record -s mid=/run/haproxy/admin.sock,ring=hoptrace -o mid.jsonl");
    }

    private Path outputDirectory() {
        try {
            if (out == null) {
                return Files.createTempDirectory("hoptrace-demo-");
            }
            Files.createDirectories(out);
            for (String name : OUTPUTS) { // the recorder appends: start from a clean slate
                Files.deleteIfExists(out.resolve(name));
            }
            return out;
        } catch (IOException e) {
            throw new UserException(ExitCodes.FAILURE, "cannot use " + (out != null ? out : "a temporary directory")
                    + " for the demo's files: " + e.getMessage(), e);
        }
    }

    private static String outcome(List<DemoTraffic.Connection> connections) {
        int answered = 0;
        int reset = 0;
        int aborted = 0;
        List<String> failed = new ArrayList<>();
        for (DemoTraffic.Connection c : connections) {
            if (!c.ok()) {
                failed.add(c.shape().name().toLowerCase(Locale.ROOT) + ": " + c.error());
            } else if (c.shape() == DemoTraffic.Shape.ABORT) {
                aborted++;
            } else if (c.reset()) {
                reset++;
            } else {
                answered++;
            }
        }
        return connections.size() + " connections: " + answered + " answered, " + reset + " reset by the backend, "
                + aborted + " aborted by the client" + (failed.isEmpty() ? "" : ", " + failed.size()
                + " failed (" + String.join("; ", failed) + ")");
    }

    private static String addresses(InetSocketAddress... as) {
        StringBuilder sb = new StringBuilder();
        for (InetSocketAddress a : as) {
            if (a != null) {
                sb.append(sb.length() > 0 ? " " : "").append(Endpoint.of(a));
            }
        }
        return String.format(Locale.ROOT, "%-34s", sb);
    }

    private static String oneLine(String s) {
        return s == null ? "unknown reason" : s.replaceAll("\\s*\\R\\s*", " ");
    }

    private static List<String> present(Path dir) {
        List<String> names = new ArrayList<>();
        for (String n : OUTPUTS) {
            if (Files.exists(dir.resolve(n))) {
                names.add(n);
            }
        }
        return names;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
