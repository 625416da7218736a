package io.hoptrace.proxy.internal.frontend;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.proxy.BindConfig;
import io.hoptrace.proxy.FrontendConfig;
import io.hoptrace.proxy.Timeouts;
import io.hoptrace.proxy.internal.TrafficCounters;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** maxconn: listeners stop reading (accepting) at the limit and resume below it. */
class AcceptGateTest {
    private static FrontendRuntime frontend(String name, int maxconn, EmbeddedChannel listener) {
        FrontendRuntime fe = new FrontendRuntime(new FrontendConfig(name,
                List.of(new BindConfig(new InetSocketAddress(0), false, "t.cfg:2")), maxconn, null, Timeouts.NONE,
                null, "t.cfg:1"), null);
        fe.addListener(listener);
        return fe;
    }

    @Test
    void aFrontendStopsAcceptingAtItsMaxconnAndResumesWhenASessionEnds() {
        EmbeddedChannel listener = new EmbeddedChannel();
        FrontendRuntime fe = frontend("web", 2, listener);
        AcceptGate gate = new AcceptGate(listener.eventLoop(), 0, new TrafficCounters(), List.of(fe));
        gate.accepted(fe);
        assertTrue(listener.config().isAutoRead());
        gate.accepted(fe);
        assertFalse(listener.config().isAutoRead(), "at maxconn: stop accepting");
        assertTrue(gate.isFull(fe));
        gate.released(fe);
        listener.runPendingTasks();
        assertTrue(listener.config().isAutoRead(), "below maxconn again");
        assertFalse(gate.isFull(fe));
    }

    @Test
    void theGlobalMaxconnStopsEveryFrontend() {
        EmbeddedChannel one = new EmbeddedChannel();
        EmbeddedChannel two = new EmbeddedChannel();
        FrontendRuntime a = frontend("a", 0, one);
        FrontendRuntime b = frontend("b", 0, two);
        AcceptGate gate = new AcceptGate(one.eventLoop(), 1, new TrafficCounters(), List.of(a, b));
        gate.accepted(a);
        assertFalse(one.config().isAutoRead());
        assertFalse(two.config().isAutoRead(), "the other frontend counts against the same limit");
        gate.released(a);
        one.runPendingTasks();
        assertTrue(one.config().isAutoRead());
        assertTrue(two.config().isAutoRead());
    }

    @Test
    void theGlobalLimitDoesNotReopenAFrontendAtItsOwnLimit() {
        EmbeddedChannel one = new EmbeddedChannel();
        EmbeddedChannel two = new EmbeddedChannel();
        FrontendRuntime a = frontend("a", 1, one);
        FrontendRuntime b = frontend("b", 0, two);
        AcceptGate gate = new AcceptGate(one.eventLoop(), 2, new TrafficCounters(), List.of(a, b));
        gate.accepted(a);
        gate.accepted(b);
        gate.released(b);
        one.runPendingTasks();
        assertFalse(one.config().isAutoRead(), "a is still at its own maxconn");
        assertTrue(two.config().isAutoRead());
    }

    @Test
    void anAcceptErrorPausesAcceptingForASecond() {
        EmbeddedChannel listener = new EmbeddedChannel();
        FrontendRuntime fe = frontend("web", 0, listener);
        AcceptGate gate = new AcceptGate(listener.eventLoop(), 0, new TrafficCounters(), List.of(fe));
        gate.acceptFailed();
        assertFalse(listener.config().isAutoRead());
        listener.runPendingTasks(); // the back-off has not expired yet
        assertFalse(listener.config().isAutoRead());
    }
}
