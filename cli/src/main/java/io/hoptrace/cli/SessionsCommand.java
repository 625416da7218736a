package io.hoptrace.cli;

import io.hoptrace.cli.internal.DurationConverter;
import io.hoptrace.cli.internal.SessionsSources;
import io.hoptrace.cli.internal.SessionsStop;
import io.hoptrace.cli.internal.SessionsView;
import io.hoptrace.cli.internal.SessionsWriter;
import io.hoptrace.cli.internal.VerboseOption;
import io.hoptrace.events.Endpoint;
import io.hoptrace.events.Timestamps;
import io.hoptrace.tracer.SessionTable;
import io.hoptrace.tracer.SourceKind;
import io.hoptrace.tracer.SourceSpec;
import io.hoptrace.tracer.SourceStats;
import io.hoptrace.tracer.TracedSession;
import io.hoptrace.tracer.Tracer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hoptrace sessions}: what the proxies forward right now, four addresses per session. */
@Command(name = "sessions", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Show the live sessions of one or more proxies: the client, frontend,",
            "backend and server address of each.",
            "",
            "A hoptrace proxy is read from a snapshot of its event stream; a stock",
            "HAProxy 2.6+ from 'show sess all' on its stats socket (level operator or",
            "admin; see docs/haproxy.md). With --watch the view refreshes every",
            "--interval, with sessions opened and closed per second, until Ctrl-C."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  hoptrace sessions -s edge=/run/edge.sock",
            "  hoptrace sessions -s edge=/run/edge.sock -s mid=/run/haproxy/admin.sock \\",
            "      --filter 10.0.0.5:50869",
            "  hoptrace sessions -s 127.0.0.1:9999 --format json \\",
            "      | jq 'select(.server == \"10.0.0.20:8443\")'",
            "  hoptrace sessions -s mid=/run/haproxy/admin.sock,ring=hoptrace --watch",
            "",
            "Sources: -s [NAME=]ADDR[,ring=RING][,kind=KIND][,interval=DURATION]",
            "ADDR: a Unix socket path (or unix@path), or TCP host:port, [v6]:port,",
            "ipv4@h:p, ipv6@[a]:p. NAME names the proxy (default: ADDR).",
            "",
            "Exit codes: 0 done, 1 a socket cannot be reached (one line per socket),",
            "2 bad usage."})
public final class SessionsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-s", "--source"}, required = true, arity = "1..*", paramLabel = "[NAME=]ADDR",
            description = "A stats socket to read (repeat for several proxies).")
    List<String> sources = new ArrayList<>();

    @Option(names = "--kind", defaultValue = "auto", paramLabel = "auto|hoptrace|haproxy",
            converter = SessionsSources.KindConverter.class,
            description = "What the sockets belong to (default: ${DEFAULT-VALUE}, found out from 'show info').")
    SourceKind kind;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json|csv",
            description = "table (default), json (one object per line, event-record field names) or csv.")
    SessionsWriter.Format format;

    @Option(names = "--filter", paramLabel = "ENDPOINT", converter = SessionsSources.EndpointConverter.class,
            description = "Only the sessions using ip:port as client, frontend, backend or server.")
    Endpoint filter;

    @Option(names = {"-w", "--watch"}, description = "Keep the view up to date until Ctrl-C.")
    boolean watch;

    @Option(names = "--interval", defaultValue = "1s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Refresh of --watch, and how often a stock HAProxy is polled (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--timeout", defaultValue = "10s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for the sockets to answer (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws InterruptedException {
        SessionsSources.requireInterval(spec.commandLine(), interval);
        List<SourceSpec> specs = SessionsSources.parse(sources, kind, interval);
        return watch ? watch(specs) : once(specs);
    }

    private int once(List<SourceSpec> specs) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SessionTable table = new SessionTable();
        // One shot: failures are reported once, by start(); malformed lines are summed up below.
        Tracer tracer = SessionsSources.start("sessions", specs, table, null, w -> { }, timeout);
        List<SourceStats> stats;
        try {
            stats = tracer.stats();
        } finally {
            tracer.close();
        }
        List<TracedSession> live = new ArrayList<>(selected(table).stream().filter(TracedSession::isOpen).toList());
        live.sort(Comparator.comparing(TracedSession::source).thenComparingLong(TracedSession::openMicros)
                .thenComparingLong(TracedSession::id));
        long now = Timestamps.nowMicros();
        SessionsWriter.write(live, format, now, out);
        if (format == SessionsWriter.Format.table) {
            out.println(live.size() + (live.size() == 1 ? " session" : " sessions")
                    + (filter != null ? " using " + filter : "") + " from " + specs.size()
                    + (specs.size() == 1 ? " source" : " sources"));
        }
        out.flush();
        for (SourceStats s : stats) {
            if (s.malformed() > 0) {
                err.println("hoptrace sessions: " + s.name() + ": " + s.malformed() + " malformed lines ignored (last: "
                        + s.lastMalformed() + ")");
            }
        }
        err.flush();
        return ExitCodes.OK;
    }

    private int watch(List<SourceSpec> specs) throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean terminal = System.console() != null;
        SessionTable table = new SessionTable();
        Tracer tracer = SessionsSources.start("sessions", specs, table, null, w -> {
            if (!terminal) {
                err.println("hoptrace sessions: " + w); // on a terminal the header shows each source's last error
                err.flush();
            }
        }, timeout);
        SessionsView view = new SessionsView();
        int[] size = terminal ? SessionsView.terminalSize() : new int[] {0, 0};
        String title = "hoptrace sessions  every " + SessionsView.duration(interval) + (filter != null ? "  filter "
                + filter : "") + (terminal ? "  (Ctrl-C to quit)" : "");
        try (SessionsStop stop = new SessionsStop()) {
            // The cleanup runs inside the block: closing the stop signal lets the JVM exit after a Ctrl-C.
            try {
                if (terminal) {
                    out.print("\033[?25l\033[2J"); // hide the cursor, clear once; then redraw in place
                }
                do {
                    String screen = view.render(title, tracer.stats(), selected(table), Timestamps.nowMicros(),
                            System.nanoTime(), size[0], size[1]);
                    if (terminal) {
                        out.print("\033[H" + screen.replace("\n", "\033[K\n") + "\033[J");
                    } else {
                        out.println(screen);
                    }
                    out.flush();
                } while (!stop.await(interval));
            } finally {
                tracer.close();
                if (terminal) {
                    out.print("\033[?25h");
                    out.flush();
                }
            }
        }
        return ExitCodes.OK;
    }

    private List<TracedSession> selected(SessionTable table) {
        return filter == null ? table.sessions() : table.byEndpoint(filter);
    }
}
