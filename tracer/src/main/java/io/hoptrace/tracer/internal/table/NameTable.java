package io.hoptrace.tracer.internal.table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    /**
     * A direct-mapped cache in front of the maps, compared by reference: the event parser hands out the same String
     * for the same name, so a stream's lookups cost three cached String hashes and three pointer comparisons
     * instead of a Route allocation and a map lookup. A miss (other String instances, a collision) falls back to
     * the map, so the cache only changes speed.
     */
    private static final int CACHE = 64;
    private final Route[] cachedRoutes = new Route[CACHE];
    private final int[] cachedRouteIds = new int[CACHE];
    private final String[] cachedTerms = new String[CACHE];
    private final short[] cachedTermIds = new short[CACHE];

    NameTable() {
        routes.add(null);
        terms.add(null);
    }

    int route(String frontend, String backend, String server) {
        if (frontend == null && backend == null && server == null) {
            return 0;
        }
        int slot = slot((hash(frontend) * 31 + hash(backend)) * 31 + hash(server));
        Route c = cachedRoutes[slot];
        if (c != null && c.frontend == frontend && c.backend == backend && c.server == server) {
            return cachedRouteIds[slot];
        }
        Route r = new Route(frontend, backend, server);
        Integer id = routeIds.get(r);
        if (id == null) {
            id = routes.size();
            routes.add(r);
            routeIds.put(r, id);
        }
        cachedRoutes[slot] = r; // with these very strings, so that the next lookup matches by reference
        cachedRouteIds[slot] = id;
        return id;
    }

    Route route(int id) {
        return routes.get(id);
    }

    short term(String term) {
        if (term == null) {
            return 0;
        }
        int slot = slot(term.hashCode());
        if (cachedTerms[slot] == term) {
            return cachedTermIds[slot];
        }
        short id = termId(term);
        cachedTerms[slot] = term;
        cachedTermIds[slot] = id;
        return id;
    }

    private short termId(String term) {
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

    private static int hash(String s) {
        return s == null ? 0 : s.hashCode(); // cached in the String after the first call
    }

    private static int slot(int h) {
        return (h ^ h >>> 16) & (CACHE - 1);
    }
}
