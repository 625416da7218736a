package io.hoptrace.proxy.internal.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options that may follow the address on a {@code bind}, {@code stats socket} or {@code server} line
 * (HAProxy configuration manual 5.1 "Bind options" and 5.2 "Server and default-server options"), each with the
 * number of arguments it takes so that the options after an ignored one are still read.
 */
public final class OptionTable {
    /** One option: its name, its argument count (-1: the rest of the line) and what hoptrace does with it. */
    public record Spec(String name, int arity, Disposition disposition, String why) {
    }

    /** Receives each implemented option with its arguments; it reports its own errors. */
    @FunctionalInterface
    public interface Handler {
        void accept(String option, List<String> args);
    }

    private static final Map<String, String> WHY = Map.of(
            "tls", "hoptrace forwards plain TCP and does not implement TLS",
            "idle", "hoptrace would send connections to a server this configuration keeps idle",
            "conn", "it changes how connections are accepted or made, which hoptrace does not implement",
            "ids", "use 'user' and 'group' with names instead",
            "proxy", "the stats socket does not read PROXY protocol headers");

    private final String lineKind;
    private final Map<String, Spec> specs = new HashMap<>();

    /**
     * {@code table}: one option per line, {@code name arity disposition}, where disposition is {@code impl},
     * {@code ignore} or one of the out-of-scope reasons ({@code tls}, {@code idle}, {@code conn}, {@code ids},
     * {@code proxy}).
     */
    OptionTable(String lineKind, String table) {
        this.lineKind = lineKind;
        for (String row : table.strip().split("\n")) {
            String[] f = row.strip().split("\\s+");
            int arity = Integer.parseInt(f[1]);
            Disposition d = switch (f[2]) {
                case "impl" -> Disposition.IMPLEMENTED;
                case "ignore" -> Disposition.IGNORED;
                default -> Disposition.OUT_OF_SCOPE;
            };
            String why = d == Disposition.OUT_OF_SCOPE ? WHY.get(f[2]) : null;
            if (d == Disposition.OUT_OF_SCOPE && why == null) {
                throw new IllegalStateException("unknown disposition in option table: " + row);
            }
            specs.put(f[0], new Spec(f[0], arity, d, why));
        }
    }

    /** Every option name of the table. */
    Set<String> names() {
        return Set.copyOf(specs.keySet());
    }

    public Spec spec(String option) {
        return specs.get(option);
    }

    /**
     * Reads the options of {@code line} from word {@code from} on: implemented ones go to {@code handler}, ignored
     * ones become warnings, out-of-scope and unknown ones errors. Reading stops at an unknown option or one that
     * misses its arguments, since the words after it cannot be trusted.
     */
    public void parse(ConfigLine line, int from, ConfigProblems problems, Handler handler) {
        int i = from;
        while (i < line.size()) {
            String option = line.word(i);
            Spec spec = specs.get(option);
            if (spec == null) {
                problems.error(line, "unknown option '" + option + "' on '" + lineKind + "' line");
                return;
            }
            int available = line.size() - i - 1;
            int arity = spec.arity() < 0 ? available : spec.arity();
            if (arity > available || spec.arity() < 0 && available == 0) {
                problems.error(line, "'" + lineKind + "' option '" + option + "' expects "
                        + (spec.arity() == 1 ? "an argument" : spec.arity() < 0 ? "arguments"
                        : spec.arity() + " arguments"));
                return;
            }
            List<String> args = line.words().subList(i + 1, i + 1 + arity);
            switch (spec.disposition()) {
                case IMPLEMENTED -> handler.accept(option, args);
                case IGNORED -> problems.notImplemented(line, option);
                case OUT_OF_SCOPE -> problems.outOfScope(line, option, spec.why());
            }
            i += 1 + arity;
        }
    }
}
