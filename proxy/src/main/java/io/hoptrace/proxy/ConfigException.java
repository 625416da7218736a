package io.hoptrace.proxy;

import java.util.List;

/**
 * A configuration file that cannot be run: carries every error found, each as {@code file:line: message}
 * (HAProxy reports all the errors of a file at once too), and the warnings found on the way. The message is
 * the errors, one per line.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> errors;
    private final List<String> warnings;

    public ConfigException(List<String> errors, List<String> warnings) {
        super(String.join("\n", errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("errors: expected at least one error");
        }
        this.errors = List.copyOf(errors);
        this.warnings = List.copyOf(warnings);
    }

    /** Every error, in file order, each {@code file:line: message}. */
    public List<String> errors() {
        return errors;
    }

    /** The warnings found before parsing stopped, each {@code file:line: message}. */
    public List<String> warnings() {
        return warnings;
    }
}
