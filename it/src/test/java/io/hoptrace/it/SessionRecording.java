package io.hoptrace.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hoptrace.tracer.EventRecorder;
import io.hoptrace.tracer.SessionTable;
import io.hoptrace.tracer.Tracer;
import java.io.IOException;
import java.nio.file.Path;

/** The tracer following a chain's two proxies, recording what it applies to a JSON Lines file. */
final class SessionRecording implements AutoCloseable {
    private final SessionTable table = new SessionTable();
    private final EventRecorder recorder;
    private final Tracer tracer;

    private SessionRecording(Chain chain, Path file) throws IOException, InterruptedException {
        recorder = EventRecorder.open(file, "hoptrace-it");
        Tracer t;
        try {
            t = Tracer.start(chain.sources(), table, recorder);
        } catch (RuntimeException e) {
            recorder.close();
            throw e;
        }
        tracer = t;
        if (!tracer.awaitSynced(Await.PATIENCE)) {
            close();
            throw new AssertionError("the tracer did not sync with the chain: " + tracer.stats());
        }
    }

    /** Starts following the chain; returns once both proxies' sessions are in the table. */
    static SessionRecording start(Chain chain, Path file) throws IOException, InterruptedException {
        return new SessionRecording(chain, file);
    }

    /**
     * Waits until each proxy has reported {@code sessions} sessions and all of them have ended: the recording
     * then holds every open and close of the test's connections.
     */
    void awaitAllClosed(int sessions) {
        Await.until("each proxy's " + sessions + " sessions opened and closed: " + table, Await.PATIENCE,
                () -> table.openCount() == 0 && table.sessions(Chain.EDGE).size() == sessions
                        && table.sessions(Chain.MID).size() == sessions);
    }

    /** Stops the tracer and closes the file; returns it. */
    Path stop() throws IOException {
        close();
        return recorder.file();
    }

    @Override
    public void close() throws IOException {
        tracer.close();
        recorder.close();
        assertTrue(recorder.failed() == 0, () -> recorder.failed() + " records not written");
    }
}
