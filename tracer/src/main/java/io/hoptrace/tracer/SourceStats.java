package io.hoptrace.tracer;

/**
 * What one source has done so far, copied at the time of the call.
 *
 * @param kind what the source turned out to be ({@link SourceKind#AUTO} until detected)
 * @param connected the connection is up (for a polled HAProxy: the last poll succeeded)
 * @param synced the table holds this source's complete state (after a snapshot or poll), and still does
 * @param events events applied (opens, closes, failures, including those a resync made up)
 * @param malformed lines that were neither protocol nor answer text the tracer understands
 * @param drops gaps: {@code ! dropped} lines received
 * @param droppedEvents the events those lines said were lost
 * @param reconnects successful connections after a failure or gap
 * @param resyncs snapshots taken to repair the table (the first one included)
 * @param lost sessions closed as {@code term=lost} because they vanished during a gap
 * @param live open sessions of this source in the table
 * @param lastError the last connection or protocol failure, or null
 * @param lastMalformed the text of the last malformed line, or null
 */
public record SourceStats(String name, String address, SourceKind kind, boolean connected, boolean synced,
                          long events, long opens, long closes, long failed, long malformed, long drops,
                          long droppedEvents, long reconnects, long resyncs, long lost, int live, String lastError,
                          String lastMalformed) {
}
