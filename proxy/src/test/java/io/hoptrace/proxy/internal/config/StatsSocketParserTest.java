package io.hoptrace.proxy.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hoptrace.proxy.ProxyConfig;
import io.hoptrace.proxy.StatsLevel;
import io.hoptrace.proxy.StatsSocketConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code stats socket} lines of the global section: the line under test is line 2. */
class StatsSocketParserTest extends ConfigFileTest {
    private static final String PROXY = DEFAULTS + """
            listen l
                bind 127.0.0.1:0
            """;

    private StatsSocketConfig socket(String line) {
        return load("global\n    " + line + "\n" + PROXY).global().statsSockets().get(0);
    }

    private List<String> socketErrors(String line) {
        return errors("global\n    " + line + "\n" + PROXY);
    }

    @Test
    void statsSocketOnAUnixPathWithModeAndLevel() {
        StatsSocketConfig s = socket("stats socket /tmp/hoptrace-test.sock mode 660 level admin");
        assertEquals(Path.of("/tmp/hoptrace-test.sock"), s.unixPath());
        assertNull(s.tcpAddress());
        assertEquals(0660, s.mode());
        assertEquals(StatsLevel.ADMIN, s.level());
        assertEquals(at(2), s.location());
    }

    @Test
    void statsSocketLevelDefaultsToOperatorAsInHaproxy26() {
        StatsSocketConfig s = socket("stats socket unix@/tmp/hoptrace-test.sock");
        assertEquals(StatsLevel.OPERATOR, s.level());
        assertEquals(-1, s.mode());
    }

    @Test
    void statsSocketLevelUser() {
        assertEquals(StatsLevel.USER, socket("stats socket /tmp/h.sock level user").level());
    }

    @Test
    void statsSocketOnTcp() throws Exception {
        StatsSocketConfig s = socket("stats socket ipv4@127.0.0.1:9999 level operator");
        assertEquals(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 9999), s.tcpAddress());
        assertNull(s.unixPath());
    }

    @Test
    void statsSocketUserAndGroupThatExist() {
        StatsSocketConfig s = socket("stats socket /tmp/h.sock user root group root");
        assertEquals("root", s.user());
        assertEquals("root", s.group());
    }

    @Test
    void rejectsStatsSocketUserThatDoesNotExist() {
        assertEquals(List.of(at(2) + ": stats socket user: no such user 'no-such-user-hoptrace'"),
                socketErrors("stats socket /tmp/h.sock user no-such-user-hoptrace"));
    }

    @Test
    void rejectsStatsSocketGroupThatDoesNotExist() {
        assertEquals(List.of(at(2) + ": stats socket group: no such group 'no-such-group-hoptrace'"),
                socketErrors("stats socket /tmp/h.sock group no-such-group-hoptrace"));
    }

    @Test
    void rejectsBogusLevel() {
        assertEquals(List.of(at(2) + ": stats socket level: expected user, operator or admin, got 'bogus'"),
                socketErrors("stats socket /tmp/h.sock level bogus"));
    }

    @Test
    void rejectsNonOctalMode() {
        assertEquals(List.of(at(2) + ": stats socket mode: expected an octal file mode from 0 to 7777 (such as "
                + "600), got '689'"), socketErrors("stats socket /tmp/h.sock mode 689"));
    }

    @Test
    void rejectsModeAbove7777() {
        assertEquals(List.of(at(2) + ": stats socket mode: expected an octal file mode from 0 to 7777 (such as "
                + "600), got '17777'"), socketErrors("stats socket /tmp/h.sock mode 17777"));
    }

    @Test
    void rejectsModeWithoutValue() {
        assertEquals(List.of(at(2) + ": 'stats socket' option 'mode' expects an argument"),
                socketErrors("stats socket /tmp/h.sock mode"));
    }

    @Test
    void rejectsStatsSocketWithoutAddress() {
        assertEquals(List.of(at(2) + ": 'stats socket' expects an address (a Unix path, unix@<path>, "
                + "ipv4@<host>:<port>, ipv6@[<host>]:<port> or <host>:<port>)"), socketErrors("stats socket"));
    }

    @Test
    void rejectsStatsSocketBadPort() {
        assertEquals(List.of(at(2) + ": stats socket: invalid port '99999' in 'ipv4@127.0.0.1:99999': expected a "
                + "number from 0 to 65535"), socketErrors("stats socket ipv4@127.0.0.1:99999"));
    }

    @Test
    void rejectsStatsSocketUid() {
        assertEquals(List.of(at(2) + ": 'uid' is out of hoptrace's scope: use 'user' and 'group' with names "
                + "instead"), socketErrors("stats socket /tmp/h.sock uid 0"));
    }

    @Test
    void rejectsUnknownStatsSocketOption() {
        assertEquals(List.of(at(2) + ": unknown option 'levle' on 'stats socket' line"),
                socketErrors("stats socket /tmp/h.sock levle admin"));
    }

    @Test
    void warnsAboutIgnoredStatsSocketOption() {
        ProxyConfig c = load("global\n    stats socket /tmp/h.sock expose-fd listeners level admin\n" + PROXY);
        assertEquals(List.of(ignored(2, "expose-fd")), c.warnings());
        assertEquals(StatsLevel.ADMIN, c.global().statsSockets().get(0).level());
    }
}
