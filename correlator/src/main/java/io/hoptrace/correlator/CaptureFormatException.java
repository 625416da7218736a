package io.hoptrace.correlator;

import java.io.IOException;

/** A capture file that is not what its format says, at a byte offset; everything before it was delivered. */
public final class CaptureFormatException extends IOException {
    private final String file;
    private final long offset;

    public CaptureFormatException(String file, long offset, String problem) {
        super(file + ": byte offset " + offset + ": " + problem);
        this.file = file;
        this.offset = offset;
    }

    public String file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
