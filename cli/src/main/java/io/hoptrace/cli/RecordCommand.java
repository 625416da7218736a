package io.hoptrace.cli;

import io.hoptrace.cli.internal.DurationConverter;
import io.hoptrace.cli.internal.SessionsStop;
import io.hoptrace.cli.internal.SessionsView;
import io.hoptrace.cli.internal.SourceOptions;
import io.hoptrace.cli.internal.UserException;
import io.hoptrace.cli.internal.VerboseOption;
import io.hoptrace.cli.internal.VersionProvider;
import io.hoptrace.tracer.EventRecorder;
import io.hoptrace.tracer.SessionTable;
import io.hoptrace.tracer.SourceSpec;
import io.hoptrace.tracer.SourceStats;
import io.hoptrace.tracer.Tracer;
import java.io.IOException;
import java.io.PrintWriter;
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

/** {@code hoptrace record}: the session events of one or more proxies, to a JSON Lines file. */
@Command(name = "record", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Record the session events of one or more proxies to a JSON Lines file",
            "(docs/event-records.md), for 'hoptrace correlate' to match against",
            "packet captures.",
            "",
            "The recording starts with the sessions already open (a snapshot), so it",
            "is complete even when started mid-traffic. Gaps (a proxy dropping events",
            "for a slow reader, a lost connection) are recorded and repaired from a",
            "new snapshot; sessions that vanished meanwhile are closed as term=lost.",
            "The file is appended to and flushed every second; Ctrl-C or SIGTERM",
            "ends the recording cleanly and prints a summary on stderr."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  hoptrace record -s edge=/run/edge.sock -s app=/run/app.sock -o events.jsonl",
            "  hoptrace record -s mid=/run/haproxy/admin.sock,ring=hoptrace \\",
            "      -o mid.jsonl --duration 5m",
            "",
            "Exit codes: 0 recorded, 1 a socket cannot be reached or the file cannot",
            "be written, 2 bad usage, 130 ended by Ctrl-C (143 by SIGTERM); the",
            "recording is complete up to that moment."})
public final class RecordCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-s", "--source"}, required = true, arity = "1..*", paramLabel = "[NAME=]ADDR",
            description = "A stats socket to record ([NAME=]ADDR[,ring=RING][,kind=KIND][,interval=DURATION]).")
    List<String> sources = new ArrayList<>();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
            description = "The JSON Lines file to append to (created if needed).")
    Path output;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long (default: until Ctrl-C).")
    Duration duration;

    @Mixin
    SourceOptions sourceOptions;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        sourceOptions.validate(spec.commandLine());
        List<SourceSpec> specs = sourceOptions.parse(sources);
        EventRecorder recorder;
        try {
            recorder = EventRecorder.open(output, VersionProvider.version());
        } catch (IOException e) {
            throw new UserException(ExitCodes.FAILURE, "cannot write " + output + ": " + e.getMessage(), e);
        }
        long started = System.nanoTime();
        SessionTable table = new SessionTable();
        Tracer tracer;
        try {
            tracer = sourceOptions.start("record", specs, table, recorder, w -> {
                err.println("hoptrace record: " + w);
                err.flush();
            });
        } catch (RuntimeException e) {
            closeQuietly(recorder);
            throw e;
        }
        err.println("hoptrace record: recording " + specs.size() + (specs.size() == 1 ? " source" : " sources")
                + " to " + output + (duration != null ? " for " + SessionsView.duration(duration)
                : " until Ctrl-C"));
        err.flush();
        List<SourceStats> stats;
        boolean interrupted;
        try (SessionsStop stop = new SessionsStop()) {
            long deadline = duration == null ? Long.MAX_VALUE : started + duration.toNanos();
            boolean signalled = false;
            while (!signalled && System.nanoTime() < deadline) {
                long left = Math.min(1_000_000_000L, deadline - System.nanoTime());
                signalled = stop.await(Duration.ofNanos(Math.max(1, left)));
            }
            interrupted = stop.signalled();
            tracer.close();
            stats = tracer.stats();
            try {
                recorder.close();
            } catch (IOException e) {
                throw new UserException(ExitCodes.FAILURE, "cannot write " + output + ": " + e.getMessage()
                        + " (" + recorder.failed() + " records not written)", e);
            } finally {
                summary(err, recorder, stats, started);
            }
        }
        return interrupted ? ExitCodes.INTERRUPTED : ExitCodes.OK;
    }

    private void summary(PrintWriter err, EventRecorder recorder, List<SourceStats> stats, long started) {
        long drops = 0;
        long reconnects = 0;
        long malformed = 0;
        for (SourceStats s : stats) {
            drops += s.drops();
            reconnects += s.reconnects();
            malformed += s.malformed();
        }
        err.println(String.format(Locale.ROOT, "hoptrace record: %d events, %d %s from %d %s in %.1fs to %s;"
                        + " %d drops, %d reconnects, %d malformed lines, %d sessions lost", recorder.records(),
                recorder.opens(), recorder.opens() == 1 ? "session" : "sessions", stats.size(),
                stats.size() == 1 ? "source" : "sources",
                (System.nanoTime() - started) / 1e9, output, drops, reconnects, malformed, recorder.lost()));
        err.flush();
    }

    private static void closeQuietly(EventRecorder r) {
        try {
            r.close();
        } catch (IOException e) {
            // reporting the first failure
        }
    }
}
