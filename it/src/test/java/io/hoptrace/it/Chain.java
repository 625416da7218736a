package io.hoptrace.it;

import io.hoptrace.correlator.BpfFilters;
import io.hoptrace.events.Endpoint;
import io.hoptrace.proxy.ProxyConfig;
import io.hoptrace.proxy.ProxyRuntime;
import io.hoptrace.proxy.ProxyServer;
import io.hoptrace.proxy.RuntimeOptions;
import io.hoptrace.tracer.SourceSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * A two-hop chain of hoptrace proxies on loopback, as in samples/chain: client → {@code edge} (frontend
 * {@code edge_in}) → PROXY v2 → {@code mid} ({@code accept-proxy}) → {@link EchoBackend}. Ephemeral ports, Unix
 * stats sockets in the test's temporary directory; the configurations are written there as files and loaded
 * with {@link ProxyConfig#load}, exactly as {@code hoptrace proxy -f} does. {@link #close()} stops everything.
 *
 * <p>{@link #startWithMidProcess} runs {@code mid} in a child JVM instead, so that a test can kill it
 * ({@link #killMid}) and start it again on the same port and socket ({@link #restartMid}).
 */
final class Chain implements AutoCloseable {
    static final String EDGE = "edge";
    static final String MID = "mid";

    private final Path dir;
    private final InetAddress host;
    private final ProxyRuntime runtime;
    private final EchoBackend echo;
    private ProxyServer edge;
    private ProxyServer mid;
    private ProxyProcess midProcess;
    private Endpoint midAddress;
    private Endpoint edgeAddress;

    private Chain(Path dir, InetAddress host, RuntimeOptions options) throws IOException {
        this.dir = dir;
        this.host = host;
        this.runtime = ProxyRuntime.create(options);
        try {
            this.echo = EchoBackend.start(host);
        } catch (IOException | RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    /** The chain on {@code host} (127.0.0.1 or ::1), both proxies in this JVM. */
    static Chain start(Path dir, InetAddress host) throws IOException {
        return start(dir, host, RuntimeOptions.defaults());
    }

    static Chain start(Path dir, InetAddress host, RuntimeOptions options) throws IOException {
        Chain c = new Chain(dir, host, options);
        try {
            c.mid = c.runtime.start(ProxyConfig.load(c.writeMidConfig(Endpoint.of(host, 0))));
            c.midAddress = Endpoint.of(c.mid.frontendAddress(MID));
            c.startEdge();
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** The chain on 127.0.0.1 with {@code mid} running as {@code hoptrace proxy} in a child JVM. */
    static Chain startWithMidProcess(Path dir) throws IOException {
        Chain c = new Chain(dir, InetAddress.getByName("127.0.0.1"), RuntimeOptions.defaults());
        try {
            c.midProcess = ProxyProcess.start(c.writeMidConfig(Endpoint.of(c.host, 0)), Duration.ofSeconds(60));
            c.midAddress = c.midProcess.frontend();
            c.startEdge();
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private void startEdge() throws IOException {
        Path cfg = dir.resolve("edge.cfg");
        Files.writeString(cfg, globalAndDefaults(EDGE, edgeStats()) + """
                frontend edge_in
                    bind %s
                    default_backend to_mid

                backend to_mid
                    server mid %s send-proxy-v2
                """.formatted(Endpoint.of(host, 0), midAddress));
        edge = runtime.start(ProxyConfig.load(cfg));
        edgeAddress = Endpoint.of(edge.frontendAddress("edge_in"));
    }

    private Path writeMidConfig(Endpoint bind) throws IOException {
        Path cfg = dir.resolve("mid.cfg");
        Files.writeString(cfg, globalAndDefaults(MID, midStats()) + """
                listen mid
                    bind %s accept-proxy
                    server app %s
                """.formatted(bind, echo.address()));
        return cfg;
    }

    /** What both proxies' configurations start with: their name, stats socket, and TCP mode with timeouts. */
    private static String globalAndDefaults(String node, Path stats) {
        return """
                global
                    node %s
                    maxconn 1000
                    stats socket %s mode 600 level admin

                defaults
                    mode tcp
                    timeout connect 5s
                    timeout client 120s
                    timeout server 120s

                """.formatted(node, stats);
    }

    /** SIGKILLs the {@code mid} process: its sessions die with it, unreported, its socket file stays behind. */
    void killMid() throws IOException {
        if (midProcess == null) {
            throw new IllegalStateException("killMid: expected a chain started with startWithMidProcess");
        }
        midProcess.kill();
    }

    /** Starts {@code mid} again, in this JVM, on the port and stats socket path it had. */
    void restartMid() throws IOException {
        mid = runtime.start(ProxyConfig.load(writeMidConfig(midAddress)));
    }

    /** The client-facing address of the chain: the edge proxy's frontend. */
    Endpoint edge() {
        return edgeAddress;
    }

    /** The mid proxy's frontend: where the edge's connections go. */
    Endpoint mid() {
        return midAddress;
    }

    /** The backend's listening address: where the mid proxy's connections go. */
    Endpoint backend() {
        return echo.address();
    }

    EchoBackend echo() {
        return echo;
    }

    Path edgeStats() {
        return dir.resolve("edge.sock");
    }

    Path midStats() {
        return dir.resolve("mid.sock");
    }

    /** {@code edge=<socket>} and {@code mid=<socket>}: the tracer's sources. */
    List<SourceSpec> sources() {
        return List.of(SourceSpec.parse(EDGE + "=" + edgeStats()), SourceSpec.parse(MID + "=" + midStats()));
    }

    /** A capture filter for the connections to the given listening addresses (and so every hop ending there). */
    static String filterFor(Collection<Endpoint> listeners) {
        return BpfFilters.forEndpoints(listeners);
    }

    /** A capture filter for all three hops. */
    String filter() {
        return filterFor(List.of(edge(), mid(), backend()));
    }

    ClientConnection connect(String tag) throws IOException {
        return ClientConnection.open(edgeAddress, tag);
    }

    /** Stops the proxies (and the child process), then the backend. */
    @Override
    public void close() throws IOException {
        try {
            if (midProcess != null) {
                midProcess.close();
            }
        } finally {
            try {
                runtime.close();
            } finally {
                echo.close();
            }
        }
    }
}
