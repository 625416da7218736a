package io.hoptrace.tracer.internal.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class NameTableTest {
    private final NameTable names = new NameTable();

    @Test
    void equalNamesInOtherStringsGetTheSameRoute() {
        int id = names.route("web", "app", "s1");
        assertEquals(id, names.route(new String("web"), new String("app"), new String("s1")));
        assertEquals(new NameTable.Route("web", "app", "s1"), names.route(id));
    }

    @Test
    void manyRoutesKeepTheirIdsWhateverTheCacheHolds() {
        int[] ids = new int[500];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = names.route("web", "app", "s" + i);
        }
        for (int i = 0; i < ids.length; i++) {
            assertEquals(ids[i], names.route("web", "app", "s" + i), "s" + i);
            assertEquals("s" + i, names.route(ids[i]).server());
        }
        assertNotEquals(ids[0], ids[1]);
    }

    @Test
    void noNamesIsRouteZeroAndNoTermIsTermZero() {
        assertEquals(0, names.route(null, null, null));
        assertEquals(0, names.term(null));
    }

    @Test
    void termsKeepTheirIdsWhateverTheCacheHolds() {
        short fin = names.term("client-fin");
        for (int i = 0; i < 300; i++) {
            names.term("reason-" + i);
        }
        assertEquals(fin, names.term(new String("client-fin")));
        assertEquals("client-fin", names.term(fin));
    }
}
