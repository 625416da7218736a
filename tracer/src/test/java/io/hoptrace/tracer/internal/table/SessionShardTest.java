package io.hoptrace.tracer.internal.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.EventLineParser;
import io.hoptrace.events.EventRecord;
import io.hoptrace.events.SessionEvent;
import io.hoptrace.tracer.TracedSession;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionShardTest {
    private static final long T0 = 1_795_000_000_000_000L;
    private final SessionShard shard = new SessionShard("edge");

    static SessionEvent.Open open(long id, String client) {
        return new SessionEvent.Open(id, Endpoint.parse(client), Endpoint.parse("[2001:db8::10]:443"),
                Endpoint.parse("[2001:db8::10]:" + (50000 + id)), Endpoint.parse("[2001:db8::20]:8443"), T0, "web",
                "app", "s1", null, null);
    }

    private void apply(SessionEvent e) {
        shard.apply(new EventRecord("edge", T0, e));
    }

    @Test
    void comparesASnapshotWithWhatItHolds() {
        apply(open(1, "[2001:db8::5]:1"));
        apply(open(2, "[2001:db8::5]:2"));
        apply(SessionEvent.Close.bare(2));
        shard.beginSweep();
        assertEquals(SessionShard.Reconcile.SAME, shard.reconcile(open(1, "[2001:db8::5]:1")));
        assertEquals(SessionShard.Reconcile.STALE, shard.reconcile(open(2, "[2001:db8::5]:2")));
        assertEquals(SessionShard.Reconcile.NEW, shard.reconcile(open(3, "[2001:db8::5]:3")));
        assertEquals(SessionShard.Reconcile.REPLACE, shard.reconcile(open(1, "[2001:db8::6]:1")));
        assertEquals(SessionShard.Reconcile.NEW, shard.reconcile(open(2, "[2001:db8::7]:2")));
    }

    @Test
    void listsTheOpenSessionsASnapshotDidNotMention() {
        apply(open(1, "[2001:db8::5]:1"));
        apply(open(2, "[2001:db8::5]:2"));
        apply(open(3, "[2001:db8::5]:3"));
        shard.beginSweep();
        shard.reconcile(open(2, "[2001:db8::5]:2"));
        apply(open(4, "[2001:db8::5]:4")); // opened during the sweep: seen
        long[] gone = shard.unswept();
        java.util.Arrays.sort(gone);
        assertArrayEquals(new long[] {1, 3}, gone);
    }

    @Test
    void leavesNoKeysOrInternedAddressesBehindOnceEverythingExpired() {
        for (long id = 1; id <= 50; id++) {
            apply(open(id, "[2001:db8:1::" + Long.toHexString(id) + "]:" + id));
        }
        assertEquals(52, shard.internedV6(), "50 clients, the proxy and the server");
        for (long id = 1; id <= 50; id++) {
            apply(SessionEvent.Close.bare(id));
        }
        assertEquals(50, shard.expire(T0 + 1, 1));
        assertEquals(0, shard.internedV6());
        for (int role = 0; role < 4; role++) {
            assertEquals(0, shard.indexedKeys(role), "role " + role);
        }
        assertEquals(0, shard.openCount() + shard.closedCount());
    }

    /**
     * The same lines through {@link SessionShard#apply(EventLineParser, long)} and through records of their events:
     * the same sessions, and the same answers to lookups (opens, reopens with other addresses, twice-reported
     * opens, closes of unknown ids, failures, IPv6 and unknown endpoints, PROXY protocol attributes, expiry).
     */
    @Test
    void aScannedLineChangesTheShardAsItsEventDoes() {
        String[] lines = {
            "+ 1 10.0.0.5:40001 10.0.0.10:443 10.0.0.10:50001 10.0.0.20:8443 ts=10 fe=web be=app srv=s1",
            "+ 2 [2001:db8::5]:40002 [2001:db8::10]:443 10.0.0.10:50002 10.0.0.20:8443 ts=11 fe=web be=app srv=s2",
            "+ 3 unknown unknown 10.0.0.10:50003 10.0.0.20:8443",
            "+ 4 10.0.0.6:1 10.0.0.10:443 10.0.0.10:50004 10.0.0.21:8443 ts=12 orig=192.0.2.7:4 uid=abc",
            "+ 1 10.0.0.5:40001 10.0.0.10:443 10.0.0.10:50001 10.0.0.20:8443 ts=13 fe=web be=app srv=s1",
            "- 2 ts=14 bin=5 bout=6 dur=3 term=client-fin",
            "- 99 ts=15 term=client-fin",
            "x 5 [2001:db8::6]:7 [2001:db8::10]:443 ts=16 fe=web be=app term=connect-refused",
            "+ 3 10.0.0.7:1 10.0.0.10:443 10.0.0.10:50005 10.0.0.20:8443 ts=17",
            "- 1",
            "! dropped 3",
            "# snapshot 2"};
        SessionShard byRecords = new SessionShard("edge");
        EventLineParser p = new EventLineParser();
        for (String line : lines) {
            p.scan(line);
            boolean changed = shard.apply(p, T0);
            assertEquals(byRecords.apply(EventRecord.of("edge", p.event(), T0)), changed, line);
        }
        assertEquals(sorted(byRecords), sorted(shard));
        assertEquals(byRecords.internedV6(), shard.internedV6());
        List<TracedSession> found = new ArrayList<>();
        shard.byEndpoint(Endpoint.parse("[2001:db8::10]:443"), found);
        assertEquals(2, found.size());
        assertEquals(byRecords.expire(T0 + 100, 0), shard.expire(T0 + 100, 0));
        assertEquals(sorted(byRecords), sorted(shard));
        assertEquals(byRecords.internedV6(), shard.internedV6());
    }

    private static List<TracedSession> sorted(SessionShard s) {
        List<TracedSession> all = new ArrayList<>();
        s.forEach(all::add);
        all.sort(Comparator.comparingLong(TracedSession::id));
        return all;
    }

    @Test
    void aBatchHoldsOffReadersUntilItEnds() throws Exception {
        EventLineParser p = new EventLineParser();
        p.scan("+ 1 10.0.0.5:1 10.0.0.10:443 10.0.0.10:2 10.0.0.20:8443");
        shard.applyInBatch(p, T0);
        int[] seen = {-1};
        Thread reader = new Thread(() -> seen[0] = shard.openCount(), "reader");
        reader.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (reader.getState() != Thread.State.WAITING) { // parked on the lock
            assertTrue(System.nanoTime() < deadline && reader.isAlive(), "the reader was not held off");
            Thread.onSpinWait();
        }
        p.scan("+ 2 10.0.0.5:3 10.0.0.10:443 10.0.0.10:4 10.0.0.20:8443");
        shard.applyInBatch(p, T0);
        shard.endBatch();
        reader.join(10_000);
        assertEquals(2, seen[0], "the reader sees the whole batch");
    }

    @Test
    void anyOtherCallOfTheWriterEndsItsBatchInsteadOfDeadlocking() {
        EventLineParser p = new EventLineParser();
        p.scan("+ 1 10.0.0.5:1 10.0.0.10:443 10.0.0.10:2 10.0.0.20:8443");
        shard.applyInBatch(p, T0);
        assertEquals(1, shard.openCount());
        p.scan("- 1");
        shard.applyInBatch(p, T0);
        apply(open(2, "[2001:db8::5]:2"));
        assertEquals(1, shard.expire(T0 + 1, 0));
        shard.endBatch(); // nothing open any more: no effect
        assertEquals(1, shard.openCount());
    }
}
