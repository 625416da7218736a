package io.hoptrace.tracer.internal.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineCharsTest {
    private final LineChars chars = new LineChars();

    private void set(String s) {
        ByteBuf buf = Unpooled.copiedBuffer("xx" + s + "\n", StandardCharsets.UTF_8);
        chars.set(buf, 2, buf.readableBytes() - 3);
        buf.release();
    }

    @Test
    void aShorterLineAfterALongerOneEndsWhereItEnds() {
        set("- 12345 ts=1");
        set("- 7");
        assertEquals("- 7", chars.toString());
        assertEquals(3, chars.length());
        assertEquals('7', chars.charAt(2));
        assertThrows(IndexOutOfBoundsException.class, () -> chars.charAt(3));
        assertThrows(IndexOutOfBoundsException.class, () -> chars.charAt(-1));
    }

    @Test
    void linesOfTheSameLengthReuseOneArrayAndKeepTheirOwnText() {
        set("- 1");
        set("- 2");
        assertEquals("- 2", chars.toString());
    }

    @Test
    void aLineLongerThanTheCachedLengthsIsReadWhole() {
        String longLine = "x".repeat(LineChars.CACHED_LENGTHS + 10);
        set(longLine);
        assertEquals(longLine.length(), chars.length());
        assertEquals(longLine, chars.toString());
    }

    @Test
    void anEmptyLineHasNoCharacters() {
        set("");
        assertEquals(0, chars.length());
        assertThrows(IndexOutOfBoundsException.class, () -> chars.charAt(0));
    }

    @Test
    void decodesUtf8InSubSequences() {
        set("fe=caf\u00e9");
        assertEquals("caf\u00e9", chars.subSequence(3, chars.length()));
        assertThrows(IndexOutOfBoundsException.class, () -> chars.subSequence(2, chars.length() + 1));
    }
}
