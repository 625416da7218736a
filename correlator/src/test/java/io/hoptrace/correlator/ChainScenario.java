package io.hoptrace.correlator;

import io.hoptrace.events.EventRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * A client connection through two proxies, {@code client -> edge -> app -> server}, for tests: the packets of its
 * three hops and the events of its two sessions. Times in ms after {@code start}:
 * <pre>
 *  0     hop 0 handshake (RTT 0.4)        1   hop 1 handshake (0.3)     2   hop 2 handshake (0.2)
 *  1.5   edge "+"                          2.5 app "+"
 * 10     request 300 B on hop 0           10.5 on hop 1 (edge request dwell 0.5)   11.25 on hop 2 (app 0.75)
 * 20     response 1000 B on hop 2         20.2 on hop 1 (app response dwell 0.2)   20.6 on hop 0 (edge 0.4)
 * 30     client FIN on hop 0              30.5 edge FIN on hop 1                    31   app FIN on hop 2
 * 31     edge "-"                          31.5 app "-"
 * </pre>
 */
public final class ChainScenario {
    public static final String EDGE_FE = "10.0.0.10:443";
    public static final String APP_FE = "10.0.0.11:8443";
    public static final String SERVER = "10.0.0.20:8080";

    public final int clientPort;
    public final int edgePort;
    public final int appPort;
    public final double start;
    public final long edgeId;
    public final long appId;

    public ChainScenario(double startMs, int clientPort, long edgeId, long appId) {
        this.start = startMs;
        this.clientPort = clientPort;
        this.edgePort = clientPort + 1000;
        this.appPort = clientPort + 2000;
        this.edgeId = edgeId;
        this.appId = appId;
    }

    public ChainScenario() {
        this(0, 50_000, 1, 7);
    }

    public String client() {
        return "10.0.0.5:" + clientPort;
    }

    public String edgeBackend() {
        return "10.0.0.10:" + edgePort;
    }

    public String appBackend() {
        return "10.0.0.11:" + appPort;
    }

    /** Adds the packets of hop {@code hop} (0, 1 or 2) to {@code t}. */
    public void hop(TestPackets t, int hop) {
        double s = start;
        switch (hop) {
            case 0 -> t.conversation(client(), EDGE_FE).handshake(s, 0.4).request(s + 10, 300).response(s + 20.6, 1000)
                    .fin(s + 30, true);
            case 1 -> t.conversation(edgeBackend(), APP_FE).handshake(s + 1, 0.3).request(s + 10.5, 300)
                    .response(s + 20.2, 1000).fin(s + 30.5, true);
            case 2 -> t.conversation(appBackend(), SERVER).handshake(s + 2, 0.2).request(s + 11.25, 300)
                    .response(s + 20, 1000).fin(s + 31, true);
            default -> throw new IllegalArgumentException("hop: expected 0..2, got " + hop);
        }
    }

    public TestPackets allHops(TestPackets t) {
        for (int h = 0; h < 3; h++) {
            hop(t, h);
        }
        return t;
    }

    /** One capture (index 0) of every hop of each connection, in turn. */
    public static TestPackets packetsOf(ChainScenario... connections) {
        TestPackets t = new TestPackets(0);
        for (ChainScenario c : connections) {
            c.allHops(t);
        }
        return t;
    }

    /** The events of each connection's sessions, in turn, as {@link #events(double)} gives them. */
    public static List<EventRecord> eventsOf(double shiftMs, ChainScenario... connections) {
        List<EventRecord> e = new ArrayList<>();
        for (ChainScenario c : connections) {
            e.addAll(c.events(shiftMs));
        }
        return e;
    }

    /** The events of both sessions, their times shifted by {@code shiftMs}, or without times when NaN. */
    public List<EventRecord> events(double shiftMs) {
        List<EventRecord> e = new ArrayList<>();
        double s = start + shiftMs;
        e.add(TestEvents.open("edge", edgeId, client(), EDGE_FE, edgeBackend(), APP_FE, s + 1.5));
        e.add(TestEvents.open("app", appId, edgeBackend(), APP_FE, appBackend(), SERVER, s + 2.5));
        e.add(TestEvents.close("edge", edgeId, s + 31));
        e.add(TestEvents.close("app", appId, s + 31.5));
        return e;
    }

    public List<EventRecord> edgeEvents(double shiftMs) {
        return events(shiftMs).stream().filter(r -> r.source().equals("edge")).toList();
    }

    public List<EventRecord> appEvents(double shiftMs) {
        return events(shiftMs).stream().filter(r -> r.source().equals("app")).toList();
    }
}
