package io.hoptrace.it;

import io.hoptrace.events.Endpoint;
import io.hoptrace.tracer.SessionTable;
import io.hoptrace.tracer.TracedSession;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the chain's session tables must say, from the sockets themselves: the client connections the test holds
 * open (their local and remote addresses), the backend's accepted sockets (tied to each client connection by the
 * tag it sent), and the kernel's established sockets towards the mid proxy (the edge's outbound sockets, which
 * the test holds no handle of).
 *
 * <p>For every live client connection {@code C → E} whose backend socket is {@code R → B}, the edge must have
 * exactly one open session {@code (C, E, x, M)} and the mid exactly one open session {@code (x, M, R, B)} with
 * {@code orig=C} (from edge's PROXY v2 header), where {@code x → M} is an established socket in the kernel; and
 * no other open session.
 */
final class GroundTruth {
    private final Chain chain;
    private final Map<String, ClientConnection> live = new ConcurrentHashMap<>();

    GroundTruth(Chain chain) {
        this.chain = chain;
    }

    void opened(ClientConnection c) {
        live.put(c.tag(), c);
    }

    void closed(ClientConnection c) {
        live.remove(c.tag());
    }

    Collection<ClientConnection> live() {
        return List.copyOf(live.values());
    }

    /** Null when the table's open sessions are exactly the live connections' (see the class comment). */
    String mismatch(SessionTable table) {
        List<TracedSession> edgeOpen = open(table, Chain.EDGE);
        List<TracedSession> midOpen = open(table, Chain.MID);
        Map<String, EchoBackend.Accepted> backendLive = chain.echo().live();
        Set<Endpoint> toMid = KernelSockets.establishedTo(chain.mid());
        Collection<ClientConnection> clients = live();
        int n = clients.size();
        if (edgeOpen.size() != n || midOpen.size() != n || backendLive.size() != n || toMid.size() != n) {
            return n + " live client connections, but " + edgeOpen.size() + " open edge sessions, "
                    + midOpen.size() + " open mid sessions, " + backendLive.size() + " live backend connections, "
                    + toMid.size() + " established sockets to mid";
        }
        Map<Endpoint, TracedSession> edgeByClient = byClient(edgeOpen);
        Map<Endpoint, TracedSession> midByClient = byClient(midOpen);
        for (ClientConnection c : clients) {
            TracedSession e = edgeByClient.get(c.local());
            if (e == null) {
                return "no open edge session for client " + c.local() + " (" + c.tag() + "); edge has " + edgeOpen;
            }
            String wrong = differs("edge session " + e.id(), e.frontend(), c.remote(), e.server(), chain.mid());
            if (wrong != null) {
                return wrong;
            }
            if (!toMid.contains(e.backend())) {
                return "edge session " + e.id() + " of client " + c.local() + ": backend " + e.backend()
                        + " is not an established socket to mid " + chain.mid() + " (the kernel has " + toMid + ")";
            }
            TracedSession m = midByClient.get(e.backend());
            if (m == null) {
                return "no open mid session for client " + e.backend() + " (edge session " + e.id() + "); mid has "
                        + midOpen;
            }
            EchoBackend.Accepted a = backendLive.get(c.tag());
            if (a == null) {
                return "the backend has no live connection tagged " + c.tag();
            }
            wrong = differs("mid session " + m.id(), m.frontend(), chain.mid(), m.server(), a.local());
            if (wrong == null) {
                wrong = differs("mid session " + m.id(), m.backend(), a.peer(), a.local(), chain.backend());
            }
            if (wrong != null) {
                return wrong;
            }
            if (!c.local().equals(m.orig())) {
                return "mid session " + m.id() + ": orig (from edge's PROXY v2 header) " + m.orig() + ", expected "
                        + c.local();
            }
        }
        return null;
    }

    private static String differs(String what, Endpoint got1, Endpoint want1, Endpoint got2, Endpoint want2) {
        if (!Objects.equals(got1, want1) || !Objects.equals(got2, want2)) {
            return what + ": expected " + want1 + " and " + want2 + ", got " + got1 + " and " + got2;
        }
        return null;
    }

    private static List<TracedSession> open(SessionTable table, String source) {
        return table.sessions(source).stream().filter(TracedSession::isOpen).toList();
    }

    private static Map<Endpoint, TracedSession> byClient(List<TracedSession> sessions) {
        Map<Endpoint, TracedSession> m = new HashMap<>();
        for (TracedSession s : sessions) {
            m.put(s.client(), s);
        }
        return m;
    }
}
