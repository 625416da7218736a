package io.hoptrace.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same files through the real HAProxy 2.6 ({@code haproxy -c -f}, which checks a configuration without
 * starting) and through {@link ProxyConfig#load}: the samples and configurations within the subset pass both,
 * a keyword HAProxy knows and hoptrace ignores passes both with a hoptrace warning, and mistakes fail both.
 */
@Timeout(120)
class HaproxyConfigInteropTest {
    private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");

    @TempDir
    Path dir;

    @BeforeAll
    static void haproxyIsInstalled() {
        assertTrue(Files.isExecutable(HAPROXY), "the interop tests need HAProxy 2.6 at " + HAPROXY
                + ": run ./scripts/test, which installs it");
    }

    /** Runs {@code haproxy -c -f file}; returns its exit code, with its output in the failure messages. */
    private static Result haproxyCheck(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(HAPROXY.toString(), "-c", "-f", file.toString())
                .redirectErrorStream(true).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                fail("haproxy -c -f " + file + " did not finish within 30 s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }

    private record Result(int exitCode, String output) {
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static void bothAccept(Path file) throws Exception {
        Result r = haproxyCheck(file);
        assertEquals(0, r.exitCode(), "haproxy -c -f " + file + " failed:\n" + r.output());
        try {
            ProxyConfig.load(file);
        } catch (ConfigException e) {
            fail("hoptrace rejected " + file + " that HAProxy accepts:\n" + e.getMessage());
        }
    }

    private static void bothReject(Path file) throws Exception {
        Result r = haproxyCheck(file);
        assertNotEquals(0, r.exitCode(), "haproxy -c -f " + file + " accepted it:\n" + r.output());
        assertThrows(ConfigException.class, () -> ProxyConfig.load(file));
    }

    private static Path samples() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("samples"))) {
                return d.resolve("samples");
            }
        }
        return fail("no samples directory above " + Path.of("").toAbsolutePath());
    }

    @Test
    void everySampleConfigurationPassesHaproxyAndHoptrace() throws Exception {
        List<Path> configs;
        try (Stream<Path> files = Files.walk(samples(), FileVisitOption.FOLLOW_LINKS)) {
            configs = files.filter(f -> f.toString().endsWith(".cfg")).sorted().toList();
        }
        assertFalse(configs.isEmpty(), "no samples/**/*.cfg found");
        assertTrue(configs.stream().anyMatch(f -> f.endsWith(Path.of("chain", "edge.cfg"))), configs.toString());
        for (Path config : configs) {
            bothAccept(config);
        }
    }

    @Test
    void chainSamplesLoadWithoutWarnings() {
        Path chain = samples().resolve("chain");
        assertEquals(List.of(), ProxyConfig.load(chain.resolve("edge.cfg")).warnings());
        assertEquals(List.of(), ProxyConfig.load(chain.resolve("mid.cfg")).warnings());
    }

    @Test
    void listenWithNamedDefaultsPassesBoth() throws Exception {
        bothAccept(write("listen.cfg", """
                global
                    stats socket ipv4@127.0.0.1:19999 level operator
                    maxconn 500
                defaults tcp-short
                    mode tcp
                    timeout connect 500ms
                    timeout client 1m
                    timeout server 1m
                defaults tcp-long from tcp-short
                    timeout client 1h
                    timeout server 1h
                listen db from tcp-long
                    bind [::1]:15432
                    bind ipv4@127.0.0.1:15432 accept-proxy
                    balance source
                    retries 2
                    option redispatch
                    unique-id-format %{+X}o\\ %ci:%cp_%fi:%fp_%Ts_%rt:%pid
                    default-server send-proxy maxconn 50
                    server pg1 127.0.0.1:5432
                    server pg2 127.0.0.1:5433 send-proxy-v2
                """));
    }

    @Test
    void frontendAndBackendPassBoth() throws Exception {
        bothAccept(write("split.cfg", """
                global
                    node "fe-1"
                    stats socket unix@/tmp/hoptrace-interop.sock mode 660 level user
                defaults
                    mode tcp
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                frontend in
                    bind :18090
                    maxconn 100
                    default_backend out
                backend out
                    balance leastconn
                    no option redispatch
                    server s1 localhost:18091 maxconn 10
                backend spare
                """));
    }

    @Test
    void keywordsHaproxyKnowsPassBothWithHoptraceWarnings() throws Exception {
        Path file = write("logging.cfg", """
                global
                    log /dev/log local0
                    daemon
                defaults
                    mode tcp
                    log global
                    option tcplog
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                    timeout queue 10s
                listen l
                    bind 127.0.0.1:18095
                    server s 127.0.0.1:18096 check inter 2s
                """);
        bothAccept(file);
        String at = file + ":";
        assertEquals(List.of(
                at + "2: keyword 'log' is not implemented by hoptrace; ignored",
                at + "3: keyword 'daemon' is not implemented by hoptrace; ignored",
                at + "6: keyword 'log' is not implemented by hoptrace; ignored",
                at + "7: keyword 'option tcplog' is not implemented by hoptrace; ignored",
                at + "11: keyword 'timeout queue' is not implemented by hoptrace; ignored",
                at + "14: keyword 'check' is not implemented by hoptrace; ignored",
                at + "14: keyword 'inter' is not implemented by hoptrace; ignored"), ProxyConfig.load(file).warnings());
    }

    @Test
    void bothInheritFromTheLatestDefaultsEvenWhenItIsNamed() throws Exception {
        // The named section sets no connect timeout: both warn about it, so both took the named one.
        Path file = write("latest.cfg", """
                defaults
                    mode tcp
                    timeout connect 5s
                    timeout client 30s
                    timeout server 30s
                defaults named
                    mode tcp
                    timeout client 30s
                    timeout server 30s
                listen l
                    bind 127.0.0.1:18098
                    server s 127.0.0.1:18099
                """);
        Result r = haproxyCheck(file);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("missing timeouts for proxy 'l'"), r.output());
        assertEquals(List.of(file + ":10: missing timeouts for listen 'l': 'timeout connect' not set, so "
                + "connections may wait forever"), ProxyConfig.load(file).warnings());
    }

    @Test
    void badDurationFailsBoth() throws Exception {
        bothReject(write("duration.cfg", "defaults\n    timeout connect 5x\nlisten l\n    bind 127.0.0.1:18097\n"));
    }

    @Test
    void duplicateServerNameFailsBoth() throws Exception {
        bothReject(write("servers.cfg", "listen l\n    bind 127.0.0.1:18097\n    server s 127.0.0.1:1\n"
                + "    server s 127.0.0.1:2\n"));
    }

    @Test
    void unknownDefaultBackendFailsBoth() throws Exception {
        bothReject(write("backend.cfg", "frontend f\n    bind 127.0.0.1:18097\n    default_backend nowhere\n"));
    }

    @Test
    void unknownKeywordFailsBoth() throws Exception {
        bothReject(write("keyword.cfg", "listen l\n    bind 127.0.0.1:18097\n    serverr s 127.0.0.1:1\n"));
    }

    @Test
    void badStatsLevelFailsBoth() throws Exception {
        bothReject(write("level.cfg", "global\n    stats socket /tmp/hoptrace-interop.sock level bogus\n"
                + "listen l\n    bind 127.0.0.1:18097\n"));
    }
}
