package io.hoptrace.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.cli.CommandResult;
import io.hoptrace.cli.ExitCodes;
import io.hoptrace.cli.HoptraceCommand;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class SessionsSourcesTest {
    @Test
    void anIntervalBelow10msIsBadUsageNamingTheOption() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> SessionsSources.requireInterval(HoptraceCommand.commandLine(), Duration.ofMillis(9)));
        assertEquals("--interval: expected at least 10ms, got 9ms", e.getMessage());
    }

    @Test
    void anIntervalOf10msIsAccepted() {
        SessionsSources.requireInterval(HoptraceCommand.commandLine(), Duration.ofMillis(10));
    }

    /** Each command that reads stats sockets checks its --interval before connecting to anything. */
    @ParameterizedTest
    @ValueSource(strings = {"record -o /nonexistent/e.jsonl", "trace -i lo", "sessions"})
    void everyCommandReadingSocketsRefusesAnIntervalBelow10ms(String command) {
        String[] args = (command + " -s edge=/nonexistent.sock --interval 5ms").split(" ");
        CommandResult r = CommandResult.run(args);
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("--interval: expected at least 10ms, got 5ms"), r.err());
    }
}
