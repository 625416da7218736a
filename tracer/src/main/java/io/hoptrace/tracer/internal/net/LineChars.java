package io.hoptrace.tracer.internal.net;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One received line as a {@link CharSequence} over a reused byte array, so the line parsers read it without a
 * String per line. Characters are the bytes (the protocols are ASCII); {@link #subSequence} and
 * {@link #toString} decode UTF-8 for the free-text parts (names, unique ids). Valid until the next line.
 */
public final class LineChars implements CharSequence {
    private byte[] bytes = new byte[256];
    private int length;

    /** Copies {@code len} bytes of {@code buf} from {@code index}. */
    void set(ByteBuf buf, int index, int len) {
        if (len > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(len, bytes.length * 2));
        }
        buf.getBytes(index, bytes, 0, len);
        length = len;
    }

    /** For tests and replays of captured text. */
    public static LineChars of(String text) {
        LineChars c = new LineChars();
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        c.bytes = b.length == 0 ? new byte[1] : b;
        c.length = b.length;
        return c;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return (char) (bytes[index] & 0xff);
    }

    @Override
    public String subSequence(int start, int end) {
        if (start < 0 || end > length || start > end) {
            throw new IndexOutOfBoundsException("[" + start + ", " + end + ") of " + length);
        }
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    public boolean startsWith(String prefix) {
        if (prefix.length() > length) {
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
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
