package io.hoptrace.cli.internal;

import io.hoptrace.cli.ExitCodes;
import io.hoptrace.events.Endpoint;
import io.hoptrace.events.EventRecord;
import io.hoptrace.tracer.SessionTable;
import io.hoptrace.tracer.SourceKind;
import io.hoptrace.tracer.SourceSpec;
import io.hoptrace.tracer.Tracer;
import io.hoptrace.tracer.TracerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * The {@code -s [NAME=]ADDR} sources of {@code sessions} and {@code record}: parsed with the command's
 * {@code --kind} and {@code --interval} as defaults, and started so that an unreachable socket is reported at
 * once, one line per source ({@code cannot connect to edge (/run/edge.sock): No such file or directory}).
 */
public final class SessionsSources {
    private SessionsSources() {
    }

    /** {@code --kind auto|hoptrace|haproxy}, any case. */
    public static final class KindConverter implements CommandLine.ITypeConverter<SourceKind> {
        @Override
        public SourceKind convert(String value) {
            try {
                return SourceKind.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected auto, hoptrace or haproxy, got '" + value
                        + "'");
            }
        }
    }

    /** {@code --filter ip:port}. */
    public static final class EndpointConverter implements CommandLine.ITypeConverter<Endpoint> {
        @Override
        public Endpoint convert(String value) {
            Endpoint e = Endpoint.tryParse(value, 0, value.length());
            if (e == null || e.isUnknown()) {
                throw new CommandLine.TypeConversionException("expected an endpoint a.b.c.d:port or [v6]:port, got '"
                        + value + "'");
            }
            return e;
        }
    }

    /** {@code --interval}: at least 10ms, the shortest poll of a stock HAProxy; else bad usage of the command. */
    public static void requireInterval(CommandLine commandLine, Duration interval) {
        if (interval.toMillis() < 10) {
            throw new CommandLine.ParameterException(commandLine, "--interval: expected at least 10ms, got "
                    + interval.toMillis() + "ms");
        }
    }

    public static List<SourceSpec> parse(List<String> texts, SourceKind kind, Duration interval) {
        List<SourceSpec> specs = new ArrayList<>();
        for (String t : texts) {
            try {
                specs.add(SourceSpec.parse(t, kind, interval));
            } catch (IllegalArgumentException e) {
                throw new UserException(ExitCodes.USAGE, "-s " + t + ": " + e.getMessage());
            }
        }
        return specs;
    }

    /**
     * Starts a tracer and waits until every source has answered or failed once. If any failed, stops and throws a
     * {@link UserException} listing each failure on its own line, each prefixed like the first
     * ({@code hoptrace <command>: }).
     */
    public static Tracer start(String command, List<SourceSpec> specs, SessionTable table,
                               Consumer<EventRecord> listener, Consumer<String> warnings, Duration timeout) {
        Tracer tracer;
        try {
            tracer = Tracer.start(specs, table, listener, TracerOptions.DEFAULT.withWarnings(warnings));
        } catch (IllegalArgumentException e) {
            throw new UserException(ExitCodes.USAGE, e.getMessage());
        }
        Map<String, String> failures;
        try {
            failures = tracer.awaitStarted(timeout);
        } catch (InterruptedException e) {
            tracer.close();
            Thread.currentThread().interrupt();
            throw new UserException(ExitCodes.INTERRUPTED, "interrupted while connecting");
        }
        if (!failures.isEmpty()) {
            tracer.close();
            throw new UserException(ExitCodes.FAILURE, String.join(System.lineSeparator() + "hoptrace " + command
                    + ": ", failures.values()));
        }
        return tracer;
    }
}
