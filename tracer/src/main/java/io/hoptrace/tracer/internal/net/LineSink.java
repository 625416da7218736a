package io.hoptrace.tracer.internal.net;

/** Receives the lines of a stats socket answer, on the connection's event loop. */
public interface LineSink {
    /**
     * One line without its line end; {@code receivedMicros} is when the read that carried it completed. The
     * {@code line} object is reused for the next line.
     */
    void line(LineChars line, long receivedMicros);

    /** A line longer than the limit was skipped ({@code length} bytes so far). */
    void overlong(int length);

    /** The lines of one read have all been handed over (also after a failure): a point to release batched work. */
    default void endOfRead() {
    }
}
