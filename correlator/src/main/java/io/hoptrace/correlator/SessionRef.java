package io.hoptrace.correlator;

/** Names one proxy session: the proxy ({@code source}) and its session id. Text form {@code source#id}. */
public record SessionRef(String source, long id) implements Comparable<SessionRef> {
    public SessionRef {
        if (source == null || source.isEmpty()) {
            throw new IllegalArgumentException("source: expected a non-empty proxy name, got '" + source + "'");
        }
        if (id < 0) {
            throw new IllegalArgumentException("id: expected a non-negative session id, got " + id);
        }
    }

    @Override
    public int compareTo(SessionRef o) {
        int c = source.compareTo(o.source);
        return c != 0 ? c : Long.compare(id, o.id);
    }

    // Written out rather than generated: reports compare and hash refs for every trace, and the generated
    // methods go through method handles, slow until compiled. Same meaning, same hash as the generated ones.
    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof SessionRef r && r.id == id && r.source.equals(source));
    }

    @Override
    public int hashCode() {
        return 31 * source.hashCode() + Long.hashCode(id);
    }

    @Override
    public String toString() {
        return source + "#" + id;
    }
}
