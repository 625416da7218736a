package io.hoptrace.correlator.internal.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap4j.core.Pcaps;

class PcapLibraryLocatorTest {
    @TempDir
    Path dir;

    @Test
    void prefersTheSonameAmongVersionedFiles() throws IOException {
        Files.createFile(dir.resolve("libpcap.so.1.10.3"));
        Files.createFile(dir.resolve("libpcap.so.0.8"));
        Files.createFile(dir.resolve("libpcapng.so.1"));
        assertEquals(Optional.of(dir.resolve("libpcap.so.0.8")), PcapLibraryLocator.findVersioned(List.of(dir)));
    }

    @Test
    void looksInTheNextDirectoryWhenOneHasNone() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path lib = Files.createDirectory(dir.resolve("lib"));
        Files.createFile(lib.resolve("libpcap.so.1"));
        assertEquals(Optional.of(lib.resolve("libpcap.so.1")),
                PcapLibraryLocator.findVersioned(List.of(dir.resolve("missing"), empty, lib)));
    }

    @Test
    void findsNothingWithoutLibpcap() {
        assertEquals(Optional.empty(), PcapLibraryLocator.findVersioned(List.of(dir)));
    }

    @Test
    void letsPcap4jLoadTheSystemLibpcap() {
        String how = PcapLibraryLocator.configure();
        assertTrue(how.contains("pcap"), how);
        assertTrue(Pcaps.libVersion().startsWith("libpcap version"), Pcaps.libVersion());
    }
}
