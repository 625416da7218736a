package io.hoptrace.tracer.internal.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.SessionEvent;
import io.hoptrace.tracer.SessionTable;
import io.hoptrace.tracer.SourceKind;
import io.hoptrace.tracer.SourceSpec;
import io.hoptrace.tracer.TracedSession;
import io.hoptrace.tracer.Tracer;
import io.hoptrace.tracer.TracerOptions;
import io.hoptrace.tracer.testing.Await;
import io.hoptrace.tracer.testing.EchoServer;
import io.hoptrace.tracer.testing.HaproxyProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The stock-HAProxy path against the real /usr/sbin/haproxy (2.6), configured as docs/haproxy.md says. */
@Timeout(60)
class HaproxyFollowerTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final TracerOptions FAST = TracerOptions.DEFAULT.withReconnect(Duration.ofMillis(20),
            Duration.ofMillis(300));

    @TempDir
    Path dir;
    private EchoServer echo;
    private HaproxyProcess haproxy;
    private Tracer tracer;
    private final List<Socket> clients = new ArrayList<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private int frontendPort;

    @BeforeEach
    void startEcho() throws IOException {
        echo = new EchoServer();
        frontendPort = HaproxyProcess.freePort();
    }

    @AfterEach
    void stopAll() throws IOException {
        if (tracer != null) {
            tracer.close();
        }
        for (Socket s : clients) {
            s.close();
        }
        if (haproxy != null) {
            haproxy.close();
        }
        echo.close();
    }

    /** The configuration of docs/haproxy.md, on loopback. */
    private String config(String socketLevel) {
        return String.join("\n",
                "global",
                "    stats socket " + dir.resolve("stats.sock") + " mode 600 level " + socketLevel,
                "    stats timeout 1m",
                "",
                "ring hoptrace",
                "    format raw",
                "    maxlen 2048",
                "    size 1048576",
                "",
                "defaults",
                "    mode tcp",
                "    timeout connect 2s",
                "    timeout client 30s",
                "    timeout server 30s",
                "",
                "frontend fe_main",
                "    bind 127.0.0.1:" + frontendPort,
                "    log ring@hoptrace format raw local0 info",
                "    log-format \"hoptrace-v1 %rt %ci:%cp %fi:%fp %bi:%bp %si:%sp %f %b %s %Ts.%ms %Tw %Tc %Tt %U %B"
                        + " %ts %ID\"",
                "    default_backend be_main",
                "",
                "backend be_main",
                "    server s1 127.0.0.1:" + echo.port(),
                "");
    }

    private void startHaproxy(String level) throws IOException {
        haproxy = HaproxyProcess.start(dir, config(level), dir.resolve("stats.sock"));
    }

    private SessionTable follow(String spec) throws InterruptedException {
        SessionTable table = new SessionTable();
        tracer = Tracer.start(List.of(SourceSpec.parse(spec)), table, null, FAST.withWarnings(warnings::add));
        assertTrue(tracer.awaitSynced(WAIT), () -> "not synced: " + tracer.stats() + " " + haproxy.output());
        return table;
    }

    /** Connects through haproxy and waits for the echo, so both connections of the session are established. */
    private Socket connect(String payload) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), frontendPort);
        clients.add(s);
        s.setSoTimeout(10_000);
        s.getOutputStream().write(payload.getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        byte[] back = in.readNBytes(payload.length());
        assertEquals(payload, new String(back, StandardCharsets.US_ASCII));
        return s;
    }

    private static Optional<TracedSession> byClient(SessionTable table, Endpoint client) {
        return table.byEndpoint(client, TracedSession.Role.CLIENT).stream().findFirst();
    }

    /** The client end of a socket (taken while it is open: a closed socket reports the wildcard address). */
    private static Endpoint clientOf(Socket s) {
        return Endpoint.of(s.getLocalSocketAddress());
    }

    @Test
    void liveSessionsAppearWithTheAddressesTheirSocketsReallyHaveAndLeaveWhenClosed() throws Exception {
        startHaproxy("admin");
        SessionTable table = follow("hap=" + dir.resolve("stats.sock") + ",interval=100ms");
        assertEquals(SourceKind.HAPROXY, tracer.stats("hap").kind());
        List<Socket> open = List.of(connect("a"), connect("bb"), connect("ccc"));
        List<Endpoint> ends = open.stream().map(HaproxyFollowerTest::clientOf).toList();

        Await.until(WAIT, () -> ends.stream().allMatch(c -> byClient(table, c).isPresent()),
                () -> table.sessions().toString());
        for (Socket c : open) {
            TracedSession s = byClient(table, clientOf(c)).orElseThrow();
            assertEquals(Endpoint.of(c.getLocalSocketAddress()), s.client());
            assertEquals(Endpoint.of(c.getRemoteSocketAddress()), s.frontend());
            Socket accepted = echo.acceptedFrom((InetSocketAddress) s.backend().toSocketAddress());
            assertNotNull(accepted, () -> "no echo connection from " + s.backend() + " among " + echo.accepted());
            assertEquals(Endpoint.of(accepted.getRemoteSocketAddress()), s.backend());
            assertEquals(Endpoint.of(accepted.getLocalSocketAddress()), s.server());
            assertEquals("fe_main", s.frontendName());
            assertEquals("be_main", s.backendName());
            assertEquals("s1", s.serverName());
            assertTrue(s.isOpen());
        }
        assertEquals(3, table.openCount("hap"));

        for (Socket c : open) {
            c.close();
        }
        Await.until(WAIT, () -> table.openCount("hap") == 0, () -> table.sessions().toString());
        for (Endpoint c : ends) {
            TracedSession s = byClient(table, c).orElseThrow();
            assertEquals(TracedSession.State.CLOSED, s.state());
            assertEquals(SessionEvent.NONE, s.bytesIn(), "polling alone does not know the bytes");
        }
    }

    @Test
    void withARingClosesCarryBytesDurationAndTerminationState() throws Exception {
        startHaproxy("admin");
        SessionTable table = follow("hap=" + dir.resolve("stats.sock") + ",ring=hoptrace,interval=100ms");
        Socket c = connect("hello");
        Endpoint client = clientOf(c);
        Await.until(WAIT, () -> byClient(table, client).isPresent(), () -> table.sessions().toString());
        c.getOutputStream().write("world!".getBytes(StandardCharsets.US_ASCII));
        assertEquals(6, c.getInputStream().readNBytes(6).length);
        c.close();

        Await.until(WAIT, () -> byClient(table, client).map(s -> !s.isOpen()).orElse(false),
                () -> table.sessions().toString());
        TracedSession s = byClient(table, client).orElseThrow();
        assertEquals(11, s.bytesIn());
        assertEquals(11, s.bytesOut());
        assertTrue(s.durationUs() >= 0, () -> s.toString());
        assertNotNull(s.term(), () -> s.toString());
        assertTrue(s.closeMicros() >= s.openMicros(), () -> s.toString());
    }

    @Test
    void aSessionShorterThanThePollIntervalIsSeenThroughTheRing() throws Exception {
        startHaproxy("admin");
        SessionTable table = follow("hap=" + dir.resolve("stats.sock") + ",ring=hoptrace,interval=1m");
        Socket c = connect("quick");
        Endpoint client = Endpoint.of(c.getLocalSocketAddress());
        Endpoint frontend = Endpoint.of(c.getRemoteSocketAddress());
        c.close();

        Await.until(WAIT, () -> byClient(table, client).map(s -> !s.isOpen()).orElse(false),
                () -> table.sessions() + " " + warnings);
        TracedSession s = byClient(table, client).orElseThrow();
        assertEquals(TracedSession.State.CLOSED, s.state());
        assertEquals(frontend, s.frontend());
        assertEquals(5, s.bytesIn());
        assertNotNull(echo.acceptedFrom((InetSocketAddress) s.backend().toSocketAddress()),
                () -> "backend " + s.backend() + " not among " + echo.accepted());
    }

    @Test
    void aUserLevelSocketIsReportedAsNeedingOperatorLevel() throws Exception {
        startHaproxy("user");
        SessionTable table = new SessionTable();
        tracer = Tracer.start(List.of(SourceSpec.parse("hap=" + dir.resolve("stats.sock") + ",kind=haproxy")), table,
                null, FAST.withWarnings(warnings::add));
        Map<String, String> failures = tracer.awaitStarted(WAIT);
        assertTrue(failures.get("hap").contains("Permission denied"), () -> failures.toString());
        assertTrue(failures.get("hap").contains("operator"), () -> failures.toString());
    }

    @Test
    void haproxyGoingAwayAndComingBackIsResynchronised() throws Exception {
        startHaproxy("admin");
        SessionTable table = follow("hap=" + dir.resolve("stats.sock") + ",interval=100ms");
        Endpoint before = clientOf(connect("one"));
        Await.until(WAIT, () -> byClient(table, before).isPresent(), () -> table.sessions().toString());

        haproxy.close();
        Await.until(WAIT, () -> !tracer.stats("hap").connected(), () -> tracer.stats().toString());
        haproxy = HaproxyProcess.start(dir, config("admin"), dir.resolve("stats.sock"));
        Endpoint after = clientOf(connect("two"));

        Await.until(WAIT, () -> byClient(table, after).isPresent() && !byClient(table, before).orElseThrow().isOpen(),
                () -> table.sessions() + " " + tracer.stats());
        assertEquals("lost", byClient(table, before).orElseThrow().term());
        assertTrue(tracer.stats("hap").reconnects() >= 1, () -> tracer.stats().toString());
        assertEquals(1, table.openCount("hap"));
    }
}
