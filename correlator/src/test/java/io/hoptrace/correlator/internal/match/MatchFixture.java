package io.hoptrace.correlator.internal.match;

import io.hoptrace.correlator.Packet;
import io.hoptrace.correlator.TestPacket;
import io.hoptrace.correlator.TestPackets;
import io.hoptrace.correlator.internal.flow.FlowTable;
import io.hoptrace.events.EventRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Tracks test packets, collects events and matches them, for the tests of this package. */
final class MatchFixture {
    final FlowTable table = new FlowTable(0);
    final SessionCollector collector = new SessionCollector();
    List<MatchedSession> sessions;

    MatchFixture packets(TestPackets t) {
        List<TestPacket> sorted = new ArrayList<>(t.packets());
        sorted.sort(Comparator.comparingLong(Packet::timestampNanos));
        sorted.forEach(table::track);
        return this;
    }

    MatchFixture events(List<EventRecord> events) {
        events.forEach(collector::add);
        return this;
    }

    List<MatchedSession> match(long skewNanos) {
        sessions = collector.sessions();
        new SessionMatcher(table, skewNanos).match(sessions);
        return sessions;
    }

    MatchedSession session(String source, long id) {
        return sessions.stream().filter(s -> s.session().source().equals(source) && s.session().id() == id)
                .findFirst().orElseThrow();
    }
}
