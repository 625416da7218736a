package io.hoptrace.cli.internal;

import io.hoptrace.cli.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The recording the demo correlates when it cannot capture by itself: {@code samples/two-hop} (a real two-hop
 * chain of hoptrace proxies, recorded with {@code hoptrace record} and tcpdump), bundled in the jar at build time
 * so the demo finds it wherever the jar is run from.
 */
public final class DemoSample {
    /** Where the sample comes from in the source tree. */
    public static final String ORIGIN = "samples/two-hop";
    private static final String RESOURCES = "/io/hoptrace/cli/demo/";
    /** What the sample's client connections did, in order ({@code samples/record.sh}: get get big slow get). */
    public static final List<String> SHAPES = List.of("a short request and answer", "a short request and answer",
            "a 16 KiB answer", "a slow answer: the backend waits 400 ms", "a short request and answer");

    /** The sample's event log and capture, copied out of the jar. */
    public record Recording(Path events, Path capture) {
    }

    private DemoSample() {
    }

    /**
     * Copies the sample's event log and capture into {@code dir} as {@code sample-events.jsonl} and
     * {@code sample-capture.pcap}.
     */
    public static Recording extract(Path dir) {
        return new Recording(copy("events.jsonl", dir.resolve("sample-events.jsonl")),
                copy("capture.pcap", dir.resolve("sample-capture.pcap")));
    }

    private static Path copy(String name, Path to) {
        try (InputStream in = DemoSample.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new UserException(ExitCodes.FAILURE, "the bundled sample (" + ORIGIN + "/" + name
                        + ") is missing from this build; rebuild with ./hoptrace or mvn package");
            }
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
            return to;
        } catch (IOException e) {
            throw new UserException(ExitCodes.FAILURE, "cannot write " + to + ": " + e.getMessage(), e);
        }
    }
}
