package io.hoptrace.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.cli.CommandResult;
import io.hoptrace.cli.ExitCodes;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class ErrorHandlerTest {
    private static CommandResult hoptrace(String... args) {
        return CommandResult.run(args);
    }

    /** A command failing with an error nobody planned for (a bug): not a {@link UserException}. */
    @Command(name = "failing")
    static final class Failing implements Callable<Integer> {
        @Option(names = {"-v", "--verbose"})
        boolean verbose;

        @Override
        public Integer call() {
            throw new IllegalStateException("something unexpected");
        }
    }

    private static CommandLine failing() {
        CommandLine cl = new CommandLine(new Failing());
        ErrorHandler.install(cl);
        return cl;
    }

    @Test
    void userErrorIsOneLineWithoutStackTrace() {
        CommandResult r = hoptrace("correlate", "-e", "/nonexistent/events.jsonl", "-r", "/nonexistent/c.pcap");
        assertEquals(ExitCodes.FAILURE, r.exit());
        assertEquals("hoptrace correlate: cannot read event log /nonexistent/events.jsonl: no such file"
                + System.lineSeparator(), r.err());
    }

    @Test
    void verboseAddsTheStackTraceToAUserError() {
        CommandResult r = hoptrace("correlate", "--verbose", "-e", "/nonexistent/events.jsonl", "-r",
                "/nonexistent/c.pcap");
        assertEquals(ExitCodes.FAILURE, r.exit());
        assertTrue(r.err().startsWith("hoptrace correlate: cannot read event log"), r.err());
        assertTrue(r.err().contains("UserException") && r.err().contains("\tat io.hoptrace.cli."), r.err());
    }

    @Test
    void shortVerboseFlagAddsTheStackTraceToo() {
        CommandResult r = hoptrace("correlate", "-e", "/nonexistent/events.jsonl", "-r", "/nonexistent/c.pcap", "-v");
        assertTrue(r.err().contains("\tat io.hoptrace.cli."), r.err());
    }

    @Test
    void unexpectedErrorIsOneLineAndPointsToVerbose() {
        CommandResult r = CommandResult.run(failing());
        assertEquals(ExitCodes.FAILURE, r.exit());
        assertEquals("hoptrace failing: something unexpected" + System.lineSeparator()
                + "(run again with --verbose for the stack trace)" + System.lineSeparator(), r.err());
    }

    @Test
    void unexpectedErrorWithVerboseHasTheStackTrace() {
        CommandResult r = CommandResult.run(failing(), "--verbose");
        assertTrue(r.err().contains("java.lang.IllegalStateException: something unexpected"), r.err());
        assertTrue(r.err().contains("\tat io.hoptrace.cli.internal.ErrorHandlerTest$Failing.call"), r.err());
    }

    @Test
    void badUsageExitsWith2AndPointsToHelp() {
        CommandResult r = hoptrace("demo", "--no-such-option");
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("Unknown option: '--no-such-option'"), r.err());
        assertTrue(r.err().contains("Try 'hoptrace demo --help' for more information."), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void errorsAreNotColouredOffATerminal() {
        // The tests' stdout and stderr are not terminals: picocli's Ansi.AUTO must leave out escape codes.
        CommandResult r = hoptrace("correlate", "-e", "/nonexistent/events.jsonl", "-r", "/nonexistent/c.pcap");
        assertFalse(r.err().contains("\u001b["), r.err());
        CommandResult usage = hoptrace("sessions", "-s", "x", "--interval", "1ms");
        assertFalse(usage.err().contains("\u001b["), usage.err());
    }
}
