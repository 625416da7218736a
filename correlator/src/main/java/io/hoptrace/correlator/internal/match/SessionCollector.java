package io.hoptrace.correlator.internal.match;

import io.hoptrace.correlator.ProxySession;
import io.hoptrace.correlator.SessionRef;
import io.hoptrace.events.Endpoint;
import io.hoptrace.events.EventRecord;
import io.hoptrace.events.FourTuple;
import io.hoptrace.events.SessionEvent;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs the events of the logs into sessions: an open with the close of the same source and id, a failed event
 * on its own. A second open of a session that is still open with the same tuples is the replay of a snapshot
 * after a resynchronisation and is ignored; with other tuples it is a new session (the proxy restarted and reused
 * the id), and the earlier one stays open-ended. Events lost on the way (a proxy's {@code ! dropped n}, a close
 * whose open is not in the logs) become warnings.
 *
 * <p>Logs hold hundreds of thousands of sessions over few addresses and names, so addresses and names are shared
 * (one object per distinct value) and the events themselves are not kept.
 */
public final class SessionCollector {
    private final Map<SessionRef, Pending> open = new HashMap<>();
    private final List<Pending> all = new ArrayList<>();
    private final Map<String, Long> dropped = new LinkedHashMap<>();
    private final Map<String, Long> orphanCloses = new LinkedHashMap<>();
    private final Map<InetAddress, InetAddress> addresses = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private long events;

    /** A session read so far: its open (or failure), waiting for its close. */
    private static final class Pending {
        final String source;
        final long id;
        final FourTuple front;
        final FourTuple back;
        final long openMicros;
        final String frontendName;
        final String backendName;
        final String serverName;
        long closeMicros = SessionEvent.NONE;
        long bytesIn = SessionEvent.NONE;
        long bytesOut = SessionEvent.NONE;
        String term;

        Pending(String source, long id, FourTuple front, FourTuple back, long openMicros, String fe, String be,
                String srv) {
            this.source = source;
            this.id = id;
            this.front = front;
            this.back = back;
            this.openMicros = openMicros;
            this.frontendName = fe;
            this.backendName = be;
            this.serverName = srv;
        }

        ProxySession toSession() {
            return new ProxySession(source, id, front, back, openMicros, closeMicros, frontendName, backendName,
                    serverName, bytesIn, bytesOut, term, back == null);
        }
    }

    public void add(EventRecord r) {
        events++;
        SessionEvent e = r.event();
        long ts = r.tsMicros() != SessionEvent.NONE ? r.tsMicros() : e.tsMicros();
        String source = name(r.source());
        if (e instanceof SessionEvent.Open o) {
            SessionRef ref = new SessionRef(source, o.id());
            FourTuple front = tuple(o.client(), o.frontend());
            FourTuple back = tuple(o.backend(), o.server());
            Pending earlier = open.get(ref);
            if (earlier != null && earlier.front.equals(front) && earlier.back.equals(back)) {
                return;
            }
            Pending p = new Pending(source, o.id(), front, back, ts, name(o.frontendName()), name(o.backendName()),
                    name(o.serverName()));
            open.put(ref, p);
            all.add(p);
        } else if (e instanceof SessionEvent.Close c) {
            Pending p = open.remove(new SessionRef(source, c.id()));
            if (p == null) {
                orphanCloses.merge(source, 1L, Long::sum);
                return;
            }
            p.closeMicros = ts;
            p.bytesIn = c.bytesIn();
            p.bytesOut = c.bytesOut();
            p.term = name(c.term());
        } else if (e instanceof SessionEvent.Failed f) {
            Pending p = new Pending(source, f.id(), tuple(f.client(), f.frontend()), null, SessionEvent.NONE,
                    name(f.frontendName()), name(f.backendName()), null);
            p.closeMicros = ts;
            p.term = name(f.term());
            all.add(p);
        } else if (e instanceof SessionEvent.Dropped d) {
            dropped.merge(source, d.count(), Long::sum);
        }
    }

    /** The sessions in the order their first event was read; the collector forgets them. */
    public List<MatchedSession> sessions() {
        List<MatchedSession> out = new ArrayList<>(all.size());
        for (Pending p : all) {
            out.add(new MatchedSession(out.size(), p.toSession()));
        }
        all.clear();
        open.clear();
        addresses.clear();
        names.clear();
        return out;
    }

    public long events() {
        return events;
    }

    public List<String> warnings() {
        List<String> w = new ArrayList<>();
        dropped.forEach((source, n) -> w.add(source + ": the proxy dropped " + n + " event" + (n == 1 ? "" : "s")
                + " for a slow subscriber; sessions may be missing or lack their close"));
        orphanCloses.forEach((source, n) -> w.add(source + ": " + n + " close event" + (n == 1 ? "" : "s")
                + " without an open in the logs (sessions opened before the recording started) ignored"));
        return w;
    }

    private FourTuple tuple(Endpoint client, Endpoint server) {
        return new FourTuple(endpoint(client), endpoint(server));
    }

    private Endpoint endpoint(Endpoint e) {
        if (e.isUnknown()) {
            return Endpoint.UNKNOWN;
        }
        InetAddress shared = addresses.computeIfAbsent(e.address(), a -> a);
        return shared == e.address() ? e : new Endpoint(shared, e.port());
    }

    private String name(String s) {
        return s == null ? null : names.computeIfAbsent(s, k -> k);
    }
}
