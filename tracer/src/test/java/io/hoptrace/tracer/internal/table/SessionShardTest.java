package io.hoptrace.tracer.internal.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.EventRecord;
import io.hoptrace.events.SessionEvent;
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
}
