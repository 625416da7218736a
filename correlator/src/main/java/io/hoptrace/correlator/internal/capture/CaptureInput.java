package io.hoptrace.correlator.internal.capture;

import io.hoptrace.correlator.CaptureFormatException;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A sliding window over a capture file, or over the decompressed bytes of a gzip file: one reused direct
 * buffer, refilled by positional reads, so records are decoded in place and nothing is allocated per record.
 * Offsets are longs end to end (files over 2 GiB); only the window index is an int.
 *
 * <p>A reader asks for the next {@code n} bytes with {@link #require}, decodes them at the returned index,
 * then {@link #consume}s them. A record bigger than the window grows it (records are bounded by the readers).
 */
public final class CaptureInput implements Closeable {
    /** Default window: large enough that refills (one read each) are rare, small enough to stay in cache. */
    public static final int DEFAULT_WINDOW = 1 << 20;

    private final String name;
    private final FileChannel file;
    /** Set for gzip input: the decompressed stream. Null for a plain file (positional reads on {@link #file}). */
    private final ReadableByteChannel stream;
    private final long fileSize;
    private ByteBuffer buf;
    /** Offset in the (decompressed) input of buffer index 0. */
    private long bufStart;
    /** Index of the next unconsumed byte. */
    private int pos;
    /** Index after the last valid byte. */
    private int limit;
    /** Plain files: where the next read starts. */
    private long readPosition;
    private boolean eof;

    private CaptureInput(String name, FileChannel file, ReadableByteChannel stream, int window) throws IOException {
        if (window < 16) {
            throw new IllegalArgumentException("window: expected at least 16 bytes, got " + window);
        }
        this.name = name;
        this.file = file;
        this.stream = stream;
        this.fileSize = file.size();
        this.buf = ByteBuffer.allocateDirect(window).order(ByteOrder.BIG_ENDIAN);
    }

    /** A window over a plain file, read from its start. */
    public static CaptureInput ofFile(String name, FileChannel file, int window) throws IOException {
        return new CaptureInput(name, file, null, window);
    }

    /** A window over the decompressed content of a gzip file (several members are read as one stream). */
    public static CaptureInput ofGzip(String name, FileChannel file, int window) throws IOException {
        file.position(0);
        InputStream gzip = new GZIPInputStream(Channels.newInputStream(file), 1 << 16);
        return new CaptureInput(name, file, Channels.newChannel(gzip), window);
    }

    public String name() {
        return name;
    }

    public boolean isCompressed() {
        return stream != null;
    }

    /** The window; big-endian. Its identity changes when a large record grows it. */
    public ByteBuffer buffer() {
        return buf;
    }

    /** Offset of the next unconsumed byte in the (decompressed) input. */
    public long position() {
        return bufStart + pos;
    }

    /** Bytes available from {@link #position()} in the window without reading. */
    public int buffered() {
        return limit - pos;
    }

    /**
     * Makes the {@code n} bytes at {@link #position()} available and returns the window index of the first, or
     * -1 when the input ends before that many bytes ({@link #buffered()} then tells how many there were).
     */
    public int require(int n) throws IOException {
        if (limit - pos >= n) {
            return pos;
        }
        return fill(n);
    }

    /** Marks {@code n} bytes (at most {@link #buffered()}) as read. */
    public void consume(int n) {
        pos += n;
    }

    /**
     * Skips {@code n} bytes (possibly beyond the window: a plain file seeks). Returns false when the input ended
     * first; the position is then the end of the input.
     */
    public boolean skip(long n) throws IOException {
        long inWindow = limit - pos;
        if (n <= inWindow) {
            pos += (int) n;
            return true;
        }
        long rest = n - inWindow;
        bufStart += limit;
        pos = 0;
        limit = 0;
        if (stream == null) {
            long target = readPosition + rest;
            if (target > fileSize) {
                bufStart += fileSize - readPosition;
                readPosition = fileSize;
                eof = true;
                return false;
            }
            readPosition = target;
            bufStart += rest;
            return true;
        }
        while (rest > 0) {
            if (fill(1) < 0) {
                return false;
            }
            int step = (int) Math.min(rest, limit);
            pos = step;
            rest -= step;
            if (rest > 0) {
                bufStart += limit;
                pos = 0;
                limit = 0;
            }
        }
        return true;
    }

    /** Compressed input: bytes of the file read so far; plain: {@link #position()}. For progress. */
    public long sourcePosition() {
        if (stream == null) {
            return position();
        }
        try {
            return file.position();
        } catch (IOException e) {
            return -1;
        }
    }

    public long sourceSize() {
        return fileSize;
    }

    private int fill(int n) throws IOException {
        if (pos > 0) {
            // Keep the unconsumed tail at index 0; everything before it was consumed.
            buf.limit(limit).position(pos);
            buf.compact();
            bufStart += pos;
            limit -= pos;
            pos = 0;
        }
        if (n > buf.capacity()) {
            ByteBuffer bigger = ByteBuffer.allocateDirect(Math.max(n, buf.capacity() * 2)).order(ByteOrder.BIG_ENDIAN);
            buf.limit(limit).position(0);
            bigger.put(buf);
            buf = bigger;
        }
        while (limit < n && !eof) {
            buf.limit(buf.capacity()).position(limit);
            int read = read();
            if (read < 0) {
                eof = true;
            } else {
                limit += read;
            }
        }
        return limit >= n ? 0 : -1;
    }

    private int read() throws IOException {
        if (stream == null) {
            int read = file.read(buf, readPosition);
            if (read > 0) {
                readPosition += read;
            }
            return read;
        }
        try {
            return stream.read(buf);
        } catch (ZipException | EOFException e) {
            throw new CaptureFormatException(name, bufStart + limit,
                    "gzip data is corrupt or truncated (" + e.getMessage() + "); offset is in the decompressed data");
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (stream != null) {
                stream.close();
            }
        } finally {
            file.close();
        }
    }
}
