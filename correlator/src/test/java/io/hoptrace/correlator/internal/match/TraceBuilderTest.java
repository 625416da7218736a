package io.hoptrace.correlator.internal.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.correlator.ChainScenario;
import io.hoptrace.correlator.ProxyDwell;
import io.hoptrace.correlator.SessionRef;
import io.hoptrace.correlator.TestPackets;
import io.hoptrace.correlator.Trace;
import io.hoptrace.correlator.internal.flow.FlowStatsConverter;
import io.hoptrace.events.FourTuple;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceBuilderTest {
    private static final long SECOND = 1_000_000_000L;

    private static Trace build(TestPackets packets, ChainScenario s) {
        MatchFixture f = new MatchFixture().packets(packets).events(s.events(0));
        List<List<MatchedSession>> chains = new HopChainer(SECOND).chain(f.match(SECOND));
        assertEquals(1, chains.size());
        return new TraceBuilder(new FlowStatsConverter()).build(chains.get(0));
    }

    @Test
    void twoProxiesGiveThreeHopsWithTheirDwellTimes() {
        ChainScenario s = new ChainScenario();
        Trace t = build(s.allHops(new TestPackets(0)), s);
        assertEquals(3, t.hops().size());
        assertEquals(FourTuple.parse(s.client(), ChainScenario.EDGE_FE), t.hops().get(0).tuple());
        assertEquals(FourTuple.parse(s.edgeBackend(), ChainScenario.APP_FE), t.hops().get(1).tuple());
        assertEquals(FourTuple.parse(s.appBackend(), ChainScenario.SERVER), t.hops().get(2).tuple());
        assertEquals(List.of(new SessionRef("edge", 1), new SessionRef("app", 7)), t.hops().get(1).via());
        ProxyDwell edge = t.proxies().get(0);
        ProxyDwell app = t.proxies().get(1);
        assertEquals(500_000, edge.requestDwellNanos());
        assertEquals(400_000, edge.responseDwellNanos());
        assertEquals(750_000, app.requestDwellNanos());
        assertEquals(200_000, app.responseDwellNanos());
        assertTrue(t.complete());
    }

    @Test
    void uncapturedMiddleHopLeavesDwellUnknown() {
        ChainScenario s = new ChainScenario();
        TestPackets packets = new TestPackets(0);
        s.hop(packets, 0);
        s.hop(packets, 2);
        Trace t = build(packets, s);
        assertFalse(t.hops().get(1).captured());
        assertTrue(t.hops().get(0).captured());
        assertTrue(t.hops().get(2).captured());
        assertFalse(t.proxies().get(0).hasRequestDwell());
        assertFalse(t.proxies().get(1).hasResponseDwell());
        assertFalse(t.complete());
    }
}
