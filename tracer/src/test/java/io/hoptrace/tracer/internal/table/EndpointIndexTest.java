package io.hoptrace.tracer.internal.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EndpointIndexTest {
    /** Random adds and removes against a HashMap model: lists and key set stay equal (backward-shift deletion). */
    @Test
    void staysEqualToAModelUnderRandomAddsAndRemoves() {
        EndpointIndex index = new EndpointIndex(SessionEntry.CLIENT);
        Map<Long, Set<SessionEntry>> model = new HashMap<>();
        List<SessionEntry> live = new ArrayList<>();
        Random rnd = new Random(42);
        long nextId = 1;
        for (int step = 0; step < 200_000; step++) {
            if (live.isEmpty() || rnd.nextInt(100) < 55) {
                SessionEntry e = new SessionEntry(nextId++);
                e.client = 1L << 48 | (long) rnd.nextInt(3000) << 16 | rnd.nextInt(4); // collisions and repeats
                index.add(e.client, e);
                model.computeIfAbsent(e.client, k -> new HashSet<>()).add(e);
                live.add(e);
            } else {
                SessionEntry e = live.remove(rnd.nextInt(live.size()));
                index.remove(e.client, e);
                Set<SessionEntry> s = model.get(e.client);
                s.remove(e);
                if (s.isEmpty()) {
                    model.remove(e.client);
                }
            }
        }
        assertEquals(model.size(), index.keyCount());
        for (Map.Entry<Long, Set<SessionEntry>> m : model.entrySet()) {
            Set<SessionEntry> listed = new HashSet<>();
            for (SessionEntry e = index.head(m.getKey()); e != null; e = e.next(SessionEntry.CLIENT)) {
                listed.add(e);
            }
            assertEquals(m.getValue(), listed);
        }
        assertNull(index.head(1L << 48 | 9999L << 16));
    }

    @Test
    void neverIndexesTheUnknownEndpoint() {
        EndpointIndex index = new EndpointIndex(SessionEntry.SERVER);
        SessionEntry e = new SessionEntry(1);
        index.add(EndpointCodec.UNKNOWN, e);
        assertEquals(0, index.keyCount());
        assertNull(index.head(EndpointCodec.UNKNOWN));
    }
}
