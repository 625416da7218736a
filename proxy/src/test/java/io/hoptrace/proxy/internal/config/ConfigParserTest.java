package io.hoptrace.proxy.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hoptrace.proxy.BackendConfig;
import io.hoptrace.proxy.ConfigException;
import io.hoptrace.proxy.ProxyConfig;
import io.hoptrace.proxy.ServerConfig.SendProxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sections, defaults inheritance and error collection. */
class ConfigParserTest extends ConfigFileTest {
    @Test
    void proxySectionUsesTheLatestDefaultsBeforeIt() {
        ProxyConfig c = load("""
                defaults
                    timeout connect 1s
                listen a
                    bind 127.0.0.1:0
                defaults
                    timeout connect 2s
                listen b
                    bind 127.0.0.1:0
                """);
        assertEquals(Duration.ofSeconds(1), c.backend("a").orElseThrow().timeouts().connect());
        assertEquals(Duration.ofSeconds(2), c.backend("b").orElseThrow().timeouts().connect());
    }

    @Test
    void defaultsSectionStartsFromHaproxyDefaultsNotFromThePreviousOne() {
        ProxyConfig c = load("""
                defaults
                    timeout connect 1s
                    retries 9
                defaults
                    timeout server 2s
                listen a
                    bind 127.0.0.1:0
                """);
        BackendConfig a = c.backends().get(0);
        assertNull(a.timeouts().connect());
        assertEquals(3, a.retries());
        assertEquals(Duration.ofSeconds(2), a.timeouts().server());
    }

    @Test
    void namedDefaultsIsTheLatestDefaultsToo() {
        ProxyConfig c = load("""
                defaults
                    retries 1
                defaults tcp-long
                    retries 2
                listen a
                    bind 127.0.0.1:0
                """);
        assertEquals(2, c.backends().get(0).retries());
    }

    @Test
    void fromNamesTheDefaultsToUse() {
        ProxyConfig c = load("""
                defaults short
                    timeout server 1s
                defaults long
                    timeout server 1h
                listen a from short
                    bind 127.0.0.1:0
                listen b
                    bind 127.0.0.1:0
                """);
        assertEquals(Duration.ofSeconds(1), c.backend("a").orElseThrow().timeouts().server());
        assertEquals(Duration.ofHours(1), c.backend("b").orElseThrow().timeouts().server());
    }

    @Test
    void defaultsInheritFromDefaultsWithFrom() {
        ProxyConfig c = load("""
                defaults base
                    timeout connect 3s
                    default-server send-proxy-v2
                defaults derived from base
                    timeout server 4s
                backend b from derived
                    server s 127.0.0.1:1
                """);
        BackendConfig b = c.backends().get(0);
        assertEquals(Duration.ofSeconds(3), b.timeouts().connect());
        assertEquals(Duration.ofSeconds(4), b.timeouts().server());
        assertEquals(SendProxy.V2, b.servers().get(0).sendProxy());
    }

    @Test
    void unnamedDefaultsCanInheritWithFrom() {
        ProxyConfig c = load("""
                defaults base
                    retries 7
                defaults from base
                    timeout connect 1s
                listen a
                    bind 127.0.0.1:0
                """);
        assertEquals(7, c.backends().get(0).retries());
    }

    @Test
    void rejectsFromUnknownDefaults() {
        assertEquals(List.of(at(1) + ": defaults section 'nope' not found for listen 'a' (it must be declared "
                + "before)"), errors("listen a from nope\n    bind 127.0.0.1:0\n"));
    }

    @Test
    void rejectsFromDefaultsDeclaredLater() {
        assertEquals(List.of(at(1) + ": defaults section 'later' not found for listen 'a' (it must be declared "
                + "before)"), errors("listen a from later\n    bind 127.0.0.1:0\ndefaults later\n"));
    }

    @Test
    void rejectsFromAmbiguousDefaults() {
        assertEquals(List.of(at(3) + ": defaults section 'd' is declared more than once (at " + at(1) + " and "
                + at(2) + "); listen 'a' can only use a uniquely named one"),
                errors("defaults d\ndefaults d\nlisten a from d\n    bind 127.0.0.1:0\n"));
    }

    @Test
    void rejectsFromDefaultsWithInvalidName() {
        assertEquals(List.of(at(2) + ": character '/' is not permitted in the name of defaults section 'a/b', "
                + "which listen 'a' uses"), errors("defaults a/b\nlisten a from a/b\n    bind 127.0.0.1:0\n"));
    }

    @Test
    void rejectsFromWithoutName() {
        assertEquals(List.of(at(1) + ": 'from' expects the name of a defaults section"),
                errors("listen a from\n    bind 127.0.0.1:0\n"));
    }

    @Test
    void listenIsAFrontendAndABackendOfTheSameName() {
        ProxyConfig c = load(DEFAULTS + """
                listen mid
                    bind 127.0.0.1:0 accept-proxy
                    server app 127.0.0.1:18082
                """);
        assertEquals("mid", c.frontends().get(0).name());
        assertEquals("mid", c.frontends().get(0).defaultBackend());
        assertEquals("app", c.backend("mid").orElseThrow().servers().get(0).name());
    }

    @Test
    void listenUsesADefaultBackendInheritedFromDefaultsAsHaproxyDoes() {
        ProxyConfig c = load(DEFAULTS + "    default_backend other\n" + """
                listen l
                    bind 127.0.0.1:0
                backend other
                """);
        assertEquals("other", c.frontends().get(0).defaultBackend());
    }

    @Test
    void rejectsKeywordOutOfSection() {
        assertEquals(List.of(at(1) + ": unknown keyword 'maxconn' out of section"),
                errors("maxconn 10\n" + DEFAULTS + "listen l\n"));
    }

    @Test
    void rejectsProxySectionWithoutName() {
        assertEquals(List.of(at(6) + ": 'frontend' expects a name"), errors(DEFAULTS + "frontend\n"));
    }

    @Test
    void rejectsInvalidCharacterInProxyName() {
        assertEquals(List.of(at(6) + ": character '/' is not permitted in 'backend' name 'a/b'"),
                errors(DEFAULTS + "backend a/b\nlisten l\n    bind 127.0.0.1:0\n"));
    }

    @Test
    void rejectsExtraWordOnSectionLine() {
        assertEquals(List.of(at(6) + ": 'listen' cannot handle unexpected argument '127.0.0.1:80' (expected: listen "
                + "<name> [from <defaults>])"), errors(DEFAULTS + "listen l 127.0.0.1:80\n"));
    }

    @Test
    void rejectsArgumentOnGlobal() {
        assertEquals(List.of(at(1) + ": 'global' cannot handle unexpected argument 'edge'"),
                errors("global edge\n" + DEFAULTS + "listen l\n    bind 127.0.0.1:0\n"));
    }

    @Test
    void globalMayBeRepeated() {
        ProxyConfig c = load("global\n    maxconn 5\n" + DEFAULTS + "listen l\n    bind 127.0.0.1:0\n"
                + "global\n    node later\n");
        assertEquals(5, c.global().maxconn());
        assertEquals("later", c.name());
    }

    @Test
    void skipsSectionsHaproxyKnowsAndHoptraceIgnores() {
        ProxyConfig c = load("""
                ring logbuffer
                    size 32764
                    format rfc3164
                resolvers dns
                    nameserver dns1 10.0.0.1:53
                """ + DEFAULTS + "listen l\n    bind 127.0.0.1:0\n");
        assertEquals(List.of(at(1) + ": section 'ring' is not implemented by hoptrace; ignored",
                at(4) + ": section 'resolvers' is not implemented by hoptrace; ignored"), c.warnings());
    }

    @Test
    void rejectsConditionalBlocks() {
        assertEquals(List.of(at(1) + ": conditional blocks and directives ('.if') are out of hoptrace's scope",
                at(3) + ": conditional blocks and directives ('.endif') are out of hoptrace's scope"),
                errors(".if defined(X)\n" + "global\n.endif\n" + DEFAULTS + "listen l\n    bind 127.0.0.1:0\n"));
    }

    @Test
    void reportsEveryErrorInLineOrder() {
        ConfigException e = failure("""
                global
                    maxconn x
                    bogus
                defaults
                    mode http
                    timeout client 1.5s
                frontend f
                    bind 127.0.0.1:99999
                    default_backend nowhere
                """);
        assertEquals(List.of(
                at(2) + ": maxconn: expected an integer from 0 to 2147483647, got 'x'",
                at(3) + ": unknown keyword 'bogus' in 'global' section",
                at(5) + ": 'mode http' is out of hoptrace's scope: hoptrace proxies TCP only (mode tcp)",
                at(6) + ": timeout client: expected a duration such as 5s (a number with an optional unit us, ms, s, "
                        + "m, h or d; default ms), got '1.5s' (unknown unit '.5s')",
                at(8) + ": bind: invalid port '99999' in '127.0.0.1:99999': expected a number from 0 to 65535",
                at(9) + ": default_backend 'nowhere' of frontend 'f' not found: expected the name of a backend or "
                        + "listen section"), e.errors());
        assertEquals(String.join("\n", e.errors()), e.getMessage());
    }

    @Test
    void reportsTokenizerErrorsWithTheirLine() {
        assertEquals(List.of(at(7) + ": unmatched double quote opened at column 10"),
                errors(DEFAULTS + "listen l\n    bind \"127.0.0.1:0\n"));
    }

    @Test
    void readsCrlfLineEndings() {
        ProxyConfig c = load((DEFAULTS + "listen l\n    bind 127.0.0.1:0\n").replace("\n", "\r\n"));
        assertEquals(List.of(), c.warnings());
    }

    @Test
    void expandsEnvironmentVariables() {
        ProxyConfig c = load(DEFAULTS + "listen l\n    bind \"${ADDR}:${PORT-0}\"\n", Map.of("ADDR", "127.0.0.2"));
        assertEquals("127.0.0.2", c.frontends().get(0).binds().get(0).address().getAddress().getHostAddress());
    }
}
