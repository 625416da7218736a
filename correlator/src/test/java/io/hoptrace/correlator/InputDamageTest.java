package io.hoptrace.correlator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InputDamageTest {
    @Test
    void binaryBytesInTheMessageArePrintedAsQuestionMarks() {
        InputDamage d = new InputDamage("x.log", "x.log:3: got '\u0001\ufffdz\u001b[31m'");
        assertEquals("x.log:3: got '??z?[31m'", d.message());
    }

    @Test
    void longMessagesAreCut() {
        InputDamage d = new InputDamage("x.log", "x".repeat(1000));
        assertEquals(InputDamage.MAX_LENGTH + 3, d.message().length());
        assertTrue(d.message().endsWith("..."));
    }

    @Test
    void toStringNamesTheInputOnce() {
        assertEquals("a.pcap: byte offset 24: bad", new InputDamage("a.pcap", "a.pcap: byte offset 24: bad").toString());
        assertEquals("a.pcap: bad", new InputDamage("a.pcap", "bad").toString());
    }

    @Test
    void rejectsAnEmptyMessage() {
        assertThrows(IllegalArgumentException.class, () -> new InputDamage("a", ""));
    }
}
