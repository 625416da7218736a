package io.hoptrace.proxy.internal.config;

/**
 * The option tables of HAProxy 2.6 (configuration manual 5.1 and 5.2) with hoptrace's disposition of each.
 * TLS tuning options only matter together with {@code ssl}, which is out of scope, so they are merely ignored.
 */
public final class OptionTables {
    private static final String BIND_COMMON = """
            accept-netscaler-cip 1 conn
            allow-0rtt 0 ignore
            alpn 1 ignore
            backlog 1 ignore
            curves 1 ignore
            ecdhe 1 ignore
            ca-file 1 ignore
            ca-ignore-err 1 ignore
            ca-sign-file 1 ignore
            ca-sign-pass 1 ignore
            ca-verify-file 1 ignore
            ciphers 1 ignore
            ciphersuites 1 ignore
            crl-file 1 ignore
            crt 1 tls
            crt-ignore-err 1 ignore
            crt-list 1 tls
            defer-accept 0 ignore
            expose-fd 1 ignore
            force-sslv3 0 ignore
            force-tlsv10 0 ignore
            force-tlsv11 0 ignore
            force-tlsv12 0 ignore
            force-tlsv13 0 ignore
            generate-certificates 0 ignore
            id 1 ignore
            interface 1 ignore
            severity-output 1 ignore
            maxconn 1 ignore
            mss 1 ignore
            name 1 ignore
            namespace 1 conn
            nice 1 ignore
            no-ca-names 0 ignore
            no-sslv3 0 ignore
            no-tls-tickets 0 ignore
            no-tlsv10 0 ignore
            no-tlsv11 0 ignore
            no-tlsv12 0 ignore
            no-tlsv13 0 ignore
            npn 1 ignore
            prefer-client-ciphers 0 ignore
            process 1 ignore
            proto 1 conn
            quic-cc-algo 1 conn
            quic-force-retry 0 conn
            shards 1 ignore
            ssl 0 tls
            ssl-max-ver 1 ignore
            ssl-min-ver 1 ignore
            strict-sni 0 ignore
            tcp-ut 1 ignore
            tfo 0 ignore
            thread 1 ignore
            tls-ticket-keys 1 ignore
            transparent 0 conn
            v4v6 0 ignore
            v6only 0 ignore
            verify 1 ignore
            """;

    /** {@code bind} lines: {@code accept-proxy} is implemented; the Unix socket options do not apply to TCP. */
    public static final OptionTable BIND = new OptionTable("bind", BIND_COMMON + """
            accept-proxy 0 impl
            gid 1 ignore
            group 1 ignore
            level 1 ignore
            mode 1 ignore
            uid 1 ignore
            user 1 ignore
            """);

    /** {@code stats socket} lines: {@code mode}, {@code user}, {@code group} and {@code level} are implemented. */
    public static final OptionTable STATS_SOCKET = new OptionTable("stats socket", BIND_COMMON + """
            accept-proxy 0 proxy
            gid 1 ids
            group 1 impl
            level 1 impl
            mode 1 impl
            uid 1 ids
            user 1 impl
            """);

    /** {@code server} and {@code default-server} lines (5.2); health checks are ignored. */
    public static final OptionTable SERVER = new OptionTable("server", """
            addr 1 ignore
            agent-check 0 ignore
            agent-send 1 ignore
            agent-inter 1 ignore
            agent-addr 1 ignore
            agent-port 1 ignore
            allow-0rtt 0 ignore
            alpn 1 ignore
            backup 0 idle
            ca-file 1 ignore
            check 0 ignore
            check-send-proxy 0 ignore
            check-alpn 1 ignore
            check-proto 1 ignore
            check-sni 1 ignore
            check-ssl 0 ignore
            check-via-socks4 0 ignore
            ciphers 1 ignore
            ciphersuites 1 ignore
            cookie 1 ignore
            crl-file 1 ignore
            crt 1 ignore
            disabled 0 idle
            enabled 0 ignore
            error-limit 1 ignore
            fall 1 ignore
            force-sslv3 0 ignore
            force-tlsv10 0 ignore
            force-tlsv11 0 ignore
            force-tlsv12 0 ignore
            force-tlsv13 0 ignore
            id 1 ignore
            init-addr 1 ignore
            inter 1 ignore
            fastinter 1 ignore
            downinter 1 ignore
            log-proto 1 ignore
            maxconn 1 impl
            maxqueue 1 ignore
            max-reuse 1 ignore
            minconn 1 ignore
            namespace 1 conn
            no-agent-check 0 ignore
            no-backup 0 ignore
            no-check 0 ignore
            no-check-ssl 0 ignore
            no-send-proxy 0 impl
            no-send-proxy-v2 0 impl
            no-send-proxy-v2-ssl 0 ignore
            no-send-proxy-v2-ssl-cn 0 ignore
            no-ssl 0 ignore
            no-ssl-reuse 0 ignore
            no-sslv3 0 ignore
            no-tls-tickets 0 ignore
            no-tlsv10 0 ignore
            no-tlsv11 0 ignore
            no-tlsv12 0 ignore
            no-tlsv13 0 ignore
            no-verifyhost 0 ignore
            no-tfo 0 ignore
            non-stick 0 ignore
            npn 1 ignore
            observe 1 ignore
            on-error 1 ignore
            on-marked-down 1 ignore
            on-marked-up 1 ignore
            pool-low-conn 1 ignore
            pool-max-conn 1 ignore
            pool-purge-delay 1 ignore
            port 1 ignore
            proto 1 conn
            proxy-v2-options 1 impl
            redir 1 conn
            rise 1 ignore
            resolve-opts 1 ignore
            resolve-prefer 1 ignore
            resolve-net 1 ignore
            resolvers 1 ignore
            send-proxy 0 impl
            send-proxy-v2 0 impl
            send-proxy-v2-ssl 0 tls
            send-proxy-v2-ssl-cn 0 tls
            slowstart 1 ignore
            sni 1 ignore
            source -1 conn
            ssl 0 tls
            ssl-max-ver 1 ignore
            ssl-min-ver 1 ignore
            ssl-reuse 0 ignore
            stick 0 ignore
            socks4 1 conn
            tcp-ut 1 ignore
            tfo 0 ignore
            tls-tickets 0 ignore
            track 1 ignore
            verify 1 ignore
            verifyhost 1 ignore
            weight 1 ignore
            ws 1 ignore
            """);

    private OptionTables() {
    }
}
