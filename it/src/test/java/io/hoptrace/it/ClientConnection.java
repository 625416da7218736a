package io.hoptrace.it;

import io.hoptrace.events.Endpoint;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * One client connection through the chain, speaking {@link EchoBackend}'s line protocol: {@link #open} returns
 * once its {@code hello <tag>} came back, so every hop of the chain is established by then. Each way of ending
 * it waits until the end has travelled the whole chain and back.
 */
final class ClientConnection implements Closeable {
    /** Bounds every read: the chain answers in milliseconds, but the machine is shared. */
    private static final int READ_TIMEOUT_MILLIS = 20_000;

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private final String tag;
    private final Endpoint local;
    private final Endpoint remote;

    private ClientConnection(Socket socket, String tag) throws IOException {
        this.socket = socket;
        this.tag = tag;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        this.out = socket.getOutputStream();
        this.local = Endpoint.of(socket.getLocalSocketAddress());
        this.remote = Endpoint.of(socket.getRemoteSocketAddress());
    }

    /** Connects from an ephemeral port. */
    static ClientConnection open(Endpoint edge, String tag) throws IOException {
        return open(edge, tag, null);
    }

    /** Connects from {@code bindTo} (SO_REUSEADDR set) when it is not null. */
    static ClientConnection open(Endpoint edge, String tag, InetSocketAddress bindTo) throws IOException {
        Socket s = new Socket();
        try {
            if (bindTo != null) {
                s.setReuseAddress(true);
                s.bind(bindTo);
            }
            s.connect(edge.toSocketAddress(), READ_TIMEOUT_MILLIS);
            s.setSoTimeout(READ_TIMEOUT_MILLIS);
            ClientConnection c = new ClientConnection(s, tag);
            c.roundTrip("hello " + tag);
            return c;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    String tag() {
        return tag;
    }

    /** The client's own socket. */
    Endpoint local() {
        return local;
    }

    /** The edge proxy's frontend, as this socket is connected to it. */
    Endpoint remote() {
        return remote;
    }

    /** Sends a line and waits for its echo. */
    void roundTrip(String line) throws IOException {
        send(line);
        String back = in.readLine();
        if (!line.equals(back)) {
            throw new IOException("connection " + tag + " from " + local + ": expected the echo '" + line
                    + "', got " + (back == null ? "end of stream" : "'" + back + "'"));
        }
    }

    /** The client closes first (FIN); returns once the backend's FIN has come back through the chain. */
    void closeOrderly() throws IOException {
        try (socket) {
            socket.shutdownOutput();
            expectEnd();
        }
    }

    /** The backend closes first ({@code bye}); the client closes once that FIN has reached it. */
    void closeByServer() throws IOException {
        try (socket) {
            send("bye");
            expectEnd();
        }
    }

    /**
     * The backend resets its connection ({@code reset}); returns true when the reset reached the client (each
     * proxy passes a reset on as a reset), false when the client saw an orderly end instead.
     */
    boolean resetByBackend() throws IOException {
        try (socket) {
            send("reset");
            try {
                String line = in.readLine();
                if (line != null) {
                    throw new IOException("connection " + tag + ": expected a reset, got '" + line + "'");
                }
                return false;
            } catch (SocketException e) {
                return true; // "Connection reset"
            }
        }
    }

    /** Reads what is left (after the chain lost a hop, say) until the end of stream, then closes. */
    void drainAndClose() throws IOException {
        try (socket) {
            try {
                while (in.readLine() != null) {
                    // nothing is expected; the end is
                }
            } catch (SocketException e) {
                // a reset is an end too
            }
        }
    }

    boolean isClosed() {
        return socket.isClosed();
    }

    private void send(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private void expectEnd() throws IOException {
        String line = in.readLine();
        if (line != null) {
            throw new IOException("connection " + tag + ": expected the end of stream, got '" + line + "'");
        }
    }

    /** Closes without waiting for anything. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
