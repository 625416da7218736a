package io.hoptrace.tracer.internal.net;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One received line as a {@link CharSequence} over a reused byte array, so the line parsers read it without a
 * String per line. Characters are the bytes (the protocols are ASCII); {@link #subSequence} and
 * {@link #toString} decode UTF-8 for the free-text parts (names, unique ids). Valid until the next line.
 *
 * <p>The array is always exactly as long as the line (one reused array per line length, up to
 * {@link #CACHED_LENGTHS}), so that its own bounds check is the one {@link #charAt} owes its callers: a separate
 * comparison with the length is not hoisted out of the parsers' loops by the JIT, and cost a fifth of the parse.
 */
public final class LineChars implements CharSequence {
    /** Lines shorter than this reuse an array of their length; longer ones (rare) get a new one. */
    static final int CACHED_LENGTHS = 512;
    private final byte[][] byLength = new byte[CACHED_LENGTHS][];
    private byte[] bytes = new byte[0];

    /** Copies {@code len} bytes of {@code buf} from {@code index}. */
    void set(ByteBuf buf, int index, int len) {
        byte[] b;
        if (len < CACHED_LENGTHS) {
            b = byLength[len];
            if (b == null) {
                b = byLength[len] = new byte[len];
            }
        } else {
            b = new byte[len];
        }
        buf.getBytes(index, b, 0, len);
        bytes = b;
    }

    /** For tests and replays of captured text. */
    public static LineChars of(String text) {
        LineChars c = new LineChars();
        c.bytes = text.getBytes(StandardCharsets.UTF_8);
        return c;
    }

    @Override
    public int length() {
        return bytes.length;
    }

    @Override
    public char charAt(int index) {
        return (char) (bytes[index] & 0xff); // throws ArrayIndexOutOfBoundsException outside [0, length)
    }

    @Override
    public String subSequence(int start, int end) {
        if (start < 0 || end > bytes.length || start > end) {
            throw new IndexOutOfBoundsException("[" + start + ", " + end + ") of " + bytes.length);
        }
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    public boolean startsWith(String prefix) {
        if (prefix.length() > bytes.length) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** True when the line is empty or only blanks. */
    public boolean isBlank() {
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
