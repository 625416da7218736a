package io.hoptrace.cli.internal;

import picocli.CommandLine.Option;

/**
 * {@code -v, --verbose} of every command: stack traces with errors. Mixed in ({@code @Mixin}); only
 * {@link ErrorHandler} reads it, from the parse result of the command that failed.
 */
public final class VerboseOption {
    @Option(names = {"-v", "--verbose"}, description = "Stack traces with errors.")
    boolean verbose;
}
