package io.hoptrace.correlator;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.FourTuple;
import java.net.InetAddress;

/**
 * Which traces to show ({@code --follow}): those touching an endpoint ({@code ip:port}), an address ({@code ip},
 * any port), or containing one proxy session ({@code SOURCE:ID}); {@link #EVERYTHING} when no filter is given.
 * Exactly one of {@code endpoint}, {@code address}, {@code session} is set, or none for everything.
 */
public record FollowFilter(Endpoint endpoint, InetAddress address, SessionRef session) {
    public static final FollowFilter EVERYTHING = new FollowFilter(null, null, null);

    public FollowFilter {
        int set = (endpoint != null ? 1 : 0) + (address != null ? 1 : 0) + (session != null ? 1 : 0);
        if (set > 1) {
            throw new IllegalArgumentException("follow: expected one of endpoint, address or session, got "
                    + endpoint + ", " + address + ", " + session);
        }
        if (endpoint != null && endpoint.isUnknown()) {
            throw new IllegalArgumentException("follow: expected an IP endpoint, got unknown");
        }
    }

    /**
     * Reads {@code ip:port} ({@code [v6]:port}), {@code ip}, or {@code SOURCE:ID}. Text that reads as an address
     * is an address; otherwise it is split at the last colon into a proxy name and a session id, so a source
     * named after its socket ({@code 127.0.0.1:9999:42}) still works.
     */
    public static FollowFilter parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("follow: expected ip:port, ip or SOURCE:ID, got '" + text + "'");
        }
        String t = text.strip();
        Endpoint e = Endpoint.tryParse(t, 0, t.length());
        if (e != null && !e.isUnknown()) {
            return new FollowFilter(e, null, null);
        }
        // An address alone: read it as the host of an endpoint with port 0.
        String host = t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1) : t;
        String asEndpoint = host.indexOf(':') >= 0 ? "[" + host + "]:0" : host + ":0";
        Endpoint a = Endpoint.tryParse(asEndpoint, 0, asEndpoint.length());
        if (a != null && !a.isUnknown()) {
            return new FollowFilter(null, a.address(), null);
        }
        int colon = t.lastIndexOf(':');
        if (colon > 0 && colon < t.length() - 1 && colon >= t.length() - 19) {
            String id = t.substring(colon + 1);
            if (id.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return new FollowFilter(null, null, new SessionRef(t.substring(0, colon), Long.parseLong(id)));
            }
        }
        throw new IllegalArgumentException("follow: expected ip:port, ip or SOURCE:ID (like edge:42), got '"
                + text + "'");
    }

    public boolean everything() {
        return endpoint == null && address == null && session == null;
    }

    public boolean matches(Trace trace) {
        if (everything()) {
            return true;
        }
        if (session != null) {
            for (ProxyDwell d : trace.proxies()) {
                if (d.ref().equals(session)) {
                    return true;
                }
            }
            return false;
        }
        for (Hop h : trace.hops()) {
            if (matches(h.tuple())) {
                return true;
            }
        }
        return false;
    }

    public boolean matches(ProxySession s) {
        if (everything()) {
            return true;
        }
        if (session != null) {
            return s.ref().equals(session);
        }
        return matches(s.front()) || (s.back() != null && matches(s.back()));
    }

    /** Whether a connection is followed; a session filter follows no connection on its own. */
    public boolean matches(FourTuple tuple) {
        if (everything()) {
            return true;
        }
        if (session != null) {
            return false;
        }
        return touches(tuple.client()) || touches(tuple.server());
    }

    private boolean touches(Endpoint e) {
        return endpoint != null ? endpoint.equals(e) : address.equals(e.address());
    }

    @Override
    public String toString() {
        return everything() ? "everything" : endpoint != null ? endpoint.toString()
                : address != null ? new Endpoint(address, 0).host()
                : session.source() + ":" + session.id();
    }
}
