package io.hoptrace.correlator.internal.match;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hoptrace.correlator.ChainScenario;
import io.hoptrace.correlator.TestPackets;
import io.hoptrace.events.EventRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HopChainerTest {
    private static final long SECOND = 1_000_000_000L;

    private static List<String> names(List<List<MatchedSession>> chains) {
        return chains.stream().map(c -> c.stream().map(s -> s.session().ref().toString())
                .reduce((a, b) -> a + " > " + b).orElse("")).toList();
    }

    @Test
    void backTupleEqualToNextFrontTupleLinksTwoProxies() {
        ChainScenario s = new ChainScenario();
        MatchFixture f = new MatchFixture().packets(s.allHops(new TestPackets(0))).events(s.events(0));
        List<List<MatchedSession>> chains = new HopChainer(SECOND).chain(f.match(SECOND));
        assertEquals(List.of("edge#1 > app#7"), names(chains));
    }

    @Test
    void sessionsOnDifferentInstancesOfAReusedTupleDoNotLink() {
        ChainScenario first = new ChainScenario(0, 50_000, 1, 7);
        ChainScenario second = new ChainScenario(100, 50_000, 2, 8);
        TestPackets t = ChainScenario.packetsOf(first, second);
        List<EventRecord> events = ChainScenario.eventsOf(0, first, second);
        MatchFixture f = new MatchFixture().packets(t).events(events);
        List<List<MatchedSession>> chains = new HopChainer(SECOND).chain(f.match(SECOND));
        assertEquals(List.of("edge#1 > app#7", "edge#2 > app#8"), names(chains));
    }

    @Test
    void uncapturedSessionsLinkWhenLifetimesOverlap() {
        ChainScenario s = new ChainScenario();
        MatchFixture f = new MatchFixture().events(s.events(0));
        assertEquals(List.of("edge#1 > app#7"), names(new HopChainer(0).chain(f.match(0))));
    }

    @Test
    void uncapturedSessionsDoNotLinkWhenLifetimesAreApart() {
        ChainScenario s = new ChainScenario();
        List<EventRecord> events = new ArrayList<>(s.edgeEvents(0));
        events.addAll(s.appEvents(5_000));
        MatchFixture f = new MatchFixture().events(events);
        assertEquals(List.of("edge#1", "app#7"), names(new HopChainer(SECOND).chain(f.match(SECOND))));
    }

    @Test
    void timelessSessionsLinkByTupleInLogOrder() {
        ChainScenario first = new ChainScenario(0, 50_000, 1, 7);
        ChainScenario second = new ChainScenario(100, 50_000, 2, 8);
        List<EventRecord> events = ChainScenario.eventsOf(Double.NaN, first, second);
        MatchFixture f = new MatchFixture().events(events);
        assertEquals(List.of("edge#1 > app#7", "edge#2 > app#8"), names(new HopChainer(SECOND).chain(f.match(0))));
    }

    @Test
    void sessionWithoutNextProxyIsAChainOfOne() {
        ChainScenario s = new ChainScenario();
        MatchFixture f = new MatchFixture().events(s.edgeEvents(0));
        assertEquals(List.of("edge#1"), names(new HopChainer(SECOND).chain(f.match(SECOND))));
    }
}
