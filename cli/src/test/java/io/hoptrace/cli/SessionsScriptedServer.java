package io.hoptrace.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted hoptrace stats socket on 127.0.0.1 (DESIGN.md, "The stats socket protocol"): {@code show info} names
 * a hoptrace proxy; {@code show events full snapshot} replays the live sessions' {@code +} lines and
 * {@code # snapshot <n>}, then streams what the test sends with {@link #send} until the client goes away.
 */
final class SessionsScriptedServer implements AutoCloseable {
    private final ServerSocket server;
    private final List<String> live = new ArrayList<>();
    private final List<Socket> subscribers = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    SessionsScriptedServer(String... liveOpenLines) throws IOException {
        live.addAll(List.of(liveOpenLines));
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "sessions-scripted");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    int subscriberCount() {
        return subscribers.size();
    }

    /** Streams a line to every subscriber (and keeps the live list in step for later snapshots). */
    synchronized void send(String line) throws IOException {
        if (line.startsWith("+ ")) {
            live.add(line);
        } else if (line.startsWith("- ")) {
            String id = line.split(" ")[1];
            live.removeIf(l -> l.split(" ")[1].equals(id));
        }
        for (Socket s : subscribers) {
            s.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "sessions-scripted-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String request = in.readLine();
            OutputStream out = s.getOutputStream();
            if ("show info".equals(request)) {
                out.write("Name: edge\nVersion: hoptrace 0.1.0-test\nPid: 1\n\n".getBytes(StandardCharsets.UTF_8));
            } else if ("show events full snapshot".equals(request)) {
                synchronized (this) {
                    StringBuilder sb = new StringBuilder();
                    live.forEach(l -> sb.append(l).append('\n'));
                    sb.append("# snapshot ").append(live.size()).append('\n');
                    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    subscribers.add(s);
                }
                in.readLine(); // streams until the client sends a line or goes away
                subscribers.remove(s);
            } else {
                out.write("Unknown command.\n\n".getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            subscribers.remove(s);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : subscribers) {
            s.close();
        }
    }
}
