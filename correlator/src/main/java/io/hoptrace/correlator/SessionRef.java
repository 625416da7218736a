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

    @Override
    public String toString() {
        return source + "#" + id;
    }
}
