package io.hoptrace.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A backend for integration tests, on loopback and an ephemeral port: accepts connections and runs a
 * {@link Behaviour} on each, recording the addresses of every accepted socket as the server saw them.
 */
final class TestServer implements AutoCloseable {
    /** What the server does with one accepted connection (the socket is closed afterwards). */
    interface Behaviour {
        void serve(Socket socket) throws IOException;
    }

    /** The accepted socket's peer (the proxy's backend address) and local address (the server address). */
    record Accepted(InetSocketAddress remote, InetSocketAddress local) {
    }

    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-server");
        t.setDaemon(true);
        return t;
    });
    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private TestServer(InetAddress address, int receiveBuffer, Behaviour behaviour) throws IOException {
        listener = new ServerSocket();
        if (receiveBuffer > 0) {
            listener.setReceiveBufferSize(receiveBuffer);
        }
        listener.bind(new InetSocketAddress(address, 0), 128);
        threads.execute(() -> acceptLoop(behaviour));
    }

    static TestServer start(Behaviour behaviour) throws IOException {
        return new TestServer(InetAddress.getLoopbackAddress(), 0, behaviour);
    }

    static TestServer start(InetAddress address, Behaviour behaviour) throws IOException {
        return new TestServer(address, 0, behaviour);
    }

    /** A server whose accepted sockets have a small receive buffer (a slow reader fills up quickly). */
    static TestServer startSmallBuffers(Behaviour behaviour) throws IOException {
        return new TestServer(InetAddress.getLoopbackAddress(), 32 * 1024, behaviour);
    }

    static TestServer echo() throws IOException {
        return start(TestServer::echo);
    }

    static void echo(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        byte[] buf = new byte[16 * 1024];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
        }
    }

    private void acceptLoop(Behaviour behaviour) {
        while (!listener.isClosed()) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                return;
            }
            accepted.add(new Accepted((InetSocketAddress) s.getRemoteSocketAddress(),
                    (InetSocketAddress) s.getLocalSocketAddress()));
            open.add(s);
            threads.execute(() -> {
                try (s) {
                    behaviour.serve(s);
                } catch (IOException e) {
                    // The proxy closed or reset the connection: part of several tests.
                } finally {
                    open.remove(s);
                }
            });
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    List<Accepted> accepted() {
        return accepted;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : open) {
            s.close();
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
