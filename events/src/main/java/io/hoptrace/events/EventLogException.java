package io.hoptrace.events;

import java.io.IOException;

/** A line of an event log that could not be read; names the file and the 1-based line. */
public final class EventLogException extends IOException {
    private final String file;
    private final long line;

    public EventLogException(String file, long line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public long line() {
        return line;
    }
}
