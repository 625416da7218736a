package io.hoptrace.it;

import io.hoptrace.events.Endpoint;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The server at the end of the chain, on loopback with an ephemeral port. Line protocol: the first line a
 * connection sends is {@code hello <tag>}; the backend remembers which of its accepted sockets carried that tag
 * (so the test knows the socket the last proxy really opened for each of its client connections) and echoes
 * every line. {@code reset} makes it abort the connection (SO_LINGER 0: a RST); {@code bye} makes it close
 * first (a FIN from the server side); end of input makes it close its side too.
 */
final class EchoBackend implements Closeable {
    /** One accepted connection: the backend's own socket ({@code local}) and the last proxy's ({@code peer}). */
    record Accepted(String tag, Endpoint local, Endpoint peer) {
    }

    private final ServerSocket listener;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "echo-backend");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Accepted> all = new ConcurrentHashMap<>();
    private final Map<String, Accepted> live = new ConcurrentHashMap<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private EchoBackend(ServerSocket listener) {
        this.listener = listener;
        pool.execute(this::acceptLoop);
    }

    static EchoBackend start(InetAddress host) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(host, 0), 200);
        return new EchoBackend(s);
    }

    Endpoint address() {
        return Endpoint.of(listener.getLocalSocketAddress());
    }

    /** The connection that said {@code hello <tag>}, open or not; null if none did. */
    Accepted accepted(String tag) {
        return all.get(tag);
    }

    /** The connections not closed yet, by tag. */
    Map<String, Accepted> live() {
        return Map.copyOf(live);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            open.add(s);
            pool.execute(() -> serve(s));
        }
    }

    private void serve(Socket s) {
        String tag = null;
        try (s) {
            // Connections stay open across checkpoints; the bound only keeps a forgotten thread from lingering.
            s.setSoTimeout(120_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream out = s.getOutputStream();
            String hello = in.readLine();
            if (hello == null || !hello.startsWith("hello ")) {
                return;
            }
            tag = hello.substring("hello ".length());
            Accepted a = new Accepted(tag, Endpoint.of(s.getLocalSocketAddress()),
                    Endpoint.of(s.getRemoteSocketAddress()));
            all.put(tag, a);
            live.put(tag, a);
            echo(out, hello);
            for (String line = in.readLine(); ; line = in.readLine()) {
                if (line == null) {
                    s.shutdownOutput(); // the other side closed first: close ours, an orderly end
                    return;
                }
                switch (line) {
                    case "reset" -> {
                        s.setSoLinger(true, 0); // close() now sends a RST instead of a FIN
                        return;
                    }
                    case "bye" -> {
                        s.shutdownOutput(); // the server closes first
                        while (in.readLine() != null) {
                            // until the client's FIN comes back through the chain
                        }
                        return;
                    }
                    default -> echo(out, line);
                }
            }
        } catch (IOException e) {
            // the peer went away (a proxy killed, a reset): nothing left to serve
        } finally {
            open.remove(s);
            if (tag != null) {
                live.remove(tag);
            }
        }
    }

    private static void echo(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : open) {
            s.close();
        }
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
