package io.hoptrace.cli.internal;

import io.hoptrace.events.Endpoint;
import io.hoptrace.proxy.ProxyConfig;
import io.hoptrace.proxy.ProxyRuntime;
import io.hoptrace.proxy.ProxyServer;
import io.hoptrace.proxy.RuntimeOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's two-hop chain of hoptrace proxies in this process, {@code client -> edge -> mid -> backend}, on
 * loopback with ephemeral ports: IPv4 through frontend {@code web}, IPv6 (when the backend has it) through
 * {@code web6} and mid's {@code mid6}, so that connection is IPv6 on every hop. The configuration files are
 * written to {@code dir} (with the stats sockets), in the language of {@code samples/chain}, and loaded as any
 * user's would be.
 */
public final class DemoChain implements AutoCloseable {
    private final ProxyRuntime runtime;
    private final ProxyServer edge;
    private final ProxyServer mid;
    private final Path edgeSocket;
    private final Path midSocket;

    private DemoChain(ProxyRuntime runtime, ProxyServer edge, ProxyServer mid, Path edgeSocket, Path midSocket) {
        this.runtime = runtime;
        this.edge = edge;
        this.mid = mid;
        this.edgeSocket = edgeSocket;
        this.midSocket = midSocket;
    }

    /** Starts mid (to learn its ports), then edge pointing at it. Nothing stays running when this throws. */
    public static DemoChain start(Path dir, InetSocketAddress backend4, InetSocketAddress backend6)
            throws IOException {
        Path midSocket = dir.resolve("mid.sock");
        Path edgeSocket = dir.resolve("edge.sock");
        ProxyRuntime runtime = ProxyRuntime.create(RuntimeOptions.defaults().withIoThreads(2));
        try {
            StringBuilder midCfg = new StringBuilder(header("mid", midSocket))
                    .append("listen mid\n    bind 127.0.0.1:0\n    server app ").append(addr(backend4)).append('\n');
            if (backend6 != null) {
                midCfg.append("\nlisten mid6\n    bind [::1]:0\n    server app ").append(addr(backend6)).append('\n');
            }
            ProxyServer mid = runtime.start(load(dir.resolve("mid.cfg"), midCfg.toString()));

            StringBuilder edgeCfg = new StringBuilder(header("edge", edgeSocket))
                    .append("frontend web\n    bind 127.0.0.1:0\n    default_backend to_mid\n\n")
                    .append("backend to_mid\n    server mid ").append(addr(mid.frontendAddress("mid"))).append('\n');
            if (backend6 != null) {
                edgeCfg.append("\nfrontend web6\n    bind [::1]:0\n    default_backend to_mid6\n\n")
                        .append("backend to_mid6\n    server mid ").append(addr(mid.frontendAddress("mid6")))
                        .append('\n');
            }
            ProxyServer edge = runtime.start(load(dir.resolve("edge.cfg"), edgeCfg.toString()));
            return new DemoChain(runtime, edge, mid, edgeSocket, midSocket);
        } catch (IOException | RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    private static String header(String name, Path socket) {
        return "# written by 'hoptrace demo'\nglobal\n    node " + name + "\n    stats socket " + socket
                + " mode 600 level admin\n\ndefaults\n    mode tcp\n    timeout connect 5s\n    timeout client 30s\n"
                + "    timeout server 30s\n\n";
    }

    private static ProxyConfig load(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return ProxyConfig.load(file);
    }

    private static String addr(InetSocketAddress a) {
        return Endpoint.of(a).toString();
    }

    /** Where clients connect over IPv4. */
    public InetSocketAddress entry4() {
        return edge.frontendAddress("web");
    }

    /** Where clients connect over IPv6, or null without IPv6. */
    public InetSocketAddress entry6() {
        return edge.frontendAddresses().containsKey("web6") ? edge.frontendAddress("web6") : null;
    }

    public Path edgeSocket() {
        return edgeSocket;
    }

    public Path midSocket() {
        return midSocket;
    }

    /** Where mid listens (IPv4, then IPv6 when there is one). */
    public List<InetSocketAddress> midAddresses() {
        List<InetSocketAddress> all = new ArrayList<>();
        mid.frontendAddresses().values().forEach(all::addAll);
        return all;
    }

    /** Every address the chain listens on (frontends of edge and mid). */
    public List<InetSocketAddress> listening() {
        List<InetSocketAddress> all = new ArrayList<>();
        edge.frontendAddresses().values().forEach(all::addAll);
        mid.frontendAddresses().values().forEach(all::addAll);
        return all;
    }

    public String transport() {
        return runtime.transport();
    }

    /** Stops both proxies (sockets closed, socket files removed) and their threads. */
    @Override
    public void close() {
        runtime.close();
    }
}
