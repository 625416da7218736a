package io.hoptrace.correlator;

import io.hoptrace.events.Endpoint;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds pcap-filter(7) expressions for live capture from the endpoints of a session table, so that only the
 * connections being traced are captured: {@code tcp and ((host 127.0.0.1 and port 18080) or (host ::1 and
 * (port 443 or port 8443)))}. Endpoints are grouped by host and sorted, so the same set always gives the same
 * filter.
 */
public final class BpfFilters {
    private BpfFilters() {
    }

    /**
     * A filter for TCP to or from any of {@code endpoints}. A port of 0 means any port of that host. Unknown
     * endpoints (Unix sockets) have no packets and are left out; when none is left this throws
     * {@link IllegalArgumentException} rather than capture all TCP.
     */
    public static String forEndpoints(Collection<Endpoint> endpoints) {
        Map<Endpoint, TreeSet<Integer>> portsByHost = new TreeMap<>();
        for (Endpoint e : endpoints) {
            if (e.isUnknown()) {
                continue;
            }
            portsByHost.computeIfAbsent(Endpoint.of(e.address(), 0), h -> new TreeSet<>()).add(e.port());
        }
        if (portsByHost.isEmpty()) {
            throw new IllegalArgumentException("endpoints: expected at least one IP endpoint, got "
                    + endpoints.size() + " endpoint(s), none with an IP address");
        }
        StringBuilder sb = new StringBuilder(32 + 48 * portsByHost.size());
        sb.append("tcp and (");
        boolean firstHost = true;
        for (Map.Entry<Endpoint, TreeSet<Integer>> entry : portsByHost.entrySet()) {
            if (!firstHost) {
                sb.append(" or ");
            }
            firstHost = false;
            sb.append("(host ").append(entry.getKey().host());
            TreeSet<Integer> ports = entry.getValue();
            if (!ports.contains(0)) {
                sb.append(" and ");
                if (ports.size() > 1) {
                    sb.append('(');
                }
                boolean firstPort = true;
                for (int port : ports) {
                    if (!firstPort) {
                        sb.append(" or ");
                    }
                    firstPort = false;
                    sb.append("port ").append(port);
                }
                if (ports.size() > 1) {
                    sb.append(')');
                }
            }
            sb.append(')');
        }
        return sb.append(')').toString();
    }
}
