package io.hoptrace.proxy.internal.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every keyword of HAProxy 2.6's proxy sections (configuration manual 4.1 "Proxy keywords matrix"), the sections
 * it is allowed in, whether it takes the {@code no} prefix, and what hoptrace does with it.
 */
public final class ProxyKeywords {
    /**
     * A keyword: {@code sections} holds the matrix columns it is allowed in ({@code D}efaults, {@code F}rontend,
     * {@code L}isten, {@code B}ackend); {@code why} explains an out-of-scope keyword.
     */
    public record Keyword(String name, String sections, boolean negatable, Disposition disposition, String why) {
        public boolean allowedIn(SectionKind kind) {
            return sections.indexOf(kind.column()) >= 0;
        }
    }

    /** First words that form a keyword together with the next word ({@code option redispatch}). */
    private static final Set<String> FAMILIES = Set.of("option", "timeout", "stats", "tcp-request",
            "tcp-response", "http-check", "tcp-check", "email-alert", "capture", "external-check", "stick",
            "monitor", "rate-limit", "persist", "declare");

    private static final Map<String, String> WHY = Map.of(
            "rules", "hoptrace has no rules: every connection of a frontend goes to its default_backend",
            "http", "hoptrace proxies TCP only (mode tcp)",
            "routing", "it changes which server a connection goes to or how it is reached, which hoptrace "
                    + "does not implement",
            "disabled", "hoptrace cannot keep a proxy declared but stopped; remove the section instead");

    // keyword | sections | disposition ('*' after the sections: accepts "no" and "default").
    private static final String TABLE = """
            acl | DFLB | rules
            backlog | DFL | ignore
            balance | DLB | impl
            bind | FL | impl
            bind-process | DFLB | ignore
            capture cookie | FL | http
            capture request | FL | http
            capture response | FL | http
            clitcpka-cnt | DFL | ignore
            clitcpka-idle | DFL | ignore
            clitcpka-intvl | DFL | ignore
            compression | DFLB | http
            cookie | DLB | http
            declare capture | FL | rules
            default-server | DLB | impl
            default_backend | DFL | impl
            description | FLB | ignore
            disabled | DFLB | disabled
            dispatch | LB | routing
            email-alert from | DFLB | ignore
            email-alert level | DFLB | ignore
            email-alert mailers | DFLB | ignore
            email-alert myhostname | DFLB | ignore
            email-alert to | DFLB | ignore
            enabled | DFLB | ignore
            errorfile | DFLB | ignore
            errorfiles | DFLB | ignore
            errorloc | DFLB | ignore
            errorloc302 | DFLB | ignore
            errorloc303 | DFLB | ignore
            error-log-format | DFL | ignore
            force-persist | LB | rules
            filter | FLB | rules
            fullconn | DLB | ignore
            hash-type | DLB | ignore
            http-after-response | DFLB | rules
            http-check comment | DLB | ignore
            http-check connect | DLB | ignore
            http-check disable-on-404 | DLB | ignore
            http-check expect | DLB | ignore
            http-check send | DLB | ignore
            http-check send-state | DLB | ignore
            http-check set-var | DLB | ignore
            http-check unset-var | DLB | ignore
            http-error | DFLB | ignore
            http-request | DFLB | rules
            http-response | DFLB | rules
            http-reuse | DLB | ignore
            http-send-name-header | DLB | ignore
            id | FLB | ignore
            ignore-persist | LB | rules
            load-server-state-from-file | DLB | ignore
            log | DFLB* | ignore
            log-format | DFL | ignore
            log-format-sd | DFL | ignore
            log-tag | DFLB | ignore
            max-keep-alive-queue | DLB | ignore
            maxconn | DFL | impl
            mode | DFLB | impl
            monitor fail | FL | rules
            monitor-uri | DFL | ignore
            option abortonclose | DLB* | ignore
            option accept-invalid-http-request | DFL* | ignore
            option accept-invalid-http-response | DLB* | ignore
            option allbackups | DLB* | ignore
            option checkcache | DLB* | ignore
            option clitcpka | DFL* | ignore
            option contstats | DFL* | ignore
            option disable-h2-upgrade | DFL* | ignore
            option dontlog-normal | DFL* | ignore
            option dontlognull | DFL* | ignore
            option forwardfor | DFLB | ignore
            option h1-case-adjust-bogus-client | DFL* | ignore
            option h1-case-adjust-bogus-server | DLB* | ignore
            option http-buffer-request | DFLB* | ignore
            option http-ignore-probes | DFL* | ignore
            option http-keep-alive | DFLB* | ignore
            option http-no-delay | DFLB* | ignore
            option http-pretend-keepalive | DLB* | ignore
            option http-restrict-req-hdr-names | DFLB | ignore
            option http-server-close | DFLB* | ignore
            option http-use-proxy-header | DFL* | ignore
            option httpchk | DLB | ignore
            option httpclose | DFLB* | ignore
            option httplog | DFL | ignore
            option httpslog | DFL | ignore
            option independent-streams | DFLB* | ignore
            option ldap-check | DLB | ignore
            option external-check | DLB | ignore
            option log-health-checks | DLB* | ignore
            option log-separate-errors | DFL* | ignore
            option logasap | DFL* | ignore
            option mysql-check | DLB | ignore
            option nolinger | DFLB* | ignore
            option originalto | DFLB | ignore
            option persist | DLB* | ignore
            option pgsql-check | DLB | ignore
            option prefer-last-server | DLB* | ignore
            option redispatch | DLB* | impl
            option redis-check | DLB | ignore
            option smtpchk | DLB | ignore
            option socket-stats | DFL* | ignore
            option splice-auto | DFLB* | ignore
            option splice-request | DFLB* | ignore
            option splice-response | DFLB* | ignore
            option spop-check | DLB | ignore
            option srvtcpka | DLB* | ignore
            option ssl-hello-chk | DLB | ignore
            option tcp-check | DLB | ignore
            option tcp-smart-accept | DFL* | ignore
            option tcp-smart-connect | DLB* | ignore
            option tcpka | DFLB | ignore
            option tcplog | DFLB | ignore
            option transparent | DLB* | routing
            option idle-close-on-response | DFL* | ignore
            external-check command | DLB | ignore
            external-check path | DLB | ignore
            persist rdp-cookie | DLB | rules
            rate-limit sessions | DFL | ignore
            redirect | FLB | http
            retries | DLB | impl
            retry-on | DLB | ignore
            server | LB | impl
            server-state-file-name | DLB | ignore
            server-template | LB | routing
            source | DLB | routing
            srvtcpka-cnt | DLB | ignore
            srvtcpka-idle | DLB | ignore
            srvtcpka-intvl | DLB | ignore
            stats admin | FLB | ignore
            stats auth | DFLB | ignore
            stats enable | DFLB | ignore
            stats hide-version | DFLB | ignore
            stats http-request | FLB | ignore
            stats realm | DFLB | ignore
            stats refresh | DFLB | ignore
            stats scope | DFLB | ignore
            stats show-desc | DFLB | ignore
            stats show-legends | DFLB | ignore
            stats show-node | DFLB | ignore
            stats uri | DFLB | ignore
            stick match | LB | rules
            stick on | LB | rules
            stick store-request | LB | rules
            stick store-response | LB | rules
            stick-table | FLB | rules
            tcp-check comment | DLB | ignore
            tcp-check connect | DLB | ignore
            tcp-check expect | DLB | ignore
            tcp-check send | DLB | ignore
            tcp-check send-lf | DLB | ignore
            tcp-check send-binary | DLB | ignore
            tcp-check send-binary-lf | DLB | ignore
            tcp-check set-var | DLB | ignore
            tcp-check unset-var | DLB | ignore
            tcp-request connection | DFL | rules
            tcp-request content | DFLB | rules
            tcp-request inspect-delay | DFLB | rules
            tcp-request session | DFL | rules
            tcp-response content | DLB | rules
            tcp-response inspect-delay | DLB | rules
            timeout check | DLB | ignore
            timeout client | DFL | impl
            timeout client-fin | DFL | ignore
            timeout connect | DLB | impl
            timeout http-keep-alive | DFLB | ignore
            timeout http-request | DFLB | ignore
            timeout queue | DLB | ignore
            timeout server | DLB | impl
            timeout server-fin | DLB | ignore
            timeout tarpit | DFLB | ignore
            timeout tunnel | DLB | ignore
            transparent | DLB | routing
            unique-id-format | DFL | impl
            unique-id-header | DFL | ignore
            use_backend | FL | rules
            use-fcgi-app | LB | http
            use-server | LB | rules
            """;

    private static final Map<String, Keyword> KEYWORDS = new HashMap<>();

    static {
        for (String row : TABLE.strip().split("\n")) {
            String[] f = row.split("\\|");
            String name = f[0].strip();
            String sections = f[1].strip();
            boolean negatable = sections.endsWith("*");
            String code = f[2].strip();
            Disposition d = switch (code) {
                case "impl" -> Disposition.IMPLEMENTED;
                case "ignore" -> Disposition.IGNORED;
                default -> Disposition.OUT_OF_SCOPE;
            };
            if (d == Disposition.OUT_OF_SCOPE && !WHY.containsKey(code)) {
                throw new IllegalStateException("unknown disposition in keyword table: " + row);
            }
            KEYWORDS.put(name, new Keyword(name, negatable ? sections.substring(0, sections.length() - 1) : sections,
                    negatable, d, WHY.get(code)));
        }
    }

    private ProxyKeywords() {
    }

    /** How many words form the keyword starting at word {@code from}: two for families like {@code option}. */
    public static int keywordLength(ConfigLine line, int from) {
        return FAMILIES.contains(line.word(from)) && line.size() > from + 1 ? 2 : 1;
    }

    /** The keyword {@code name} ("option redispatch"), or null when HAProxy 2.6 has no such proxy keyword. */
    public static Keyword lookup(String name) {
        return KEYWORDS.get(name);
    }

    /** Every keyword name of the table ({@code option redispatch}, {@code balance}, ...). */
    static Set<String> names() {
        return Set.copyOf(KEYWORDS.keySet());
    }

    /** Why a {@code mode} other than tcp is refused. */
    public static String httpWhy() {
        return WHY.get("http");
    }
}
