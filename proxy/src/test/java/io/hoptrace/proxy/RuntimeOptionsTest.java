package io.hoptrace.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RuntimeOptionsTest {
    @Test
    void defaultsUseEveryCoreTheBestTransportAndOneMebibytePerSubscriber() {
        RuntimeOptions d = RuntimeOptions.defaults();
        assertEquals(Runtime.getRuntime().availableProcessors(), d.ioThreads());
        assertEquals(TransportKind.AUTO, d.transport());
        assertEquals(1 << 20, d.eventQueueBytes());
    }

    @Test
    void rejectsZeroThreads() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RuntimeOptions.defaults().withIoThreads(0));
        assertEquals("ioThreads: expected at least 1, got 0", e.getMessage());
    }

    @Test
    void rejectsAnEmptyEventQueue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RuntimeOptions.defaults().withEventQueueBytes(0));
        assertEquals("eventQueueBytes: expected at least 1, got 0", e.getMessage());
    }
}
