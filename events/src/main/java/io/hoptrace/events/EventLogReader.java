package io.hoptrace.events;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads an event log: JSON Lines written by {@code hoptrace record} (see {@link EventRecordCodec}), or the raw
 * text of a {@code show events} stream saved with socat, in which case every event is attributed to the one
 * source named by the caller. The format is recognised from the first non-blank character ({@code '{'} means
 * JSON Lines); gzip-compressed files are read transparently.
 *
 * <p>{@link #next()} throws {@link EventLogException} (file and line) for a line it cannot read; the reader is
 * then positioned after that line, so everything before it has been delivered and the caller may go on or stop.
 */
public final class EventLogReader implements Closeable {
    /** The two layouts of an event log. */
    public enum Format { JSON_LINES, SHOW_EVENTS }

    private final BufferedReader in;
    private final String name;
    private final String source;
    private final EventLineParser lineParser = new EventLineParser();
    private Format format;
    private long line;

    private EventLogReader(BufferedReader in, String name, String source) {
        this.in = in;
        this.name = name;
        this.source = source;
    }

    /** Opens a file; {@code source} names the proxy for raw {@code show events} text (default: the file name). */
    public static EventLogReader open(Path file, String source) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        if (b0 == 0x1f && b1 == 0x8b) { // gzip magic, RFC 1952 section 2.3.1
            raw = new GZIPInputStream(raw, 1 << 16);
        }
        String fileName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String defaultSource = source != null ? source : fileName.replaceFirst("\\.(log|txt|events)(\\.gz)?$", "");
        return new EventLogReader(new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8), 1 << 16),
                file.toString(), defaultSource);
    }

    public static EventLogReader of(BufferedReader in, String name, String source) {
        return new EventLogReader(in, name, source);
    }

    /** The next record, or null at the end of the file. */
    public EventRecord next() throws IOException {
        String text;
        while ((text = in.readLine()) != null) {
            line++;
            int start = firstNonBlank(text);
            if (start == text.length()) {
                continue;
            }
            if (format == null) {
                format = text.charAt(start) == '{' ? Format.JSON_LINES : Format.SHOW_EVENTS;
            }
            try {
                EventRecord r = format == Format.JSON_LINES ? EventRecordCodec.decode(text) : raw(text, start);
                if (r != null) {
                    return r;
                }
            } catch (IllegalArgumentException e) {
                throw new EventLogException(name, line, e.getMessage());
            }
        }
        return null;
    }

    private EventRecord raw(String text, int start) {
        // An interactive session saved with socat carries the "> " prompt in front of the first line.
        if (text.startsWith("> ", start)) {
            text = text.substring(start + 2);
        }
        SessionEvent e = lineParser.parse(text);
        return e == null ? null : new EventRecord(source, e.tsMicros(), e);
    }

    private static int firstNonBlank(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\r')) {
            i++;
        }
        return i;
    }

    /** The layout recognised so far (null before the first non-blank line). */
    public Format format() {
        return format;
    }

    /** The 1-based number of the last line read. */
    public long lineNumber() {
        return line;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
