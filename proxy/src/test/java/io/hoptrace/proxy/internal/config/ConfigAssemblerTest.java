package io.hoptrace.proxy.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hoptrace.proxy.BackendConfig;
import io.hoptrace.proxy.FrontendConfig;
import io.hoptrace.proxy.ProxyConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cross-checks over the whole file; {@link #DEFAULTS} is lines 1-5. */
class ConfigAssemblerTest extends ConfigFileTest {
    @Test
    void rejectsDefaultBackendThatDoesNotExist() {
        assertEquals(List.of(at(8) + ": default_backend 'app' of frontend 'f' not found: expected the name of a "
                + "backend or listen section"), errors(DEFAULTS + """
                frontend f
                    bind 127.0.0.1:0
                    default_backend app
                backend apps
                """));
    }

    @Test
    void rejectsDefaultBackendNamingAFrontend() {
        assertEquals(List.of(at(8) + ": default_backend 'g' of frontend 'f' not found: expected the name of a "
                + "backend or listen section ('g' is a frontend, not a backend)"), errors(DEFAULTS + """
                frontend f
                    bind 127.0.0.1:0
                    default_backend g
                frontend g
                    bind 127.0.0.1:0
                    default_backend f
                """).subList(0, 1));
    }

    @Test
    void reportsInheritedDefaultBackendAtTheDefaultsLine() {
        assertEquals(List.of(at(6) + ": default_backend 'gone' of frontend 'f' not found: expected the name of a "
                + "backend or listen section"), errors(DEFAULTS + "    default_backend gone\n"
                + "frontend f\n    bind 127.0.0.1:0\n"));
    }

    @Test
    void rejectsFrontendWithoutDefaultBackend() {
        assertEquals(List.of(at(6) + ": frontend 'f' has no default_backend: hoptrace has no use_backend rules, so "
                + "every frontend needs one"), errors(DEFAULTS + "frontend f\n    bind 127.0.0.1:0\n"));
    }

    @Test
    void rejectsTwoFrontendsOfTheSameName() {
        assertEquals(List.of(at(9) + ": listen 'web' has the same name as frontend 'web' declared at " + at(6)),
                errors(DEFAULTS + """
                        frontend web
                            bind 127.0.0.1:0
                            default_backend web
                        listen web
                            bind 127.0.0.1:0
                        """));
    }

    @Test
    void rejectsTwoBackendsOfTheSameName() {
        assertEquals(List.of(at(7) + ": backend 'b' has the same name as backend 'b' declared at " + at(6)),
                errors(DEFAULTS + "backend b\nbackend b\nlisten l\n    bind 127.0.0.1:0\n"));
    }

    @Test
    void frontendAndBackendMayShareANameAsInHaproxy() {
        ProxyConfig c = load(DEFAULTS + """
                frontend web
                    bind 127.0.0.1:0
                    default_backend web
                backend web
                    server s 127.0.0.1:1
                """);
        assertEquals("web", c.frontends().get(0).defaultBackend());
        assertEquals("web", c.backends().get(0).name());
    }

    @Test
    void backendWithoutServersIsAllowed() {
        ProxyConfig c = load(DEFAULTS + "frontend f\n    bind 127.0.0.1:0\n    default_backend b\nbackend b\n");
        assertEquals(List.of(), c.backends().get(0).servers());
        assertEquals(List.of(), c.warnings());
    }

    @Test
    void warnsAboutFrontendWithoutBind() {
        ProxyConfig c = load(DEFAULTS + "listen l\n");
        assertEquals(List.of(at(6) + ": listen 'l' has no 'bind' directive: it accepts no connections"),
                c.warnings());
    }

    @Test
    void warnsAboutMissingTimeoutsAsHaproxyDoes() {
        ProxyConfig c = load("frontend f\n    bind 127.0.0.1:0\n    default_backend b\nbackend b\n"
                + "    timeout connect 1s\n");
        assertEquals(List.of(
                at(1) + ": missing timeouts for frontend 'f': 'timeout client' not set, so connections may wait "
                        + "forever",
                at(4) + ": missing timeouts for backend 'b': 'timeout server' not set, so connections may wait "
                        + "forever"), c.warnings());
    }

    @Test
    void frontendKeepsTheClientTimeoutAndBackendTheOthers() {
        ProxyConfig c = load(DEFAULTS + "listen l\n    bind 127.0.0.1:0\n");
        FrontendConfig f = c.frontends().get(0);
        BackendConfig b = c.backends().get(0);
        assertEquals(Duration.ofSeconds(30), f.timeouts().client());
        assertNull(f.timeouts().connect());
        assertNull(f.timeouts().server());
        assertNull(b.timeouts().client());
        assertEquals(Duration.ofSeconds(5), b.timeouts().connect());
    }

    @Test
    void rejectsTheSameAddressInTwoFrontends() {
        assertEquals(List.of(at(9) + ": bind 127.0.0.1:8080 is already used at " + at(7)), errors(DEFAULTS + """
                listen a
                    bind 127.0.0.1:8080
                listen b
                    bind 127.0.0.1:8080
                """));
    }

    @Test
    void rejectsBindOnTheStatsSocketAddress() {
        assertEquals(List.of(at(9) + ": bind 127.0.0.1:9999 is already used at " + at(2)),
                errors("global\n    stats socket ipv4@127.0.0.1:9999\n" + DEFAULTS
                        + "listen l\n    bind 127.0.0.1:9999\n"));
    }

    @Test
    void rejectsTheSameStatsSocketPathTwice() {
        assertEquals(List.of(at(3) + ": stats socket /tmp/h.sock is already declared at " + at(2)),
                errors("global\n    stats socket /tmp/h.sock\n    stats socket unix@/tmp/h.sock\n" + DEFAULTS
                        + "listen l\n    bind 127.0.0.1:0\n"));
    }

    @Test
    void ephemeralPortsNeverClash() {
        ProxyConfig c = load(DEFAULTS + "listen a\n    bind 127.0.0.1:0\nlisten b\n    bind 127.0.0.1:0\n");
        assertEquals(2, c.frontends().size());
    }

    @Test
    void warnsWhenNothingListens() {
        ProxyConfig c = load(DEFAULTS + "backend b\n");
        assertEquals(List.of(file + ": no frontend or listen section: this proxy accepts no connections"),
                c.warnings());
    }
}
