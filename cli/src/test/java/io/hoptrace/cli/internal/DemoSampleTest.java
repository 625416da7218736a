package io.hoptrace.cli.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoSampleTest {
    @TempDir
    Path tmp;

    private static Path sampleDir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(DemoSample.ORIGIN))) {
                return p.resolve(DemoSample.ORIGIN);
            }
        }
        throw new IllegalStateException("no " + DemoSample.ORIGIN + " above " + Path.of("").toAbsolutePath());
    }

    @Test
    void bundledSampleIsTheRecordedOne() throws IOException {
        DemoSample.Recording r = DemoSample.extract(tmp);
        assertArrayEquals(Files.readAllBytes(sampleDir().resolve("events.jsonl")), Files.readAllBytes(r.events()));
        assertArrayEquals(Files.readAllBytes(sampleDir().resolve("capture.pcap")), Files.readAllBytes(r.capture()));
    }
}
