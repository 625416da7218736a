package io.hoptrace.proxy.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.proxy.BackendConfig;
import io.hoptrace.proxy.Balance;
import io.hoptrace.proxy.FrontendConfig;
import io.hoptrace.proxy.ProxyConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keywords of proxy sections. Each configuration starts with {@link #DEFAULTS} (lines 1-5) and a listen
 * section on line 6, so the line under test is line 8 unless said otherwise.
 */
class ProxySectionParserTest extends ConfigFileTest {
    private static String listen(String... lines) {
        return DEFAULTS + "listen l\n    bind 127.0.0.1:0\n    " + String.join("\n    ", lines) + "\n";
    }

    private FrontendConfig frontend(String... lines) {
        return load(listen(lines)).frontends().get(0);
    }

    private BackendConfig backend(String... lines) {
        return load(listen(lines)).backends().get(0);
    }

    private List<String> listenErrors(String... lines) {
        return errors(listen(lines));
    }

    private List<String> listenWarnings(String... lines) {
        return load(listen(lines)).warnings();
    }

    @Test
    void modeTcpIsAccepted() {
        assertEquals(List.of(), listenWarnings("mode tcp"));
    }

    @Test
    void rejectsModeHttp() {
        assertEquals(List.of(at(8) + ": 'mode http' is out of hoptrace's scope: hoptrace proxies TCP only (mode tcp)"),
                listenErrors("mode http"));
    }

    @Test
    void rejectsModeHttpInDefaults() {
        assertEquals(List.of(at(2) + ": 'mode http' is out of hoptrace's scope: hoptrace proxies TCP only "
                + "(mode tcp)"), errors(DEFAULTS.replace("mode tcp", "mode http") + "listen l\n"));
    }

    @Test
    void rejectsUnknownMode() {
        assertEquals(List.of(at(8) + ": mode: expected tcp (or http, which hoptrace does not implement), got "
                + "'udp'"), listenErrors("mode udp"));
    }

    @Test
    void maxconnLimitsTheFrontend() {
        assertEquals(250, frontend("maxconn 250").maxconn());
    }

    @Test
    void maxconnIsInheritedFromDefaults() {
        assertEquals(99, load(DEFAULTS + "    maxconn 99\nlisten l\n    bind 127.0.0.1:0\n").frontends().get(0)
                .maxconn());
    }

    @Test
    void rejectsNegativeMaxconn() {
        assertEquals(List.of(at(8) + ": maxconn: expected an integer from 0 to 2147483647, got '-1'"),
                listenErrors("maxconn -1"));
    }

    @Test
    void balanceDefaultsToRoundrobin() {
        assertEquals(Balance.ROUNDROBIN, backend().balance());
    }

    @Test
    void balanceLeastconn() {
        assertEquals(Balance.LEASTCONN, backend("balance leastconn").balance());
    }

    @Test
    void balanceSource() {
        assertEquals(Balance.SOURCE, backend("balance source").balance());
    }

    @Test
    void rejectsOtherHaproxyBalanceAlgorithms() {
        assertEquals(List.of(at(8) + ": 'balance url_param' is out of hoptrace's scope: hoptrace implements "
                + "roundrobin, leastconn and source"), listenErrors("balance url_param"));
        assertEquals(List.of(at(8) + ": 'balance hdr(host)' is out of hoptrace's scope: hoptrace implements "
                + "roundrobin, leastconn and source"), listenErrors("balance hdr(host)"));
    }

    @Test
    void rejectsUnknownBalanceAlgorithm() {
        assertEquals(List.of(at(8) + ": balance: expected roundrobin, leastconn or source, got 'fastest'"),
                listenErrors("balance fastest"));
    }

    @Test
    void rejectsBalanceArguments() {
        assertEquals(List.of(at(8) + ": 'balance roundrobin' cannot handle unexpected argument 'x'"),
                listenErrors("balance roundrobin x"));
    }

    @Test
    void timeoutsOfTheSectionOverrideDefaults() {
        ProxyConfig c = load(listen("timeout connect 1s", "timeout client 2m", "timeout server 3h"));
        assertEquals(Duration.ofMinutes(2), c.frontends().get(0).timeouts().client());
        assertEquals(Duration.ofSeconds(1), c.backends().get(0).timeouts().connect());
        assertEquals(Duration.ofHours(3), c.backends().get(0).timeouts().server());
    }

    @Test
    void timeoutsAreInheritedFromDefaults() {
        BackendConfig b = backend();
        assertEquals(Duration.ofSeconds(5), b.timeouts().connect());
        assertEquals(Duration.ofSeconds(30), b.timeouts().server());
    }

    @Test
    void timeoutZeroMeansNotSet() {
        ProxyConfig c = load(listen("timeout connect 0"));
        assertNull(c.backends().get(0).timeouts().connect());
        assertEquals(List.of(at(6) + ": missing timeouts for listen 'l': 'timeout connect' not set, so "
                + "connections may wait forever"), c.warnings());
    }

    @Test
    void rejectsBadDuration() {
        assertEquals(List.of(at(8) + ": timeout connect: expected a duration such as 5s (a number with an optional "
                + "unit us, ms, s, m, h or d; default ms), got '5x' (unknown unit 'x')"),
                listenErrors("timeout connect 5x"));
    }

    @Test
    void rejectsTimeoutWithoutDuration() {
        assertEquals(List.of(at(8) + ": 'timeout server' expects a duration (such as 5s)"),
                listenErrors("timeout server"));
    }

    @Test
    void warnsAboutOtherTimeouts() {
        assertEquals(List.of(ignored(8, "timeout queue"), ignored(9, "timeout tunnel"),
                ignored(10, "timeout http-request")),
                listenWarnings("timeout queue 5s", "timeout tunnel 1h", "timeout http-request 10s"));
    }

    @Test
    void rejectsUnknownTimeout() {
        assertEquals(List.of(at(8) + ": unknown keyword 'timeout connnect' in 'listen' section"),
                listenErrors("timeout connnect 5s"));
    }

    @Test
    void retriesDefaultToThree() {
        assertEquals(3, backend().retries());
    }

    @Test
    void retriesSetsTheCount() {
        assertEquals(0, backend("retries 0").retries());
    }

    @Test
    void rejectsBadRetries() {
        assertEquals(List.of(at(8) + ": retries: expected an integer from 0 to 2147483647, got 'three'"),
                listenErrors("retries three"));
    }

    @Test
    void redispatchIsOffByDefault() {
        assertFalse(backend().redispatch());
    }

    @Test
    void optionRedispatchEnablesIt() {
        assertTrue(backend("option redispatch").redispatch());
    }

    @Test
    void noOptionRedispatchDisablesWhatDefaultsEnabled() {
        ProxyConfig c = load(DEFAULTS + "    option redispatch\nlisten l\n    bind 127.0.0.1:0\n"
                + "    no option redispatch\n");
        assertFalse(c.backends().get(0).redispatch());
    }

    @Test
    void redispatchIntervalZeroDisablesIt() {
        assertFalse(backend("option redispatch", "option redispatch 0").redispatch());
    }

    @Test
    void warnsAboutRedispatchInterval() {
        ProxyConfig c = load(listen("option redispatch 3"));
        assertTrue(c.backends().get(0).redispatch());
        assertEquals(List.of(at(8) + ": option redispatch: interval 3 is not implemented by hoptrace; it "
                + "redispatches on the last retry (interval -1)"), c.warnings());
    }

    @Test
    void rejectsBadRedispatchInterval() {
        assertEquals(List.of(at(8) + ": option redispatch: expected an integer interval, got 'often'"),
                listenErrors("option redispatch often"));
    }

    @Test
    void uniqueIdFormatIsCompiled() {
        assertEquals("%ci:%cp_%Ts", frontend("unique-id-format %ci:%cp_%Ts").uniqueIdFormat().toString());
    }

    @Test
    void uniqueIdFormatIsInheritedFromDefaults() {
        ProxyConfig c = load(DEFAULTS + "    unique-id-format %rt\nlisten l\n    bind 127.0.0.1:0\n");
        assertEquals("%rt", c.frontends().get(0).uniqueIdFormat().toString());
    }

    @Test
    void rejectsUniqueIdFormatWithUnescapedSpace() {
        assertEquals(List.of(at(8) + ": 'unique-id-format' expects only one argument, don't forget to escape "
                + "spaces"), listenErrors("unique-id-format %ci %cp"));
    }

    @Test
    void rejectsUniqueIdFormatWithUnsupportedVariable() {
        assertEquals(List.of(at(8) + ": unique-id-format: variable '%H' is not supported by hoptrace; supported: "
                + "%ci, %cp, %fi, %fp, %Ts, %ms, %pid, %rt (and %o for flags) in '%H_%rt'"),
                listenErrors("unique-id-format %H_%rt"));
    }

    @Test
    void defaultBackendNamesTheBackend() {
        ProxyConfig c = load(DEFAULTS + """
                frontend f
                    bind 127.0.0.1:0
                    default_backend b
                backend b
                """);
        assertEquals("b", c.frontends().get(0).defaultBackend());
    }

    @Test
    void rejectsDefaultBackendWithoutName() {
        assertEquals(List.of(at(8) + ": 'default_backend' expects a backend name"), listenErrors("default_backend"));
    }

    @Test
    void rejectsUnknownKeyword() {
        assertEquals(List.of(at(8) + ": unknown keyword 'maxcon' in 'listen' section"), listenErrors("maxcon 10"));
    }

    @Test
    void rejectsUnknownOption() {
        assertEquals(List.of(at(8) + ": unknown keyword 'option redispatchh' in 'listen' section"),
                listenErrors("option redispatchh"));
    }

    @Test
    void rejectsUseBackend() {
        assertEquals(List.of(at(8) + ": 'use_backend' is out of hoptrace's scope: hoptrace has no rules: every "
                + "connection of a frontend goes to its default_backend"), listenErrors("use_backend l if TRUE"));
    }

    @Test
    void rejectsAcl() {
        assertEquals(List.of(at(8) + ": 'acl' is out of hoptrace's scope: hoptrace has no rules: every connection "
                + "of a frontend goes to its default_backend"), listenErrors("acl local src 127.0.0.1"));
    }

    @Test
    void rejectsHttpRequestRules() {
        assertEquals(List.of(at(8) + ": 'http-request' is out of hoptrace's scope: hoptrace has no rules: every "
                + "connection of a frontend goes to its default_backend"), listenErrors("http-request deny"));
    }

    @Test
    void rejectsTcpRequestRules() {
        assertEquals(List.of(at(8) + ": 'tcp-request content' is out of hoptrace's scope: hoptrace has no rules: "
                + "every connection of a frontend goes to its default_backend"),
                listenErrors("tcp-request content accept"));
    }

    @Test
    void rejectsSourceAddress() {
        assertEquals(List.of(at(8) + ": 'source' is out of hoptrace's scope: it changes which server a connection "
                + "goes to or how it is reached, which hoptrace does not implement"),
                listenErrors("source 10.0.0.1"));
    }

    @Test
    void rejectsDisabledProxy() {
        assertEquals(List.of(at(8) + ": 'disabled' is out of hoptrace's scope: hoptrace cannot keep a proxy "
                + "declared but stopped; remove the section instead"), listenErrors("disabled"));
    }

    @Test
    void warnsAboutLoggingOptions() {
        assertEquals(List.of(ignored(8, "log"), ignored(9, "option tcplog"), ignored(10, "option httplog"),
                ignored(11, "option dontlognull"), ignored(12, "log-format")),
                listenWarnings("log global", "option tcplog", "option httplog", "option dontlognull",
                        "log-format \"%ci:%cp\""));
    }

    @Test
    void warnsAboutNegatedIgnoredOption() {
        assertEquals(List.of(ignored(8, "no option dontlognull"), ignored(9, "no log")),
                listenWarnings("no option dontlognull", "no log"));
    }

    @Test
    void rejectsNoOnAKeywordThatCannotBeNegated() {
        assertEquals(List.of(at(8) + ": 'no option forwardfor' is not supported: 'option forwardfor' takes no 'no' "
                + "prefix"), listenErrors("no option forwardfor"));
    }

    @Test
    void rejectsBareNo() {
        assertEquals(List.of(at(8) + ": 'no' expects a keyword after it"), listenErrors("no"));
    }

    @Test
    void rejectsBindInDefaults() {
        assertEquals(List.of(at(6) + ": 'bind' not allowed in 'defaults' section"),
                errors(DEFAULTS + "    bind :80\nlisten l\n"));
    }

    @Test
    void rejectsIgnoredKeywordThatDefaultsDoNotAllow() {
        assertEquals(List.of(at(6) + ": 'description' not allowed in 'defaults' section"),
                errors(DEFAULTS + "    description edge\nlisten l\n"));
    }

    @Test
    void rejectsServerInFrontend() {
        assertEquals(List.of(at(8) + ": 'server' not allowed because frontend 'f' has no backend capability"),
                errors(DEFAULTS + """
                        frontend f
                            bind 127.0.0.1:0
                            server s 127.0.0.1:80
                            default_backend b
                        backend b
                        """));
    }

    @Test
    void warnsAboutBackendKeywordsInFrontend() {
        ProxyConfig c = load(DEFAULTS + """
                frontend f
                    bind 127.0.0.1:0
                    balance leastconn
                    retries 1
                    timeout server 1s
                    default_backend b
                backend b
                    timeout client 1s
                    maxconn 10
                    default_backend b
                    unique-id-format %rt
                """);
        assertEquals(List.of(
                at(8) + ": 'balance' ignored because frontend 'f' has no backend capability",
                at(9) + ": 'retries' ignored because frontend 'f' has no backend capability",
                at(10) + ": 'timeout server' ignored because frontend 'f' has no backend capability",
                at(13) + ": 'timeout client' ignored because backend 'b' has no frontend capability",
                at(14) + ": 'maxconn' ignored because backend 'b' has no frontend capability",
                at(15) + ": 'default_backend' ignored because backend 'b' has no frontend capability",
                at(16) + ": 'unique-id-format' ignored because backend 'b' has no frontend capability"),
                c.warnings());
        assertEquals(Balance.ROUNDROBIN, c.backends().get(0).balance());
        assertNull(c.frontends().get(0).uniqueIdFormat());
    }

    @Test
    void warnsAboutBindInBackend() {
        ProxyConfig c = load(DEFAULTS + "backend b\n    bind 127.0.0.1:0\n");
        assertEquals(List.of(at(7) + ": 'bind' ignored because backend 'b' has no frontend capability",
                "" + file + ": no frontend or listen section: this proxy accepts no connections"), c.warnings());
    }
}
