package io.hoptrace.cli;

import picocli.CommandLine;

/** The {@code hoptrace} command line: the project's only {@code main}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (used by tests to run commands in-process). */
    public static int run(String... args) {
        return HoptraceCommand.commandLine().execute(args);
    }
}
