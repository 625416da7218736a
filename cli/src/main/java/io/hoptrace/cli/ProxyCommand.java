package io.hoptrace.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands: says so honestly. */
@Command(name = "proxy", mixinStandardHelpOptions = true, description = "Not available yet in this build.")
public final class ProxyCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("hoptrace proxy: not available yet in this build (its issue has not landed).");
        return ExitCodes.FAILURE;
    }
}
