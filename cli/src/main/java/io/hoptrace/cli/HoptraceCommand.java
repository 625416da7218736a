package io.hoptrace.cli;

import io.hoptrace.cli.internal.ErrorHandler;
import io.hoptrace.cli.internal.VersionProvider;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command; each job is a subcommand with its own {@code Callable<Integer>}. */
@Command(name = "hoptrace",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Follow a TCP connection through every proxy it hops through.",
            "",
            "Proxies report their sessions as events on their stats socket; hoptrace keeps a live table of them,",
            "records them, and matches them against packet captures to show each client connection as a chain",
            "of hops with where its time went."},
        subcommands = {
            DemoCommand.class,
            ProxyCommand.class,
            SessionsCommand.class,
            RecordCommand.class,
            CorrelateCommand.class,
            TraceCommand.class,
            AutoComplete.GenerateCompletion.class,
            CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  runtime failure (unreachable socket, unreadable file, bind failed)",
            "  2  bad usage (unknown option, bad value)",
            "  3  damaged input (corrupt capture or event log; what was read is still reported)",
            "  4  configuration errors",
            "130  interrupted",
            "",
            "Start with: hoptrace demo"})
public final class HoptraceCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The configured command line: error handling, exit codes, colour only on terminals. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new HoptraceCommand());
        ErrorHandler.install(cl);
        return cl;
    }
}
