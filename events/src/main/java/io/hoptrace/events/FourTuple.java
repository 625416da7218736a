package io.hoptrace.events;

import java.util.Objects;

/**
 * A TCP connection's identity: the initiator ({@code client}) and the responder ({@code server}) endpoints,
 * i.e. source address, source port, destination address, destination port.
 *
 * <p>A proxy session has two: its front tuple ({@code client} to {@code frontend}) and its back tuple
 * ({@code backend} to {@code server}).
 */
public record FourTuple(Endpoint client, Endpoint server) {
    public FourTuple {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
    }

    public static FourTuple of(Endpoint client, Endpoint server) {
        return new FourTuple(client, server);
    }

    public static FourTuple parse(CharSequence client, CharSequence server) {
        return new FourTuple(Endpoint.parse(client), Endpoint.parse(server));
    }

    /** The same connection seen from the other side. */
    public FourTuple reversed() {
        return new FourTuple(server, client);
    }

    /** True when both ends have an IP address, i.e. the connection can be seen in packets. */
    public boolean isInet() {
        return !client.isUnknown() && !server.isUnknown();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(100);
        client.appendTo(sb).append(" -> ");
        return server.appendTo(sb).toString();
    }
}
