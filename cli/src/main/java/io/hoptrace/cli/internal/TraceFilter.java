package io.hoptrace.cli.internal;

import io.hoptrace.correlator.BpfFilters;
import io.hoptrace.events.Endpoint;
import io.hoptrace.events.EventRecord;
import io.hoptrace.events.SessionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The capture filter of {@code hoptrace trace}, built from the sessions the tracer reports: TCP to or from every
 * proxy frontend and every server seen so far. Those two endpoints cover every hop of a chain (a proxy's server
 * is the next proxy's frontend; clients and proxies' outbound sockets use ephemeral ports that change per
 * connection). Until the first session is seen nothing is known: everything TCP is captured. The tracer's threads
 * note records; the capture thread asks for the new filter when endpoints were added.
 */
public final class TraceFilter {
    /** What is captured before any endpoint is known. */
    public static final String EVERYTHING = "tcp";

    private final Set<Endpoint> endpoints = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean changed = new AtomicBoolean();

    /** Notes the frontend and server of an opened (or failed) session; any thread. */
    public void note(EventRecord r) {
        SessionEvent e = r.event();
        if (e instanceof SessionEvent.Open o) {
            add(o.frontend());
            add(o.server());
        } else if (e instanceof SessionEvent.Failed f) {
            add(f.frontend());
        }
    }

    private void add(Endpoint e) {
        if (!e.isUnknown() && endpoints.add(e)) {
            changed.set(true);
        }
    }

    /** The filter for every endpoint noted so far ({@link #EVERYTHING} when none is). */
    public String filter() {
        changed.set(false); // before reading: an endpoint added meanwhile sets it again
        List<Endpoint> known = new ArrayList<>(endpoints);
        return known.isEmpty() ? EVERYTHING : BpfFilters.forEndpoints(known);
    }

    /** The new filter when endpoints were noted since the last {@link #filter()}, else null. */
    public String update() {
        return changed.get() ? filter() : null;
    }

    /** How many endpoints the filter names. */
    public int size() {
        return endpoints.size();
    }
}
