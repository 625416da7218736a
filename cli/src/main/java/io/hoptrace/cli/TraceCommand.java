package io.hoptrace.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands: says so honestly. */
@Command(name = "trace", mixinStandardHelpOptions = true, description = "Not available yet in this build.")
public final class TraceCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("hoptrace trace: not available yet in this build (its issue has not landed).");
        return ExitCodes.FAILURE;
    }
}
