package io.hoptrace.tracer.internal.source;

import io.hoptrace.events.EventLineParser;
import io.hoptrace.events.SessionEvent;
import io.hoptrace.tracer.SourceKind;
import io.hoptrace.tracer.SourceStats;

/**
 * The counters of one source. Written by the source's event loop only, read by anyone: volatile fields with
 * single-writer increments, no locks.
 */
public final class SourceCounters {
    volatile SourceKind kind = SourceKind.AUTO;
    volatile boolean connected;
    volatile boolean synced;
    volatile boolean attempted;
    volatile long events;
    volatile long opens;
    volatile long closes;
    volatile long failed;
    volatile long malformed;
    volatile long drops;
    volatile long droppedEvents;
    volatile long reconnects;
    volatile long resyncs;
    volatile long lost;
    volatile String lastError;
    volatile String lastMalformed;

    void count(SessionEvent e) {
        events++;
        if (e instanceof SessionEvent.Open) {
            opens++;
        } else if (e instanceof SessionEvent.Close c) {
            closes++;
            if ("lost".equals(c.term())) {
                lost++;
            }
        } else if (e instanceof SessionEvent.Failed) {
            failed++;
        }
    }

    /** {@link #count(SessionEvent)} for a scanned line of that kind and termination reason. */
    void count(EventLineParser.Kind kind, String term) {
        switch (kind) {
            case OPEN -> opens++;
            case CLOSE -> {
                closes++;
                if ("lost".equals(term)) {
                    lost++;
                }
            }
            case FAILED -> failed++;
            default -> throw new IllegalArgumentException("kind: expected an open, close or failure, got " + kind);
        }
        events++;
    }

    public boolean synced() {
        return synced;
    }

    /** True once the source has either synced or failed an attempt. */
    public boolean attempted() {
        return attempted;
    }

    public String lastError() {
        return lastError;
    }

    public SourceStats snapshot(String name, String address, int live) {
        return new SourceStats(name, address, kind, connected, synced, events, opens, closes, failed, malformed,
                drops, droppedEvents, reconnects, resyncs, lost, live, lastError, lastMalformed);
    }
}
