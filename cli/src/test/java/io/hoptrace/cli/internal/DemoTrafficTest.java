package io.hoptrace.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoTrafficTest {
    @Test
    void planHasEveryShapeWithIpv6() {
        List<DemoTraffic.Planned> plan = DemoTraffic.plan(true);
        assertEquals(29, plan.size());
        Set<DemoTraffic.Shape> shapes = EnumSet.noneOf(DemoTraffic.Shape.class);
        plan.forEach(p -> shapes.add(p.shape()));
        assertEquals(EnumSet.allOf(DemoTraffic.Shape.class), shapes);
    }

    @Test
    void planLeavesIpv6OutWithoutIt() {
        List<DemoTraffic.Planned> plan = DemoTraffic.plan(false);
        assertEquals(27, plan.size());
        assertFalse(plan.stream().anyMatch(p -> p.shape() == DemoTraffic.Shape.IPV6));
    }

    @Test
    void planStartsWithTheSlowConnectionAndEndsWithinTwoSeconds() {
        List<DemoTraffic.Planned> plan = DemoTraffic.plan(true);
        assertEquals(new DemoTraffic.Planned(0, DemoTraffic.Shape.SLOW), plan.get(0));
        assertTrue(plan.stream().allMatch(p -> p.atMillis() < 2000), plan.toString());
    }

    @Test
    void rejectsNegativeStart() {
        assertThrows(IllegalArgumentException.class, () -> new DemoTraffic.Planned(-1, DemoTraffic.Shape.SHORT));
    }

    @Test
    void rejectsNegativeBytes() {
        assertThrows(IllegalArgumentException.class, () -> new DemoTraffic.Connection(DemoTraffic.Shape.SHORT,
                io.hoptrace.events.Endpoint.UNKNOWN, -1, false, null));
    }
}
