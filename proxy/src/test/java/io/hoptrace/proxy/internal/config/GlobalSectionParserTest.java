package io.hoptrace.proxy.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.proxy.ProxyConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The global section; the line under test is line 2 unless said otherwise. */
class GlobalSectionParserTest extends ConfigFileTest {
    /** A minimal valid proxy after the global section under test (lines 1..n are the test's own). */
    private static final String PROXY = DEFAULTS + """
            listen l
                bind 127.0.0.1:0
            """;

    @Test
    void maxconnSetsTheProcessLimit() {
        assertEquals(2000, load("global\n    maxconn 2000\n" + PROXY).global().maxconn());
    }

    @Test
    void maxconnDefaultsToUnlimited() {
        assertEquals(0, load(PROXY).global().maxconn());
    }

    @Test
    void rejectsNonNumericMaxconn() {
        assertEquals(List.of(at(2) + ": maxconn: expected an integer from 0 to 2147483647, got 'lots'"),
                errors("global\n    maxconn lots\n" + PROXY));
    }

    @Test
    void rejectsMaxconnWithoutValue() {
        assertEquals(List.of(at(2) + ": 'maxconn' expects an integer"), errors("global\n    maxconn\n" + PROXY));
    }

    @Test
    void rejectsMaxconnWithTwoValues() {
        assertEquals(List.of(at(2) + ": 'maxconn' cannot handle unexpected argument '3'"),
                errors("global\n    maxconn 2 3\n" + PROXY));
    }

    @Test
    void nodeNamesTheProxy() {
        assertEquals("edge-1", load("global\n    node edge-1\n" + PROXY).name());
    }

    @Test
    void nameDefaultsToTheFileBaseName() {
        assertEquals("nameDefaultsToTheFileBaseName", load(PROXY).name());
    }

    @Test
    void warnsAboutStatsTimeout() {
        assertEquals(List.of(ignored(2, "stats timeout")), load("global\n    stats timeout 30s\n" + PROXY).warnings());
    }

    @Test
    void rejectsUnknownStatsKeyword() {
        assertEquals(List.of(at(2) + ": unknown keyword 'stats sockets' in 'global' section"),
                errors("global\n    stats sockets /tmp/h.sock\n" + PROXY));
    }

    @Test
    void warnsAboutProcessManagementKeywords() {
        ProxyConfig c = load("""
                global
                    daemon
                    log /dev/log local0
                    chroot /var/lib/haproxy
                    user haproxy
                    pidfile /run/haproxy.pid
                    nbthread 4
                    ssl-default-bind-options no-sslv3
                    tune.bufsize 32768
                """ + PROXY);
        assertEquals(List.of(ignored(2, "daemon"), ignored(3, "log"), ignored(4, "chroot"), ignored(5, "user"),
                ignored(6, "pidfile"), ignored(7, "nbthread"), ignored(8, "ssl-default-bind-options"),
                ignored(9, "tune.bufsize")), c.warnings());
    }

    @Test
    void knowsEveryGlobalKeywordOfTheHaproxy26Manual() {
        // Configuration manual 3 "Global parameters" lists them all, one per "   - keyword" line.
        List<String> manual = HaproxyManual.section("3. Global parameters", "3.1. Process management and security")
                .stream().filter(l -> l.startsWith("   - ")).map(l -> l.substring(5).split(" ")[0]).toList();
        assertTrue(manual.size() > 150, manual.toString());
        Set<String> implemented = Set.of("maxconn", "node", "stats", "setenv", "presetenv", "unsetenv", "resetenv");
        List<String> unknown = manual.stream().filter(k -> !implemented.contains(k)
                && !GlobalSectionParser.IGNORED.contains(k) && !k.startsWith("tune.")).toList();
        assertEquals(List.of(), unknown);
    }

    @Test
    void rejectsUnknownGlobalKeyword() {
        assertEquals(List.of(at(2) + ": unknown keyword 'maxconns' in 'global' section"),
                errors("global\n    maxconns 10\n" + PROXY));
    }

    @Test
    void setenvDefinesAVariableForLaterLines() {
        ProxyConfig c = load("global\n    setenv NODE edge-7\n    node \"$NODE\"\n" + PROXY, Map.of("NODE", "x"));
        assertEquals("edge-7", c.name());
    }

    @Test
    void presetenvKeepsAVariableAlreadySet() {
        ProxyConfig c = load("global\n    presetenv NODE edge-7\n    node \"$NODE\"\n" + PROXY, Map.of("NODE", "x"));
        assertEquals("x", c.name());
    }

    @Test
    void unsetenvRemovesAVariable() {
        ProxyConfig c = load("global\n    unsetenv NODE\n    node \"${NODE-none}\"\n" + PROXY, Map.of("NODE", "x"));
        assertEquals("none", c.name());
    }

    @Test
    void resetenvKeepsOnlyTheNamedVariables() {
        ProxyConfig c = load("global\n    resetenv KEEP\n    node \"${NODE-none}-$KEEP\"\n" + PROXY,
                Map.of("NODE", "x", "KEEP", "k"));
        assertEquals("none-k", c.name());
    }
}
