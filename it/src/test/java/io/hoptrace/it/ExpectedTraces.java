package io.hoptrace.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.events.Endpoint;
import io.hoptrace.events.FourTuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The traces a chain must yield for the client connections a test made, from the sockets and an independent
 * decoding of the capture: one trace per client connection, of exactly three hops, {@code client → edge},
 * {@code edge → mid} and {@code mid → backend}, each with the tuple the sockets really used and the packets and
 * bytes pcap4j counts for that connection, and the end the test caused.
 */
final class ExpectedTraces {
    /** How a test ended a client connection, and what every hop and proxy must then show. */
    enum Ending {
        /** The client closes first: a FIN travels down the chain, every hop's initiator closed it. */
        CLIENT_CLOSES("FIN", "client", "client-fin"),
        /** The backend closes first: its FIN travels back up the chain, every hop's responder closed it. */
        SERVER_CLOSES("FIN", "server", "server-fin"),
        /**
         * The backend resets its connection (the mid → backend hop). Each proxy passes a reset on as a reset
         * (SO_LINGER 0 on the other side, as HAProxy does), so the hops before it end with a RST too, each sent
         * by that hop's responder: the proxy that saw the reset come from its server.
         */
        BACKEND_RESETS("RST", "server", "server-rst");

        final String end;
        final String endedBy;
        final String term;

        Ending(String end, String endedBy, String term) {
            this.end = end;
            this.endedBy = endedBy;
            this.term = term;
        }
    }

    private record Expected(String tag, Endpoint client, Ending ending) {
    }

    private final Chain chain;
    private final List<Expected> expected = new ArrayList<>();

    ExpectedTraces(Chain chain) {
        this.chain = chain;
    }

    void add(ClientConnection c, Ending ending) {
        expected.add(new Expected(c.tag(), c.local(), ending));
    }

    int size() {
        return expected.size();
    }

    void verify(List<TraceView> traces, Pcap4jConnections oracle) {
        assertEquals(expected.size(), traces.size(), () -> "one trace per client connection, got " + traces);
        List<Endpoint> servers = List.of(chain.edge(), chain.mid(), chain.backend());
        for (Expected e : expected) {
            EchoBackend.Accepted a = chain.echo().accepted(e.tag());
            assertNotNull(a, () -> "the backend never saw connection " + e.tag());
            FourTuple lastHop = new FourTuple(a.peer(), a.local());
            List<TraceView> found = traces.stream().filter(t -> t.last().tuple().equals(lastHop)).toList();
            assertEquals(1, found.size(), () -> e.tag() + ": one trace ending with " + lastHop + ", got " + found);
            TraceView t = found.get(0);
            assertEquals(List.of(Chain.EDGE, Chain.MID), t.sources(), () -> e.tag() + ": the proxies of " + t);
            assertEquals(3, t.hops().size(), () -> e.tag() + ": hops of " + t);
            List<Pcap4jConnections.Connection> carrying = oracle.carrying(e.tag());
            assertEquals(3, carrying.size(), () -> e.tag() + ": pcap4j sees 'hello " + e.tag()
                    + "' on one connection per hop, got " + carrying);
            for (int i = 0; i < 3; i++) {
                int hop = i;
                String where = e.tag() + " hop " + i;
                Endpoint server = servers.get(i);
                Pcap4jConnections.Connection o = carrying.stream().filter(c -> c.tuple().server().equals(server))
                        .findFirst().orElseThrow(() -> new AssertionError(where + ": pcap4j saw no connection"
                                + " to " + server + " carrying it: " + carrying));
                // The sockets say what hops 0 and 2 are; hop 1 (edge → mid) only the capture shows.
                if (i == 0) {
                    assertEquals(new FourTuple(e.client(), chain.edge()), o.tuple(), where + ": pcap4j's tuple");
                } else if (i == 2) {
                    assertEquals(lastHop, o.tuple(), where + ": pcap4j's tuple");
                }
                TraceView.HopView h = t.hops().get(hop);
                assertEquals(o.tuple(), h.tuple(), where + ": tuple");
                assertTrue(h.captured(), where + ": captured");
                assertEquals(o.instance(), h.instance(), where + ": instance of the tuple");
                assertEquals(o.up().packets(), h.upPackets(), where + ": packets client to server");
                assertEquals(o.down().packets(), h.downPackets(), where + ": packets server to client");
                assertEquals(o.up().bytes(), h.upBytes(), where + ": bytes client to server");
                assertEquals(o.down().bytes(), h.downBytes(), where + ": bytes server to client");
                assertEquals(e.ending().end, h.end(), where + ": end");
                assertEquals(e.ending().endedBy, h.endedBy(), where + ": ended by");
                if (e.ending() == Ending.BACKEND_RESETS) {
                    assertTrue(o.down().rst(), where + ": pcap4j sees the responder's RST");
                } else {
                    assertTrue(o.up().fin() && o.down().fin(), where + ": pcap4j sees a FIN each way");
                }
            }
            assertEquals(List.of(e.ending().term, e.ending().term), t.terms(), () -> e.tag() + ": terms of " + t);
        }
    }
}
