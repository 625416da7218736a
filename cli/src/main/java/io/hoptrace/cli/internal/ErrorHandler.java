package io.hoptrace.cli.internal;

import io.hoptrace.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * One place for how commands fail: a one-line message on stderr naming what went wrong, the stack trace only
 * with {@code --verbose}, and the exit codes of {@link ExitCodes}.
 */
public final class ErrorHandler {
    private ErrorHandler() {
    }

    /**
     * True when the command that failed was given {@code --verbose} (or {@code -v}): its own parse result says so
     * when it has that option; otherwise the words typed do.
     */
    static boolean verbose(CommandLine failed, CommandLine.ParseResult top) {
        CommandLine.ParseResult own = failed.getParseResult();
        if (own != null && failed.getCommandSpec().findOption("--verbose") != null) {
            return own.hasMatchedOption("--verbose");
        }
        List<String> typed = top.originalArgs();
        return typed.contains("--verbose") || typed.contains("-v");
    }

    public static void install(CommandLine cl) {
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            boolean verbose = verbose(commandLine, parseResult);
            if (e instanceof CommandLine.ParameterException pe) {
                err.println("hoptrace: " + pe.getMessage());
                return ExitCodes.USAGE;
            }
            String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            err.println(commandLine.getColorScheme().errorText("hoptrace " + commandLine.getCommandName() + ": "
                    + message));
            if (verbose) {
                e.printStackTrace(err);
            } else if (!(e instanceof UserException)) {
                err.println("(run again with --verbose for the stack trace)");
            }
            err.flush();
            return e instanceof UserException ue ? ue.exitCode() : ExitCodes.FAILURE;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter err = c.getErr();
            err.println(c.getColorScheme().errorText("hoptrace: " + ex.getMessage()));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.USAGE;
        });
    }
}
