package io.hoptrace.tracer.testing;

import io.hoptrace.events.EventLineFormatter;
import io.hoptrace.events.SessionEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A protocol test double of a proxy's stats socket, speaking the documented protocol (DESIGN.md "The stats socket
 * protocol"): {@code show info}; {@code show events [full] [snapshot]} streaming, the snapshot replayed atomically
 * with the subscription and ended by {@code # snapshot <n>}; usage text and close for anything else.
 * Non-interactive: one request per connection.
 *
 * <p>The test drives it: {@link #open}/{@link #close} change the live sessions and stream the events to every
 * subscriber; {@link #dropForSubscribers} changes them without telling the subscribers, then sends
 * {@code ! dropped <n>}, as a proxy does for a subscriber whose queue overflowed; {@link #sendRaw} writes any
 * line; {@link #stop} and {@link #start} take the socket away and bring it back on the same address.
 *
 * <p>{@link #originalPatch()} makes it a proxy of the original patch: {@code show events} only, bare lines, usage
 * text for arguments it does not know.
 */
public final class ScriptedStatsServer implements AutoCloseable {
    private final String name;
    private final String version;
    private final Path unixPath;
    private final boolean fullMode;
    private final Object lock = new Object();
    private final Map<Long, SessionEvent.Open> live = new LinkedHashMap<>();
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final List<SocketChannel> connections = new CopyOnWriteArrayList<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private ServerSocketChannel listener;
    private Thread acceptor;
    private int port;

    private record Subscriber(SocketChannel channel, boolean full) {
    }

    private ScriptedStatsServer(String name, String version, Path unixPath, boolean fullMode) {
        this.name = name;
        this.version = version;
        this.unixPath = unixPath;
        this.fullMode = fullMode;
    }

    /** A hoptrace proxy on 127.0.0.1, ephemeral port. */
    public static ScriptedStatsServer tcp(String name) throws IOException {
        ScriptedStatsServer s = new ScriptedStatsServer(name, "hoptrace 0.1.0-test", null, true);
        s.start();
        return s;
    }

    /** A hoptrace proxy on a Unix socket. */
    public static ScriptedStatsServer unix(Path path, String name) throws IOException {
        ScriptedStatsServer s = new ScriptedStatsServer(name, "hoptrace 0.1.0-test", path, true);
        s.start();
        return s;
    }

    /** A HAProxy with the original {@code show events} patch: bare lines, no full, no snapshot. */
    public static ScriptedStatsServer originalPatch() throws IOException {
        ScriptedStatsServer s = new ScriptedStatsServer("HAProxy", "1.5-dev19-patched", null, false);
        s.start();
        return s;
    }

    /** The address to give the tracer. */
    public String address() {
        return unixPath != null ? unixPath.toString() : "127.0.0.1:" + port;
    }

    public synchronized void start() throws IOException {
        if (unixPath != null) {
            Files.deleteIfExists(unixPath);
            listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            listener.bind(UnixDomainSocketAddress.of(unixPath));
        } else {
            listener = ServerSocketChannel.open();
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
        }
        ServerSocketChannel l = listener;
        acceptor = new Thread(() -> acceptLoop(l), "scripted-stats-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Closes the listening socket and every connection; the live sessions stay (the proxy keeps running). */
    public synchronized void stop() throws IOException {
        if (listener == null) {
            return;
        }
        listener.close();
        listener = null;
        for (SocketChannel c : connections) {
            closeQuietly(c);
        }
        synchronized (lock) {
            subscribers.clear();
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (unixPath != null) {
            Files.deleteIfExists(unixPath);
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private void acceptLoop(ServerSocketChannel l) {
        while (l.isOpen()) {
            SocketChannel c;
            try {
                c = l.accept();
            } catch (IOException e) {
                return;
            }
            connections.add(c);
            Thread t = new Thread(() -> serve(c), "scripted-conn-" + name);
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(SocketChannel c) {
        try {
            String request = readLine(c);
            if (request == null) {
                closeQuietly(c);
                return;
            }
            requests.add(request);
            String[] words = request.trim().split("\\s+");
            if (request.trim().equals("show info")) {
                write(c, "Name: " + name + "\nVersion: " + version + "\nPid: 4242\nUptime_sec: 1\n\n");
                closeQuietly(c);
                return;
            }
            if (words.length >= 2 && words[0].equals("show") && words[1].equals("events")) {
                boolean full = false;
                boolean snapshot = false;
                boolean known = true;
                for (int i = 2; i < words.length; i++) {
                    if (words[i].equals("full")) {
                        full = true;
                    } else if (words[i].equals("snapshot")) {
                        snapshot = true;
                    } else {
                        known = false;
                    }
                }
                if (known && (fullMode || (!full && !snapshot))) {
                    subscribe(c, full, snapshot);
                    // Streams until the client sends another line or goes away.
                    readLine(c);
                    unsubscribe(c);
                    closeQuietly(c);
                    return;
                }
            }
            write(c, "Unknown command. Please enter one of the following commands only :\n"
                    + "  help           : this message\n  show info      : report information about the running"
                    + " process\n  show events    : stream session events\n\n");
            closeQuietly(c);
        } catch (IOException e) {
            closeQuietly(c);
        } finally {
            connections.remove(c);
        }
    }

    private void subscribe(SocketChannel c, boolean full, boolean snapshot) throws IOException {
        synchronized (lock) {
            if (snapshot) {
                StringBuilder sb = new StringBuilder();
                for (SessionEvent.Open o : live.values()) {
                    EventLineFormatter.appendTo(sb, o, full).append('\n');
                }
                sb.append("# snapshot ").append(live.size()).append('\n');
                write(c, sb.toString());
            }
            subscribers.add(new Subscriber(c, full));
        }
    }

    private void unsubscribe(SocketChannel c) {
        synchronized (lock) {
            subscribers.removeIf(s -> s.channel == c);
        }
    }

    /** A session is established: stream its {@code +} line. */
    public void open(SessionEvent.Open o) {
        synchronized (lock) {
            live.put(o.id(), o);
            broadcast(o);
        }
    }

    /** A session ended: stream its {@code -} line. */
    public void close(SessionEvent.Close c) {
        synchronized (lock) {
            live.remove(c.id());
            broadcast(c);
        }
    }

    /**
     * The subscribers' queues overflow: these events happen without reaching them, then they get
     * {@code ! dropped <n>}.
     */
    public void dropForSubscribers(List<SessionEvent> events) {
        synchronized (lock) {
            for (SessionEvent e : events) {
                if (e instanceof SessionEvent.Open o) {
                    live.put(o.id(), o);
                } else if (e instanceof SessionEvent.Close c) {
                    live.remove(c.id());
                }
            }
            broadcastLine("! dropped " + events.size());
        }
    }

    /** Changes the live sessions without telling anyone (what happens while the tracer is disconnected). */
    public void quietly(List<SessionEvent> events) {
        synchronized (lock) {
            for (SessionEvent e : events) {
                if (e instanceof SessionEvent.Open o) {
                    live.put(o.id(), o);
                } else if (e instanceof SessionEvent.Close c) {
                    live.remove(c.id());
                }
            }
        }
    }

    /** Writes any line to every subscriber. */
    public void sendRaw(String line) {
        synchronized (lock) {
            broadcastLine(line);
        }
    }

    private void broadcast(SessionEvent e) {
        for (Subscriber s : subscribers) {
            try {
                write(s.channel, EventLineFormatter.format(e, s.full) + "\n");
            } catch (IOException x) {
                closeQuietly(s.channel);
            }
        }
    }

    private void broadcastLine(String line) {
        for (Subscriber s : subscribers) {
            try {
                write(s.channel, line + "\n");
            } catch (IOException x) {
                closeQuietly(s.channel);
            }
        }
    }

    /** How many event subscriptions are active. */
    public int subscriberCount() {
        synchronized (lock) {
            return subscribers.size();
        }
    }

    /** Every request line received so far, in order. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Waits until {@code n} subscriptions are active. */
    public void awaitSubscribers(int n, Duration timeout) {
        Await.until(timeout, () -> subscriberCount() >= n, () -> "subscribers=" + subscriberCount()
                + ", requests=" + requests());
    }

    public List<Long> liveIds() {
        synchronized (lock) {
            return List.copyOf(live.keySet());
        }
    }

    private static String readLine(SocketChannel c) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        StringBuilder sb = new StringBuilder();
        while (true) {
            one.clear();
            int n = c.read(one);
            if (n < 0) {
                return sb.length() == 0 ? null : sb.toString();
            }
            char ch = (char) one.get(0);
            if (ch == '\n') {
                return sb.toString();
            }
            sb.append(ch);
        }
    }

    private static void write(SocketChannel c, String text) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        synchronized (c) {
            while (b.hasRemaining()) {
                c.write(b);
            }
        }
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
