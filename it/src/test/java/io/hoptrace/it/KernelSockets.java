package io.hoptrace.it;

import io.hoptrace.events.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The kernel's own list of TCP sockets ({@code /proc/net/tcp}, {@code /proc/net/tcp6}; proc(5)): ground truth
 * for the sockets the test holds no handle of, such as the ones the edge proxy opens to the mid proxy.
 */
final class KernelSockets {
    /** {@code st} of an established connection (include/net/tcp_states.h: TCP_ESTABLISHED = 1). */
    private static final int ESTABLISHED = 1;

    private record Entry(Endpoint local, Endpoint remote, int state) {
    }

    private KernelSockets() {
    }

    /** The local ends of the established connections to {@code remote}. */
    static Set<Endpoint> establishedTo(Endpoint remote) {
        Set<Endpoint> out = new HashSet<>();
        for (Entry e : entries()) {
            if (e.state() == ESTABLISHED && e.remote().equals(remote)) {
                out.add(e.local());
            }
        }
        return out;
    }

    /** Whether any TCP socket, in any state (TIME_WAIT and LAST_ACK included), has {@code local} as its address. */
    static boolean inUse(Endpoint local) {
        return entries().stream().anyMatch(e -> e.local().equals(local));
    }

    private static List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            for (int i = 1; i < lines.size(); i++) { // line 0 is the header
                // "  12: 0100007F:A1B2 0100007F:1F90 01 ...": local, remote, state, all hex
                String[] f = lines.get(i).trim().split("\\s+");
                if (f.length >= 4) {
                    out.add(new Entry(endpoint(f[1]), endpoint(f[2]), Integer.parseInt(f[3], 16)));
                }
            }
        }
        return out;
    }

    /**
     * {@code ADDR:PORT} in hex; the address is the kernel's in-memory form, 32-bit words in host byte order
     * (little-endian here), one word for IPv4 and four for IPv6.
     */
    private static Endpoint endpoint(String hex) {
        int colon = hex.indexOf(':');
        String addr = hex.substring(0, colon);
        byte[] bytes = new byte[addr.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(addr.substring(at, at + 2), 16);
            }
        }
        try {
            return Endpoint.of(InetAddress.getByAddress(bytes), Integer.parseInt(hex.substring(colon + 1), 16));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of " + bytes.length + " bytes in '" + hex + "'", e);
        }
    }
}
