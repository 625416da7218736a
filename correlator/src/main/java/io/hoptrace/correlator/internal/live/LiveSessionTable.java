package io.hoptrace.correlator.internal.live;

import io.hoptrace.correlator.SessionRef;
import io.hoptrace.events.EventRecord;
import io.hoptrace.events.FourTuple;
import io.hoptrace.events.SessionEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sessions of a live correlation whose traces are not reported yet: open ones, and closed ones waiting for
 * their grace period. Indexed by front and back tuple, so that the sessions a chain may link (one proxy's back
 * tuple is the next one's front tuple) are found without a scan, and kept in close order, so that the next
 * session due for reporting is the head of a queue.
 *
 * <p>Records come from a tracer, which already repairs its streams (a session that vanished during a gap is
 * closed as {@code term=lost}; a snapshot does not repeat what it knows), so each open is new and each close
 * ends an open session. An open of an id that is still open with other addresses (a proxy restarted and reused
 * the id) ends the earlier session, as the batch collector reads logs.
 */
final class LiveSessionTable {
    private final Map<SessionRef, LiveSession> open = new HashMap<>();
    /** Every session of the table, in arrival order. */
    private final Set<LiveSession> all = new LinkedHashSet<>();
    private final Map<FourTuple, List<LiveSession>> byFront = new HashMap<>();
    private final Map<FourTuple, List<LiveSession>> byBack = new HashMap<>();
    /** Closed sessions in the order they closed (some may be gone since). */
    private final ArrayDeque<LiveSession> closing = new ArrayDeque<>();
    private final Map<String, Long> dropped = new LinkedHashMap<>();
    private final Map<String, Long> orphanCloses = new LinkedHashMap<>();
    private long seq;

    /** Applies a tracer's record, arrived at {@code nowNanos} (epoch ns). */
    void apply(EventRecord r, long nowNanos) {
        SessionEvent e = r.event();
        if (e instanceof SessionEvent.Open o) {
            SessionRef ref = new SessionRef(r.source(), o.id());
            LiveSession earlier = open.get(ref);
            if (earlier != null) {
                if (earlier.front.equals(o.front()) && earlier.back.equals(o.back())) {
                    return; // the same session again (a snapshot replay)
                }
                open.remove(ref);
                close(earlier, null, nowNanos);
            }
            LiveSession s = new LiveSession(seq++, ref, r, o.front(), o.back());
            open.put(ref, s);
            add(s);
        } else if (e instanceof SessionEvent.Close) {
            LiveSession s = open.remove(new SessionRef(r.source(), ((SessionEvent.Close) e).id()));
            if (s == null) {
                orphanCloses.merge(r.source(), 1L, Long::sum);
                return;
            }
            close(s, r, nowNanos);
        } else if (e instanceof SessionEvent.Failed f) {
            LiveSession s = new LiveSession(seq++, new SessionRef(r.source(), f.id()), r, f.front(), null);
            add(s);
            close(s, null, nowNanos);
        } else if (e instanceof SessionEvent.Dropped d) {
            dropped.merge(r.source(), d.count(), Long::sum);
        }
    }

    private void add(LiveSession s) {
        all.add(s);
        index(byFront, s.front, s);
        index(byBack, s.back, s);
    }

    private void close(LiveSession s, EventRecord record, long nowNanos) {
        s.closed(record, nowNanos);
        closing.add(s);
    }

    /** The next closed session that closed at or before {@code closedBy}, taken off the queue; null if none. */
    LiveSession nextClosedBy(long closedBy) {
        while (!closing.isEmpty()) {
            LiveSession head = closing.peek();
            if (head.isGone()) {
                closing.poll();
            } else if (head.closedAtNanos() <= closedBy) {
                return closing.poll();
            } else {
                return null;
            }
        }
        return null;
    }

    /**
     * The sessions linked to {@code start} by shared tuples, directly or through others: the sessions whose chains
     * (and competing claims on connections) depend on each other. In arrival order.
     */
    List<LiveSession> component(LiveSession start) {
        Set<LiveSession> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<LiveSession> todo = new ArrayDeque<>();
        seen.add(start);
        todo.add(start);
        while (!todo.isEmpty()) {
            LiveSession s = todo.poll();
            for (FourTuple t : new FourTuple[] {s.front, s.back}) {
                if (t == null) {
                    continue;
                }
                for (Map<FourTuple, List<LiveSession>> index : List.of(byFront, byBack)) {
                    for (LiveSession n : index.getOrDefault(t, List.of())) {
                        if (seen.add(n)) {
                            todo.add(n);
                        }
                    }
                }
            }
        }
        List<LiveSession> out = new ArrayList<>(seen);
        out.sort((a, b) -> Long.compare(a.seq, b.seq));
        return out;
    }

    /** Whether some session here has {@code tuple} (either orientation) as its front or back. */
    boolean wants(FourTuple tuple) {
        if (!tuple.isInet()) {
            return false;
        }
        FourTuple reversed = tuple.reversed();
        return byFront.containsKey(tuple) || byBack.containsKey(tuple) || byFront.containsKey(reversed)
                || byBack.containsKey(reversed);
    }

    /** Takes a session out of the table: its trace was reported. */
    void remove(LiveSession s) {
        if (s.isGone()) {
            return;
        }
        s.gone();
        all.remove(s);
        if (open.get(s.ref) == s) {
            open.remove(s.ref);
        }
        unindex(byFront, s.front, s);
        unindex(byBack, s.back, s);
    }

    /** Every session of the table, in arrival order (a copy). */
    List<LiveSession> sessions() {
        return new ArrayList<>(all);
    }

    int size() {
        return all.size();
    }

    /** Per source, the events the proxies said they dropped for the tracer. */
    Map<String, Long> dropped() {
        return dropped;
    }

    /** Per source, closes of sessions the table did not have open. */
    Map<String, Long> orphanCloses() {
        return orphanCloses;
    }

    /** Forgets every session (the end of a correlation). */
    void clear() {
        all.forEach(LiveSession::gone);
        all.clear();
        open.clear();
        byFront.clear();
        byBack.clear();
        closing.clear();
    }

    /** Tuples of Unix-socket ends have no packets and would tie unrelated sessions together: not indexed. */
    private static void index(Map<FourTuple, List<LiveSession>> index, FourTuple t, LiveSession s) {
        if (t != null && t.isInet()) {
            index.computeIfAbsent(t, k -> new ArrayList<>(1)).add(s);
        }
    }

    private static void unindex(Map<FourTuple, List<LiveSession>> index, FourTuple t, LiveSession s) {
        if (t == null || !t.isInet()) {
            return;
        }
        List<LiveSession> list = index.get(t);
        if (list != null) {
            list.remove(s);
            if (list.isEmpty()) {
                index.remove(t);
            }
        }
    }
}
