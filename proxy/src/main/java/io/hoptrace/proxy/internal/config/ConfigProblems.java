package io.hoptrace.proxy.internal.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects every error and warning of one file, each as {@code file:line: message}, so that a user sees all
 * of them at once, as HAProxy reports them. They are listed in line order (problems found while
 * cross-checking the whole file come after the line they are about, not at the end); the few that concern
 * the file as a whole come last.
 */
public final class ConfigProblems {
    private record Problem(int line, String text) {
    }

    private final List<Problem> errors = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();

    public void error(ConfigLine line, String message) {
        error(line.location(), message);
    }

    /** {@code location} is {@code file:line}, or just the file for a problem of the whole file. */
    public void error(String location, String message) {
        errors.add(new Problem(lineOf(location), location + ": " + message));
    }

    public void warning(ConfigLine line, String message) {
        warning(line.location(), message);
    }

    public void warning(String location, String message) {
        warnings.add(new Problem(lineOf(location), location + ": " + message));
    }

    /** A keyword HAProxy knows and hoptrace accepts without acting on it. */
    public void notImplemented(ConfigLine line, String keyword) {
        warning(line, "keyword '" + keyword + "' is not implemented by hoptrace; ignored");
    }

    /** A keyword HAProxy knows whose behaviour hoptrace cannot honour, so the file cannot be run as written. */
    public void outOfScope(ConfigLine line, String keyword, String why) {
        error(line, "'" + keyword + "' is out of hoptrace's scope: " + why);
    }

    public List<String> errors() {
        return sorted(errors);
    }

    public List<String> warnings() {
        return sorted(warnings);
    }

    public int errorCount() {
        return errors.size();
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    private static List<String> sorted(List<Problem> problems) {
        return problems.stream().sorted(Comparator.comparingInt(Problem::line)).map(Problem::text).toList();
    }

    private static int lineOf(String location) {
        int colon = location.lastIndexOf(':');
        if (colon < 0 || colon == location.length() - 1) {
            return Integer.MAX_VALUE;
        }
        for (int i = colon + 1; i < location.length(); i++) {
            if (location.charAt(i) < '0' || location.charAt(i) > '9') {
                return Integer.MAX_VALUE;
            }
        }
        return location.length() - colon > 10 ? Integer.MAX_VALUE : Integer.parseInt(location.substring(colon + 1));
    }
}
