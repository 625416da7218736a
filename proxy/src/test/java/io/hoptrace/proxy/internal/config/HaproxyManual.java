package io.hoptrace.proxy.internal.config;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The HAProxy 2.6 configuration manual as the Debian package installs it, so that the keyword tables can be
 * checked against the reference they were written from.
 */
final class HaproxyManual {
    static final Path CONFIGURATION = Path.of("/usr/share/doc/haproxy/configuration.txt.gz");

    private HaproxyManual() {
    }

    static List<String> lines() {
        assertTrue(Files.isReadable(CONFIGURATION), "the table tests need HAProxy 2.6's manual at " + CONFIGURATION
                + " (package haproxy): run ./scripts/test, which installs it");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(CONFIGURATION))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of the section whose title line is {@code title}, up to the next title {@code next}. */
    static List<String> section(String title, String next) {
        List<String> all = lines();
        // The table of contents lists the titles first: the section itself is the last occurrence.
        int from = all.lastIndexOf(title);
        int to = all.lastIndexOf(next);
        if (from < 0 || to < from) {
            return fail("section '" + title + "' not found in " + CONFIGURATION);
        }
        return all.subList(from + 1, to);
    }
}
