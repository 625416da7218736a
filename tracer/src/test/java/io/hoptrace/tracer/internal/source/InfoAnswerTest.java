package io.hoptrace.tracer.internal.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.tracer.internal.net.LineChars;
import org.junit.jupiter.api.Test;

class InfoAnswerTest {
    private static InfoAnswer read(String text) {
        InfoAnswer a = new InfoAnswer();
        for (String l : text.split("\n", -1)) {
            a.line(LineChars.of(l), 0);
        }
        return a;
    }

    @Test
    void tellsAHoptraceProxyByItsVersion() {
        InfoAnswer a = read("Name: edge\nVersion: hoptrace 0.1.0\nPid: 7\n\n");
        assertTrue(a.complete());
        assertTrue(a.isHoptrace());
        assertEquals(7, a.pid());
    }

    @Test
    void tellsAHoptraceProxyByItsEventKeys() {
        InfoAnswer a = read("Name: edge\nVersion: 0.1.0\nPid: 4242\nUptime_sec: 3600\nCurrConns: 12\nCumConns: 48211\n"
                + "MaxConn: 1000\nEventSubscribers: 2\nEventsSent: 96398\nEventsDropped: 0\n\n");
        assertTrue(a.isHoptrace());
    }

    @Test
    void readsHaproxysAnswer() {
        InfoAnswer a = read("Name: HAProxy\nVersion: 2.6.12-1+deb12u3\nRelease_date: 2025/10/03\nPid: 5660\n"
                + "Uptime_sec: 12\n\n");
        assertFalse(a.isHoptrace());
        assertTrue(a.hasValues());
        assertEquals(5660, a.pid());
        assertEquals(12, a.uptimeSeconds());
    }

    @Test
    void keepsTheFirstLineOfAnAnswerThatIsNotKeyValueText() {
        InfoAnswer a = read("Unknown command. Please enter one of the following commands only :\n  help : x\n\n");
        assertFalse(a.hasValues());
        assertEquals("Unknown command. Please enter one of the following commands only :", a.firstLine());
    }
}
