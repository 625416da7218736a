package io.hoptrace.proxy.internal.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.proxy.Balance;
import io.hoptrace.proxy.BackendConfig;
import io.hoptrace.proxy.ServerConfig;
import io.hoptrace.proxy.Timeouts;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The backend queue: sessions wait for server slots, oldest first, and can give up. */
class BackendRuntimeTest {
    /** A waiting session that records the server it was given. */
    private static final class Waiter implements ServerWaiter {
        final List<ServerRuntime> given = new ArrayList<>();

        @Override
        public EventExecutor executor() {
            return ImmediateEventExecutor.INSTANCE;
        }

        @Override
        public void assigned(ServerRuntime server) {
            given.add(server);
        }
    }

    private static BackendRuntime backend(Balance balance, int... maxconns) {
        List<ServerConfig> servers = new ArrayList<>();
        for (int i = 0; i < maxconns.length; i++) {
            servers.add(new ServerConfig("s" + (i + 1), new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    2000 + i), ServerConfig.SendProxy.NONE, maxconns[i], "t.cfg:" + i));
        }
        return new BackendRuntime(new BackendConfig("app", balance, servers, Timeouts.NONE, 0, false, "t.cfg:1"));
    }

    @Test
    void aReleasedSlotGoesToTheOldestWaitingSession() {
        BackendRuntime b = backend(Balance.ROUNDROBIN, 1);
        ServerRuntime s1 = b.reserve(null, null, null);
        Waiter first = new Waiter();
        Waiter second = new Waiter();
        b.enqueue(first, null, null, null);
        b.enqueue(second, null, null, null);
        assertEquals(2, b.queued());
        assertEquals(2, b.queuedMax());
        s1.release();
        assertEquals(List.of(s1), first.given);
        assertTrue(second.given.isEmpty());
        assertEquals(1, b.queued());
        assertEquals(1, s1.counters().current(), "the slot moved to the first waiter");
    }

    @Test
    void aSessionEnqueuedWhileASlotIsFreeGetsItAtOnce() {
        BackendRuntime b = backend(Balance.ROUNDROBIN, 1);
        Waiter w = new Waiter();
        b.enqueue(w, null, null, null); // a slot freed between reserve() and enqueue(): no lost wake-up
        assertEquals(1, w.given.size());
        assertEquals(0, b.queued());
    }

    @Test
    void aCancelledSessionIsSkippedAndItsSlotGoesToTheNext() {
        BackendRuntime b = backend(Balance.ROUNDROBIN, 1);
        ServerRuntime s1 = b.reserve(null, null, null);
        Waiter gone = new Waiter();
        Waiter next = new Waiter();
        QueueEntry e = b.enqueue(gone, null, null, null);
        b.enqueue(next, null, null, null);
        assertTrue(b.cancel(e));
        s1.release();
        assertTrue(gone.given.isEmpty());
        assertEquals(List.of(s1), next.given);
        assertEquals(0, b.queued());
    }

    @Test
    void anEntryAlreadyHandedASlotCannotBeCancelled() {
        BackendRuntime b = backend(Balance.ROUNDROBIN, 1);
        ServerRuntime s1 = b.reserve(null, null, null);
        Waiter w = new Waiter();
        QueueEntry e = b.enqueue(w, null, null, null);
        s1.release();
        assertFalse(b.cancel(e), "the slot is on its way: the session must release it");
    }

    @Test
    void aSessionWaitingForItsOwnServerLetsOthersUseAnother() throws Exception {
        BackendRuntime b = backend(Balance.ROUNDROBIN, 1, 1);
        ServerRuntime s1 = b.servers().get(0);
        ServerRuntime s2 = b.servers().get(1);
        assertTrue(s1.tryAcquire());
        assertTrue(s2.tryAcquire());
        Waiter retry = new Waiter();
        Waiter any = new Waiter();
        b.enqueue(retry, null, s1, null); // a retry on s1 must wait for s1
        b.enqueue(any, null, null, null);
        assertEquals(1, s1.queued());
        s2.release();
        assertTrue(retry.given.isEmpty());
        assertEquals(List.of(s2), any.given);
        s1.release();
        assertEquals(List.of(s1), retry.given);
        assertEquals(0, s1.queued());
    }

    @Test
    void reserveWithOnlyTakesThatServerOrNothing() {
        BackendRuntime b = backend(Balance.ROUNDROBIN, 1, 0);
        ServerRuntime s1 = b.servers().get(0);
        assertSame(s1, b.reserve(null, s1, null));
        assertNull(b.reserve(null, s1, null));
    }
}
