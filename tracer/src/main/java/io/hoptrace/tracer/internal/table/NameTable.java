package io.hoptrace.tracer.internal.table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Interns the few distinct name triples (frontend, backend, server) and termination reasons of a proxy, so that an
 * entry keeps two small ints instead of four string references. Proxies have a handful of each; ids are never
 * reused. Id 0 is "none" (no names, no term). Not thread-safe: used under the shard's lock.
 */
final class NameTable {
    /** The names a session went through. */
    record Route(String frontend, String backend, String server) {
    }

    private final Map<Route, Integer> routeIds = new HashMap<>();
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, Short> termIds = new HashMap<>();
    private final List<String> terms = new ArrayList<>();
    private Route lastRoute;
    private int lastRouteId;

    NameTable() {
        routes.add(null);
        terms.add(null);
    }

    int route(String frontend, String backend, String server) {
        if (frontend == null && backend == null && server == null) {
            return 0;
        }
        Route last = lastRoute;
        if (last != null && Objects.equals(last.frontend, frontend) && Objects.equals(last.backend, backend)
                && Objects.equals(last.server, server)) {
            return lastRouteId;
        }
        Route r = new Route(frontend, backend, server);
        Integer id = routeIds.get(r);
        if (id == null) {
            id = routes.size();
            routes.add(r);
            routeIds.put(r, id);
        }
        lastRoute = r;
        lastRouteId = id;
        return id;
    }

    Route route(int id) {
        return routes.get(id);
    }

    short term(String term) {
        if (term == null) {
            return 0;
        }
        Short id = termIds.get(term);
        if (id == null) {
            if (terms.size() == Short.MAX_VALUE) {
                // A proxy inventing new reasons without end: keep the table bounded, lose the reason.
                return 0;
            }
            id = (short) terms.size();
            terms.add(term);
            termIds.put(term, id);
        }
        return id;
    }

    String term(short id) {
        return terms.get(id);
    }
}
