package io.hoptrace.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The stats socket over real sockets: commands, levels, limits, and the Unix socket file. */
@Timeout(30)
class StatsServerTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final RuntimeWithEcho env = new RuntimeWithEcho(1);

    private ProxyServer proxy(TestConfigs config) throws IOException {
        return env.runtime().start(config.frontend("web", "app").backend("app", env.echo().address()).build());
    }

    private ProxyServer adminProxy() throws IOException {
        return proxy(TestConfigs.proxy("p").unixStats(dir.resolve("admin.sock"), StatsLevel.ADMIN)
                .unixStats(dir.resolve("user.sock"), StatsLevel.USER).tcpStats(StatsLevel.OPERATOR));
    }

    @Test
    void showInfoAnswersTheDocumentedKeysThenAnEmptyLineAndCloses() throws Exception {
        ProxyServer p = adminProxy();
        TestTraffic.echoOnce(p.frontendAddress("web"), 10);
        List<String> info = StatsClient.request(p.statsAddresses().get(0), "show info");
        List<String> keys = info.stream().filter(l -> !l.isEmpty()).map(l -> l.substring(0, l.indexOf(':')))
                .toList();
        assertTrue(keys.containsAll(List.of("Name", "Version", "Pid", "Uptime_sec", "CurrConns", "CumConns",
                "MaxConn", "EventSubscribers", "EventsSent", "EventsDropped")), keys.toString());
        assertEquals("Name: p", info.get(0));
        assertEquals("Pid: " + ProcessHandle.current().pid(), info.get(2));
        assertTrue(info.contains("CumConns: 1"), info.toString());
        assertEquals("", info.get(info.size() - 1));
    }

    @Test
    void showStatIsHaproxyCsvWithFrontendServerAndBackendRows() throws Exception {
        ProxyServer p = adminProxy();
        TestTraffic.echoOnce(p.frontendAddress("web"), 100);
        // The client only waits for its echo: the session ends (client FIN, server FIN, both closed) just after.
        Await.until("session ended", () -> StatsClient.info(p.statsAddresses().get(0), "CurrConns") == 0);
        List<String> csv = StatsClient.request(p.statsAddresses().get(0), "show stat");
        assertEquals("# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,econ,wretr,wredis,status,lbtot,type,",
                csv.get(0));
        assertEquals("web,FRONTEND,,,0,1,,1,100,100,,,,OPEN,,0,", csv.get(1));
        assertEquals("app,s1,0,,0,1,,1,100,100,0,0,0,no check,1,2,", csv.get(2));
        assertEquals("app,BACKEND,0,0,0,1,,1,100,100,0,0,0,UP,1,1,", csv.get(3));
        assertEquals("", csv.get(4));
    }

    @Test
    void showSessListsLiveSessionsAndShowSessIdDetailsOne() throws Exception {
        ProxyServer p = adminProxy();
        SocketAddress stats = p.statsAddresses().get(0);
        try (Socket c = new Socket()) {
            c.connect(p.frontendAddress("web"));
            c.getOutputStream().write(7);
            assertEquals(7, c.getInputStream().read());
            List<String> sessions = StatsClient.request(stats, "show sess");
            assertEquals(2, sessions.size(), sessions.toString());
            assertTrue(Pattern.matches("1: state=established client=127\\.0\\.0\\.1:" + c.getLocalPort()
                    + " frontend=127\\.0\\.0\\.1:" + c.getPort() + " backend=127\\.0\\.0\\.1:\\d+ server=127\\.0\\.0\\.1:"
                    + env.echo().address().getPort() + " fe=web be=app srv=s1 age=\\d+\\.\\d{3}s bin=1 bout=1",
                    sessions.get(0)), sessions.get(0));
            List<String> one = StatsClient.request(stats, "show sess 1");
            assertTrue(one.get(0).startsWith("1: state=established age="), one.toString());
            assertTrue(one.stream().anyMatch(l -> l.startsWith("  req: bytes=1 pending=0 reading=yes")),
                    one.toString());
            assertEquals(List.of("Session not found.", ""), StatsClient.request(stats, "show sess 99"));
        }
    }

    @Test
    void shutdownSessionClosesBothConnectionsAtAdminLevel() throws Exception {
        ProxyServer p = adminProxy();
        try (StatsClient events = TestTraffic.subscribe(p.statsAddresses().get(0), "full");
             Socket c = new Socket()) {
            c.setSoTimeout(10_000);
            c.connect(p.frontendAddress("web"));
            c.getOutputStream().write(7);
            assertEquals(7, c.getInputStream().read());
            assertEquals(List.of(""), StatsClient.request(p.statsAddresses().get(0), "shutdown session 1"));
            assertEquals(-1, c.getInputStream().read(), "the client connection was closed");
            String close = events.until(l -> l.startsWith("- 1 ")).get(1);
            assertTrue(close.endsWith(" term=shutdown"), close);
            Await.until("echo server saw its connection close", () -> env.echo().accepted().size() == 1
                    && StatsClient.info(p.statsAddresses().get(0), "CurrConns") == 0);
        }
    }

    @Test
    void shutdownSessionIsRefusedBelowAdminLevel() throws Exception {
        ProxyServer p = adminProxy();
        try (Socket c = new Socket()) {
            c.setSoTimeout(10_000);
            c.connect(p.frontendAddress("web"));
            c.getOutputStream().write(7);
            assertEquals(7, c.getInputStream().read());
            assertEquals(List.of("Permission denied.", ""),
                    StatsClient.request(p.statsAddresses().get(1), "shutdown session 1"));
            assertEquals(List.of("Permission denied.", ""),
                    StatsClient.request(p.statsAddresses().get(2), "shutdown session 1"));
            c.getOutputStream().write(8);
            assertEquals(8, c.getInputStream().read(), "the session still forwards");
            assertEquals(List.of("No such session (use 'show sess').", ""),
                    StatsClient.request(p.statsAddresses().get(0), "shutdown session 42"));
        }
    }

    @Test
    void aRequestLineOver16KiBIsRefusedBeforeItEnds() throws Exception {
        ProxyServer p = adminProxy();
        try (StatsClient c = StatsClient.connect(p.statsAddresses().get(0))) {
            c.sendRaw("x".repeat(16 * 1024 + 1)); // no newline: the proxy must not wait for one
            assertEquals("Request line too long (more than 16384 bytes): closing.", c.next());
            assertEquals("", c.next());
            assertEquals(StatsClient.END, c.next());
        }
        assertEquals("Name: p", StatsClient.request(p.statsAddresses().get(0), "show info").get(0));
    }

    @Test
    void aRequestLineOfExactly16KiBIsAnswered() throws Exception {
        ProxyServer p = adminProxy();
        String line = "show info" + " ".repeat(16 * 1024 - 9);
        assertEquals("Name: p", StatsClient.request(p.statsAddresses().get(0), line).get(0));
    }

    @Test
    void unknownCommandsGetTheUsage() throws Exception {
        ProxyServer p = adminProxy();
        List<String> answer = StatsClient.request(p.statsAddresses().get(0), "show nothing");
        assertEquals("Unknown command: 'show nothing'. Please enter one of the following commands only :",
                answer.get(0));
        assertTrue(answer.stream().anyMatch(l -> l.contains("show events [full] [snapshot]")));
        assertEquals("", answer.get(answer.size() - 1));
    }

    @Test
    void semicolonsSeparateCommandsEachAnsweredWithItsEmptyLine() throws Exception {
        ProxyServer p = adminProxy();
        List<String> answer = StatsClient.request(p.statsAddresses().get(0), "show sess; show info");
        assertEquals("", answer.get(0), "show sess (no session) then its empty line");
        assertEquals("Name: p", answer.get(1));
        assertEquals("", answer.get(answer.size() - 1));
    }

    @Test
    void promptKeepsTheConnectionAndQuitCloses() throws Exception {
        ProxyServer p = adminProxy();
        try (StatsClient c = StatsClient.connect(p.statsAddresses().get(2))) {
            c.send("prompt");
            assertEquals("", c.next());
            c.send("show info");
            assertEquals("> Name: p", c.next());
            c.until(String::isEmpty);
            c.send("quit");
            assertEquals("> ", c.next());
            assertEquals(StatsClient.END, c.next());
        }
    }

    @Test
    void anAnswerIsWrittenEvenWhenTheClientHalfClosesRightAfterItsRequest() throws Exception {
        ProxyServer p = adminProxy();
        try (StatsClient c = StatsClient.connect(p.statsAddresses().get(0))) {
            c.send("show info");
            c.shutdownOutput(); // what `echo show info | socat stdio unix:...` does
            List<String> answer = c.readUntilClosed();
            assertEquals("Name: p", answer.get(0));
        }
    }

    @Test
    void theUnixSocketGetsItsModeAndIsRemovedOnStop() throws Exception {
        ProxyServer p = adminProxy();
        Path sock = dir.resolve("admin.sock");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)));
        assertEquals(UnixDomainSocketAddress.of(sock), p.statsAddresses().get(0));
        try (var listing = Files.list(dir)) {
            assertEquals(2, listing.count(), "no staging directory left behind");
        }
        p.stop();
        assertFalse(Files.exists(sock));
    }

    @Test
    void aStaleSocketFileIsReplaced() throws Exception {
        Path sock = dir.resolve("admin.sock");
        try (ServerSocketChannel old = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            old.bind(UnixDomainSocketAddress.of(sock)); // its process died: the file stays, nobody listens
        }
        assertTrue(Files.exists(sock));
        ProxyServer p = adminProxy();
        assertEquals("Name: p", StatsClient.request(p.statsAddresses().get(0), "show info").get(0));
    }

    @Test
    void aSocketSomeoneListensOnIsNotTakenOver() throws Exception {
        Path sock = dir.resolve("admin.sock");
        try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            live.bind(UnixDomainSocketAddress.of(sock));
            IOException e = assertThrows(IOException.class, this::adminProxy);
            assertTrue(e.getMessage().contains("another process is listening"), e.getMessage());
            assertTrue(e.getMessage().contains("p.cfg:2"), e.getMessage());
            assertTrue(Files.exists(sock), "the live socket is left alone");
        }
    }

    @Test
    void aPathThatIsNotASocketIsNotReplaced() throws Exception {
        Path sock = dir.resolve("admin.sock");
        Files.writeString(sock, "important");
        IOException e = assertThrows(IOException.class, this::adminProxy);
        assertTrue(e.getMessage().contains("is not a socket"), e.getMessage());
        assertEquals("important", Files.readString(sock));
    }

    @Test
    void theUnixSocketGetsItsOwnerAndGroup() throws Exception {
        Path sock = dir.resolve("owned.sock");
        proxy(TestConfigs.proxy("p").unixStats(sock, 0660, "daemon", "daemon"));
        assertEquals("daemon", Files.getOwner(sock).getName());
        assertEquals("daemon", Files.readAttributes(sock, PosixFileAttributes.class)
                .group().getName());
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)));
    }
}
