package io.hoptrace.cli.internal;

import io.hoptrace.events.EventRecord;
import io.hoptrace.tracer.SessionTable;
import io.hoptrace.tracer.SourceKind;
import io.hoptrace.tracer.SourceSpec;
import io.hoptrace.tracer.Tracer;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * How {@code record} and {@code trace} read their {@code -s} stats sockets: {@code --kind}, {@code --interval},
 * {@code --timeout}, mixed in ({@code @Mixin}). ({@code sessions} words the same options its own way: there
 * {@code --interval} also paces {@code --watch}.)
 */
public final class SourceOptions {
    @Option(names = "--kind", defaultValue = "auto", paramLabel = "auto|hoptrace|haproxy",
            converter = SessionsSources.KindConverter.class,
            description = "What the sockets belong to (default: ${DEFAULT-VALUE}).")
    SourceKind kind;

    @Option(names = "--interval", defaultValue = "1s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How often a stock HAProxy is polled (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--timeout", defaultValue = "10s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for the sockets to answer at start (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    /** Fails as bad usage of {@code commandLine} when {@code --interval} is below what can be polled. */
    public void validate(CommandLine commandLine) {
        SessionsSources.requireInterval(commandLine, interval);
    }

    /** The {@code -s} sources, {@code --kind} and {@code --interval} their defaults. */
    public List<SourceSpec> parse(List<String> sources) {
        return SessionsSources.parse(sources, kind, interval);
    }

    /** {@link SessionsSources#start}, waiting at most {@code --timeout} for every source's first answer. */
    public Tracer start(String command, List<SourceSpec> specs, SessionTable table, Consumer<EventRecord> listener,
                        Consumer<String> warnings) {
        return SessionsSources.start(command, specs, table, listener, warnings, timeout);
    }
}
