package io.hoptrace.tracer.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A TCP echo server on 127.0.0.1 that remembers the sockets it accepted (their real four addresses). */
public final class EchoServer implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final Thread thread;

    public EchoServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(this::acceptLoop, "echo-server");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The accepted sockets so far: remote = the proxy's backend address, local = the server address. */
    public List<Socket> accepted() {
        return List.copyOf(accepted);
    }

    /** The accepted socket whose peer is {@code remote}, or null. */
    public Socket acceptedFrom(InetSocketAddress remote) {
        for (Socket s : accepted) {
            if (s.getRemoteSocketAddress().equals(remote)) {
                return s;
            }
        }
        return null;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.add(s);
            Thread t = new Thread(() -> echo(s), "echo-conn");
            t.setDaemon(true);
            t.start();
        }
    }

    private static void echo(Socket s) {
        byte[] buf = new byte[8192];
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // peer went away
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
