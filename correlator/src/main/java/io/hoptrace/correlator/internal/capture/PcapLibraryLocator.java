package io.hoptrace.correlator.internal.capture;

import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Makes sure pcap4j finds libpcap before it first loads it. pcap4j 1.8.2 asks JNA for the library "pcap"
 * unless the system property {@code org.pcap4j.core.pcapLibName} names another. Debian's libpcap0.8 package
 * ships only the versioned file {@code libpcap.so.0.8} (the unversioned {@code libpcap.so} comes with
 * libpcap-dev); JNA 5 (5.3.1 here) finds versioned names in the system library directories on its own, which
 * was checked on Debian 12 with only libpcap0.8 installed. Should that lookup fail (another JNA, an unusual
 * layout), this sets the property to the versioned file it finds, so the tool still works. It must run before
 * any pcap4j call: pcap4j reads the property once, when its native mappings are first loaded.
 */
public final class PcapLibraryLocator {
    public static final String PROPERTY = "org.pcap4j.core.pcapLibName";
    static final List<Path> SEARCH_DIRECTORIES = List.of(Path.of("/lib/x86_64-linux-gnu"),
            Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/lib/aarch64-linux-gnu"),
            Path.of("/usr/lib/aarch64-linux-gnu"), Path.of("/usr/lib64"), Path.of("/lib64"), Path.of("/usr/lib"),
            Path.of("/lib"), Path.of("/usr/local/lib"));

    private PcapLibraryLocator() {
    }

    /**
     * Ensures libpcap can be loaded; returns how it will be found (for messages). Throws
     * {@link IllegalStateException} with an install hint when there is no libpcap at all.
     */
    public static synchronized String configure() {
        String property = System.getProperty(PROPERTY);
        if (property != null) {
            return property + " (from the system property " + PROPERTY + ")";
        }
        try {
            NativeLibrary library = NativeLibrary.getInstance("pcap");
            return library.getFile() == null ? "pcap" : library.getFile().toString();
        } catch (UnsatisfiedLinkError e) {
            Optional<Path> versioned = findVersioned(SEARCH_DIRECTORIES);
            if (versioned.isEmpty()) {
                throw new IllegalStateException("libpcap not found (looked for libpcap.so and libpcap.so.* in "
                        + SEARCH_DIRECTORIES + "); install it, on Debian/Ubuntu: apt-get install libpcap0.8", e);
            }
            System.setProperty(PROPERTY, versioned.get().toString());
            return versioned.get().toString();
        }
    }

    /**
     * The versioned libpcap in the first directory that has one; in a directory, the name with the fewest
     * version parts (the soname, e.g. {@code libpcap.so.0.8} before {@code libpcap.so.1.10.3}).
     */
    static Optional<Path> findVersioned(List<Path> directories) {
        for (Path dir : directories) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                Optional<Path> found = files
                        .filter(f -> f.getFileName().toString().startsWith("libpcap.so."))
                        .filter(Files::isReadable)
                        .min(Comparator.<Path>comparingInt(f -> dots(f.getFileName().toString()))
                                .thenComparing(f -> f.getFileName().toString()));
                if (found.isPresent()) {
                    return found;
                }
            } catch (IOException e) {
                // An unreadable directory: try the next one.
            }
        }
        return Optional.empty();
    }

    private static int dots(String name) {
        int n = 0;
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == '.') {
                n++;
            }
        }
        return n;
    }
}
