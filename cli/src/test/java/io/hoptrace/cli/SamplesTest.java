package io.hoptrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recorded sample under {@code samples/} (a directory with a {@code COMMAND} file or an event log) still
 * correlates to its expected output, byte for byte: {@code expected.txt} for the command in {@code COMMAND},
 * {@code expected.jsonl} for the same with {@code --format json}. After a deliberate change to the report format,
 * {@code samples/record.sh --expected} rewrites them.
 */
class SamplesTest {
    private static final List<String> REQUIRED = List.of("two-hop", "haproxy-middle", "ipv6", "reset", "proxy-v2");

    static Path samplesDir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("samples/record.sh"))) {
                return p.resolve("samples");
            }
        }
        throw new IllegalStateException("no samples/record.sh above " + Path.of("").toAbsolutePath());
    }

    static Stream<Path> samples() throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> children = Files.list(samplesDir())) {
            for (Path d : children.filter(Files::isDirectory).sorted().toList()) {
                boolean hasEvents;
                try (Stream<Path> files = Files.list(d)) {
                    hasEvents = files.anyMatch(f -> f.getFileName().toString().matches("events.*\\.jsonl(\\.gz)?"));
                }
                if (hasEvents || Files.exists(d.resolve("COMMAND"))) {
                    dirs.add(d);
                }
            }
        }
        return dirs.stream();
    }

    /** Runs the sample's COMMAND (plus {@code extra}) in-process, its file arguments resolved in its directory. */
    private static CommandResult correlate(Path dir, String... extra) throws IOException {
        Path command = dir.resolve("COMMAND");
        assertTrue(Files.isRegularFile(command), dir + ": no COMMAND file (the correlate command of the sample)");
        String[] words = Files.readString(command, StandardCharsets.UTF_8).trim().split("\\s+");
        assertEquals("hoptrace", words[0], command + ": expected a command line starting with 'hoptrace'");
        List<String> args = new ArrayList<>();
        for (int i = 1; i < words.length; i++) {
            Path f = dir.resolve(words[i]);
            args.add(Files.isRegularFile(f) ? f.toString() : words[i]);
        }
        args.addAll(List.of(extra));
        return CommandResult.run(args.toArray(String[]::new));
    }

    private static String expected(Path dir, String name) throws IOException {
        Path f = dir.resolve(name);
        assertTrue(Files.isRegularFile(f), dir + ": no " + name + " (run samples/record.sh --expected "
                + dir.getFileName() + ")");
        return Files.readString(f, StandardCharsets.UTF_8);
    }

    @Test
    void everyIssueSampleIsRecorded() throws IOException {
        List<String> names = samples().map(d -> d.getFileName().toString()).toList();
        for (String required : REQUIRED) {
            assertTrue(names.contains(required), "samples/" + required + " missing; have " + names);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void correlateGivesTheExpectedText(Path dir) throws IOException {
        String want = expected(dir, "expected.txt");
        CommandResult r = correlate(dir);
        assertEquals(0, r.exit(), dir + ": exit code; stderr: " + r.err());
        assertEquals(want, r.out(), dir + ": correlate output differs from expected.txt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void correlateGivesTheExpectedJson(Path dir) throws IOException {
        String want = expected(dir, "expected.jsonl");
        CommandResult r = correlate(dir, "--format", "json");
        assertEquals(0, r.exit(), dir + ": exit code; stderr: " + r.err());
        assertEquals(want, r.out(), dir + ": correlate --format json output differs from expected.jsonl");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleKeepsItsRecordingAndConfigs(Path dir) throws IOException {
        assertTrue(Files.isRegularFile(dir.resolve("capture.pcap")), dir + ": no capture.pcap");
        assertTrue(Files.isRegularFile(dir.resolve("README.md")), dir + ": no README.md with the commands");
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.anyMatch(f -> f.toString().endsWith(".cfg")), dir + ": no proxy configuration");
        }
    }
}
