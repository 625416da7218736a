package io.hoptrace.cli;

import io.hoptrace.cli.internal.ErrorHandler;
import io.hoptrace.cli.internal.VersionProvider;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command; each job is a subcommand with its own {@code Callable<Integer>}. */
@Command(name = "hoptrace",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        description = {
            "Follow a TCP connection through every proxy it hops through.",
            "",
            "Proxies report their sessions as events on their stats socket; hoptrace keeps a live table of them,"
                + " records them, and matches them against packet captures to show each client connection as a"
                + " chain of hops with where its time went.",
            ""},
        subcommands = {
            DemoCommand.class,
            ProxyCommand.class,
            SessionsCommand.class,
            RecordCommand.class,
            CorrelateCommand.class,
            TraceCommand.class,
            AutoComplete.GenerateCompletion.class,
            CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  hoptrace demo                           # start here: all of it in seconds",
            "  hoptrace proxy -f edge.cfg -f mid.cfg   # a two-hop chain of proxies",
            "  hoptrace sessions -s edge=/run/edge.sock --watch",
            "  hoptrace record -s edge=/run/edge.sock -s mid=/run/mid.sock -o ev.jsonl",
            "  hoptrace correlate -e ev.jsonl -r capture.pcap --timeline timeline.svg",
            "  hoptrace help correlate                 # a command's options and examples",
            "  source <(hoptrace generate-completion)  # tab completion (bash, zsh)",
            "",
            "Exit codes:",
            "    0  success",
            "    1  runtime failure: unreachable socket, unreadable file, bind failed",
            "    2  bad usage: unknown option, bad value",
            "    3  damaged input: corrupt capture or event log (the rest is reported)",
            "    4  configuration errors",
            "  130  interrupted (Ctrl-C)",
            "",
            "Errors are one line on stderr; --verbose (-v) adds the stack trace.",
            "Colour only on terminals (and not with NO_COLOR). More: README.md, docs/."})
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
        cl.setCaseInsensitiveEnumValuesAllowed(true); // --transport io_uring, --format json
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
                HoptraceCommand::commandList);
        return cl;
    }

    /**
     * The list of commands, each with the first sentence of its description: picocli's own list shows the first
     * line only, which cuts descriptions written over several lines mid-sentence.
     */
    static String commandList(CommandLine.Help help) {
        Map<String, CommandLine.Help> commands = help.subcommands();
        if (commands.isEmpty()) {
            return "";
        }
        int nameWidth = 2 + commands.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        int width = Math.max(nameWidth + 20, help.commandSpec().usageMessage().width());
        CommandLine.Help.TextTable table = CommandLine.Help.TextTable.forColumns(help.colorScheme(),
                new CommandLine.Help.Column(nameWidth, 2, CommandLine.Help.Column.Overflow.SPAN),
                new CommandLine.Help.Column(width - nameWidth, 0, CommandLine.Help.Column.Overflow.WRAP));
        for (Map.Entry<String, CommandLine.Help> c : commands.entrySet()) {
            table.addRowValues(help.colorScheme().commandText(c.getKey()),
                    help.colorScheme().text(summary(c.getValue().commandSpec().usageMessage())));
        }
        return table.toString();
    }

    /** The header if there is one, else the first sentence of the description's first paragraph. */
    static String summary(CommandLine.Model.UsageMessageSpec usage) {
        String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
        StringBuilder paragraph = new StringBuilder();
        for (String line : lines) {
            if (line.isBlank()) {
                break;
            }
            paragraph.append(paragraph.length() > 0 ? " " : "").append(line.strip());
        }
        String text = paragraph.toString().replace("%n", " ").replace("%%", "%");
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }
}
