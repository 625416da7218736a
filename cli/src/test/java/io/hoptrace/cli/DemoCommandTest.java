package io.hoptrace.cli;

import static io.hoptrace.cli.CommandResult.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.cli.internal.DemoSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo in-process, without capturing ({@code --capture sample}: the path of a host that cannot capture). The
 * live capture path is run end to end, through the launcher, by {@code it/DemoEndToEndTest}.
 */
@Timeout(60)
class DemoCommandTest {
    @TempDir
    Path tmp;

    @Test
    void withoutCaptureItCorrelatesTheBundledSampleAndSaysSo() throws IOException {
        Path out = tmp.resolve("out");
        CommandResult r = run("demo", "--capture", "sample", "--out", out.toString());
        String context = r.out() + r.err();
        assertEquals(0, r.exit(), context);
        assertTrue(r.out().contains("  capture  none (--capture sample): the bundled sample recording is correlated"
                + " instead"), context);
        assertTrue(r.out().contains("(the bundled sample " + DemoSample.ORIGIN + ", not this run)"), context);
        assertTrue(r.out().contains("29 connections: 27 answered, 1 reset by the backend, 1 aborted by the client")
                || r.out().contains("27 connections: 25 answered, 1 reset by the backend, 1 aborted by the client"),
                context);
        for (int i = 1; i <= 5; i++) {
            assertTrue(r.out().contains("trace " + i + " of 5: "), context);
            assertTrue(r.out().contains("  trace " + i + ": " + DemoSample.SHAPES.get(i - 1)), context);
        }
        assertTrue(r.out().contains("traces: 5, 5 with every hop captured"), context);
        for (String f : new String[] {"events.jsonl", "report.txt", "timeline.svg", "sample-events.jsonl",
            "sample-capture.pcap"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertFalse(Files.exists(out.resolve("capture.pcap")), "no capture was made");
        assertTrue(r.out().strip().endsWith("hoptrace record -s mid=/run/haproxy/admin.sock,ring=hoptrace -o"
                + " mid.jsonl"), "ends with what to run next");
    }

    @Test
    void recordsTheEventsOfEveryConnectionOfTheRun() throws IOException {
        Path out = tmp.resolve("out");
        CommandResult r = run("demo", "--capture", "sample", "--out", out.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        long opens = Files.readAllLines(out.resolve("events.jsonl")).stream()
                .filter(l -> l.contains("\"type\":\"open\"")).count();
        long closes = Files.readAllLines(out.resolve("events.jsonl")).stream()
                .filter(l -> l.contains("\"type\":\"close\"")).count();
        int connections = r.out().contains("29 connections") ? 29 : 27;
        assertEquals(2L * connections, opens, "one session per connection in edge and in mid");
        assertEquals(opens, closes);
    }

    @Test
    void secondRunInTheSameDirectoryStartsAfresh() throws IOException {
        Path out = tmp.resolve("out");
        assertEquals(0, run("demo", "--capture", "sample", "--out", out.toString()).exit());
        CommandResult again = run("demo", "--capture", "sample", "--out", out.toString());
        assertEquals(0, again.exit(), again.out() + again.err());
        long metas = Files.readAllLines(out.resolve("events.jsonl")).stream()
                .filter(l -> l.contains("\"type\":\"meta\"")).count();
        assertEquals(1, metas, "the event log holds one run, not two");
    }

    @Test
    void rejectsAnUnknownCaptureMode() {
        CommandResult r = run("demo", "--capture", "sometimes");
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("--capture"), r.err());
    }

    @Test
    void outThatIsAFileIsAUserError() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        CommandResult r = run("demo", "--out", file.toString());
        assertEquals(ExitCodes.FAILURE, r.exit());
        assertTrue(r.err().startsWith("hoptrace demo: cannot use " + file + " for the demo's files"), r.err());
    }
}
