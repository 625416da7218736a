package io.hoptrace.cli.internal;

import io.hoptrace.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * One place for how commands fail: a one-line message on stderr naming what went wrong, the stack trace only
 * with {@code --verbose}, and the exit codes of {@link ExitCodes}.
 */
public final class ErrorHandler {
    private ErrorHandler() {
    }

    public static void install(CommandLine cl) {
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            boolean verbose = Arrays.asList(parseResult.originalArgs()).contains("--verbose")
                    || Arrays.asList(parseResult.originalArgs()).contains("-v");
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
