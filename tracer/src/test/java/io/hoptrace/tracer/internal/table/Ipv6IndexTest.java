package io.hoptrace.tracer.internal.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Ipv6IndexTest {
    private record Address(long hi, long lo) {
    }

    /** Random puts and removes against a HashMap model, with few distinct prefixes so that probes collide. */
    @Test
    void staysEqualToAModelUnderRandomPutsAndRemoves() {
        Ipv6Index index = new Ipv6Index();
        Map<Address, Integer> model = new HashMap<>();
        List<Address> present = new ArrayList<>();
        java.util.ArrayDeque<Integer> freeIds = new java.util.ArrayDeque<>();
        Random rnd = new Random(7);
        int nextId = 0;
        for (int step = 0; step < 200_000; step++) {
            if (present.isEmpty() || rnd.nextInt(100) < 55) {
                Address a = new Address(0x20010db8L << 32 | rnd.nextInt(4), rnd.nextInt(5000));
                if (model.containsKey(a)) {
                    continue;
                }
                int id = freeIds.isEmpty() ? nextId++ : freeIds.pop(); // ids are reused, as the codec does
                index.put(id, a.hi(), a.lo());
                model.put(a, id);
                present.add(a);
            } else {
                Address a = present.remove(rnd.nextInt(present.size()));
                int id = model.remove(a);
                index.remove(id);
                freeIds.push(id);
            }
        }
        assertEquals(model.size(), index.size());
        for (Map.Entry<Address, Integer> m : model.entrySet()) {
            assertEquals(m.getValue(), index.get(m.getKey().hi(), m.getKey().lo()));
            assertEquals(m.getKey(), new Address(index.high(m.getValue()), index.low(m.getValue())));
        }
        assertEquals(-1, index.get(1, 2));
    }

    @Test
    void refusesToInternAnAddressTwice() {
        Ipv6Index index = new Ipv6Index();
        index.put(0, 1, 2);
        assertThrows(IllegalStateException.class, () -> index.put(1, 1, 2));
    }

    @Test
    void refusesToRemoveAnIdThatIsNotInTheIndex() {
        Ipv6Index index = new Ipv6Index();
        index.put(0, 1, 2);
        index.remove(0);
        assertThrows(IllegalStateException.class, () -> index.remove(0));
        assertEquals(0, index.size());
    }
}
