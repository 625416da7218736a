package io.hoptrace.proxy.internal.session;

/**
 * Why a session ended: the {@code term=} attribute of {@code -} and {@code x} events (docs/protocol.md,
 * "Termination reasons"). The first abnormal cause wins; a session that ended normally is named after the side
 * that closed first.
 */
public enum Termination {
    /** The client closed its side first (FIN), then the server; the normal end of most sessions. */
    CLIENT_FIN("client-fin", Side.CLIENT),
    /** The server closed its side first (FIN). */
    SERVER_FIN("server-fin", Side.SERVER),
    /** The client reset its connection; the reset is propagated to the server. */
    CLIENT_RST("client-rst", Side.CLIENT),
    /** The server reset its connection; the reset is propagated to the client. */
    SERVER_RST("server-rst", Side.SERVER),
    /** Another I/O error on the client connection. */
    CLIENT_ERROR("client-error", Side.CLIENT),
    /** Another I/O error on the server connection. */
    SERVER_ERROR("server-error", Side.SERVER),
    /** {@code timeout client}: the client neither sent nor took data for that long. */
    CLIENT_TIMEOUT("client-timeout", Side.CLIENT),
    /** {@code timeout server}: the server neither sent nor took data for that long. */
    SERVER_TIMEOUT("server-timeout", Side.SERVER),
    /** {@code timeout connect} expired on the last connection attempt. */
    CONNECT_TIMEOUT("connect-timeout", Side.SERVER),
    /** The last connection attempt was refused (nothing listening). */
    CONNECT_REFUSED("connect-refused", Side.SERVER),
    /** The last connection attempt failed otherwise (unreachable, ...). */
    CONNECT_ERROR("connect-error", Side.SERVER),
    /** Waited in the backend queue (servers at maxconn) longer than {@code timeout connect}. */
    QUEUE_TIMEOUT("queue-timeout", Side.PROXY),
    /** No backend, or a backend without servers. */
    NO_SERVER("no-server", Side.PROXY),
    /** An {@code accept-proxy} bind received something that is not a PROXY protocol header. */
    BAD_PROXY("bad-proxy", Side.CLIENT),
    /** {@code shutdown session} on the stats socket. */
    SHUTDOWN("shutdown", Side.PROXY),
    /** The proxy stopped (SIGINT, SIGTERM, {@code ProxyServer.stop()}). */
    PROXY_STOP("proxy-stop", Side.PROXY);

    /** Which connection the cause belongs to; a reset is propagated to the other one. */
    public enum Side { CLIENT, SERVER, PROXY }

    private final String token;
    private final Side side;

    Termination(String token, Side side) {
        this.token = token;
        this.side = side;
    }

    /** The word on the wire. */
    public String token() {
        return token;
    }

    public Side side() {
        return side;
    }

    boolean isFin() {
        return this == CLIENT_FIN || this == SERVER_FIN;
    }
}
