package io.hoptrace.correlator;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.SessionEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * One client connection followed through every proxy: {@code client ->[hop 0]-> proxy 0 ->[hop 1]-> ... ->
 * server}. With N proxies there are N+1 hops, or N when the last proxy's session failed before reaching a server.
 * {@code proxies.get(k)} is the session whose front is hop k and whose back is hop k+1.
 */
public record Trace(List<Hop> hops, List<ProxyDwell> proxies) {
    public static final long NONE = -1;

    public Trace {
        hops = List.copyOf(hops);
        proxies = List.copyOf(proxies);
        if (proxies.isEmpty()) {
            throw new IllegalArgumentException("proxies: expected at least one proxy session, got none");
        }
        boolean failed = proxies.get(proxies.size() - 1).session().failed();
        int expected = failed ? proxies.size() : proxies.size() + 1;
        if (hops.size() != expected) {
            throw new IllegalArgumentException("hops: expected " + expected + " hops for " + proxies.size()
                    + " proxies" + (failed ? " (the last failed)" : "") + ", got " + hops.size());
        }
        for (int i = 0; i < hops.size(); i++) {
            Hop h = hops.get(i);
            if (h.index() != i) {
                throw new IllegalArgumentException("hops[" + i + "].index: expected " + i + ", got " + h.index());
            }
            List<SessionRef> via = new ArrayList<>(2);
            if (i > 0) {
                via.add(proxies.get(i - 1).ref());
            }
            if (i < proxies.size()) {
                via.add(proxies.get(i).ref());
            }
            if (!h.via().equals(via)) {
                throw new IllegalArgumentException("hops[" + i + "].via: expected " + via + ", got " + h.via());
            }
        }
        for (int k = 0; k + 1 < proxies.size(); k++) {
            if (proxies.get(k).session().failed()) {
                throw new IllegalArgumentException("proxies[" + k + "]: a failed session has no next hop, got "
                        + proxies.get(k + 1).ref() + " after it");
            }
        }
    }

    public List<ProxySession> sessions() {
        List<ProxySession> s = new ArrayList<>(proxies.size());
        for (ProxyDwell d : proxies) {
            s.add(d.session());
        }
        return s;
    }

    /** The origin client: the initiator of the first hop. */
    public Endpoint origin() {
        return hops.get(0).tuple().client();
    }

    /** Where the chain ends: the final server, or the last proxy's frontend when its session failed. */
    public Endpoint destination() {
        return hops.get(hops.size() - 1).tuple().server();
    }

    public boolean failed() {
        return proxies.get(proxies.size() - 1).session().failed();
    }

    /** True when a capture saw every hop. */
    public boolean complete() {
        for (Hop h : hops) {
            if (!h.captured()) {
                return false;
            }
        }
        return true;
    }

    /** The first packet of any hop, else the earliest session time; {@link #NONE} when nothing has a time. */
    public long startNanos() {
        long start = Long.MAX_VALUE;
        for (Hop h : hops) {
            if (h.captured()) {
                start = Math.min(start, h.connection().firstNanos());
            }
        }
        if (start == Long.MAX_VALUE) {
            for (ProxyDwell d : proxies) {
                ProxySession s = d.session();
                long t = s.openMicros() != SessionEvent.NONE ? s.openMicros() : s.closeMicros();
                if (t != SessionEvent.NONE) {
                    start = Math.min(start, t * 1000);
                }
            }
        }
        return start == Long.MAX_VALUE ? NONE : start;
    }

    /** The last packet of any hop, else the latest session time; {@link #NONE} when nothing has a time. */
    public long endNanos() {
        long end = Long.MIN_VALUE;
        for (Hop h : hops) {
            if (h.captured()) {
                end = Math.max(end, h.connection().lastNanos());
            }
        }
        if (end == Long.MIN_VALUE) {
            for (ProxyDwell d : proxies) {
                ProxySession s = d.session();
                long t = Math.max(s.openMicros(), s.closeMicros());
                if (t != SessionEvent.NONE) {
                    end = Math.max(end, t * 1000);
                }
            }
        }
        return end == Long.MIN_VALUE ? NONE : end;
    }

    /** From the start to the end of the trace; 0 when it has no time. */
    public long durationNanos() {
        long s = startNanos();
        return s == NONE ? 0 : endNanos() - s;
    }
}
