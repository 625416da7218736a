package io.hoptrace.cli;

import static io.hoptrace.cli.CommandResult.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HoptraceCommandTest {
    /** picocli's own commands: their help is picocli's. */
    private static final List<String> BUILT_IN = List.of("help", "generate-completion");

    /** The commands of this project, without picocli's and without placeholders of commands not landed yet. */
    private static List<String> ownCommands() {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, CommandLine> c : HoptraceCommand.commandLine().getSubcommands().entrySet()) {
            String[] description = c.getValue().getCommandSpec().usageMessage().description();
            boolean placeholder = description.length > 0 && description[0].startsWith("Not available yet");
            if (!BUILT_IN.contains(c.getKey()) && !placeholder) {
                names.add(c.getKey());
            }
        }
        return names;
    }

    @Test
    void versionPrintsTheVersionAndTheBuild() {
        CommandResult r = run("--version");
        assertEquals(0, r.exit());
        String[] lines = r.out().split("\\R");
        assertTrue(lines[0].matches("hoptrace \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), lines[0]);
        // commit (or "dev" outside a launcher build) and the build time, from the filtered properties
        assertTrue(lines[1].matches("build \\S+ \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), lines[1]);
    }

    @Test
    void generateCompletionPrintsABashScriptForEveryCommand() {
        CommandResult r = run("generate-completion");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("#!/usr/bin/env bash"), r.out().substring(0, 40));
        assertTrue(r.out().contains("complete -F _complete_hoptrace"), "registers the completion function");
        for (String c : ownCommands()) {
            assertTrue(r.out().contains(c), "completes " + c);
        }
        assertTrue(r.out().contains("--timeline"), "completes the options of correlate");
    }

    @Test
    void everyCommandHasHelpWithAnExample() {
        List<String> commands = ownCommands();
        assertTrue(commands.containsAll(List.of("demo", "proxy", "sessions", "record", "correlate")), commands
                .toString());
        for (String c : commands) {
            CommandResult r = run(c, "--help");
            assertEquals(0, r.exit(), c);
            assertTrue(r.out().contains("Usage: hoptrace " + c), c + ": " + r.out());
            assertTrue(r.out().contains("Example"), c + " --help has no example:\n" + r.out());
            assertTrue(r.out().contains("  hoptrace " + c), c + " --help's example does not run hoptrace " + c);
        }
        assertTrue(run("--help").out().contains("Examples:"), "top-level help has examples");
    }

    @Test
    void helpFitsEightyColumnsWithoutBreakingDeclaredLines() {
        // Off a terminal picocli uses 80 columns; a footer line wider than that would be cut mid-phrase.
        for (String c : ownCommands()) {
            CommandLine cl = HoptraceCommand.commandLine().getSubcommands().get(c);
            String out = run(c, "--help").out();
            for (String line : cl.getCommandSpec().usageMessage().footer()) {
                String expected = String.format(line).stripTrailing();
                assertTrue(out.contains(expected + System.lineSeparator()) || expected.isEmpty(),
                        c + ": footer line wrapped: '" + expected + "'");
            }
        }
        String top = run("--help").out();
        for (String line : top.split("\\R")) {
            assertTrue(line.length() <= 80, "wider than 80: '" + line + "'");
        }
        for (String line : HoptraceCommand.commandLine().getCommandSpec().usageMessage().footer()) {
            assertTrue(top.contains(String.format(line).stripTrailing()), "footer line wrapped: '" + line + "'");
        }
    }

    @Test
    void commandListShowsWholeFirstSentences() {
        String top = run("--help").out();
        // sessions' description spans several source lines; the list must not stop at the first one
        assertTrue(top.replaceAll("\\s+", " ").contains("sessions Show the live sessions of one or more proxies: the"
                + " client, frontend, backend and server address of each."), top);
        assertTrue(top.replaceAll("\\s+", " ").contains("demo Trace connections through a two-hop proxy chain"), top);
    }

    @Test
    void summaryIsTheFirstSentenceOfTheFirstParagraph() {
        CommandLine.Model.UsageMessageSpec usage = new CommandLine.Model.UsageMessageSpec().description(
                "Show the sessions: the client,", "frontend and server. Then more.", "", "Second paragraph.");
        assertEquals("Show the sessions: the client, frontend and server.", HoptraceCommand.summary(usage));
    }

    @Test
    void summaryPrefersTheHeader() {
        CommandLine.Model.UsageMessageSpec usage = new CommandLine.Model.UsageMessageSpec().header("The header.")
                .description("The description.");
        assertEquals("The header.", HoptraceCommand.summary(usage));
    }

    @Test
    void helpIsNotColouredOffATerminal() {
        assertFalse(run("--help").out().contains("\u001b["));
        assertFalse(run("demo", "--help").out().contains("\u001b["));
    }

    @Test
    void noCommandPrintsTheUsage() {
        CommandResult r = run();
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("Usage: hoptrace"), r.out());
    }
}
