package io.hoptrace.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * A command line run in this process: its exit code and what it printed on standard output and error. Each run
 * gets a fresh {@link HoptraceCommand#commandLine()} (or the test's own), its streams replaced by strings.
 */
public record CommandResult(int exit, String out, String err) {
    /** Runs {@code hoptrace args...}. */
    public static CommandResult run(String... args) {
        return run(HoptraceCommand.commandLine(), args);
    }

    /** Runs {@code hoptrace command args...}: for the tests of one subcommand. */
    public static CommandResult runSubcommand(String command, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        return run(all);
    }

    /** Runs {@code args} on {@code commandLine}. */
    public static CommandResult run(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(args);
        return new CommandResult(exit, out.toString(), err.toString());
    }
}
