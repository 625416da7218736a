package io.hoptrace.correlator;

/** Told now and then how far the capture reading has got: bytes consumed and the total (-1 when unknown). */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total) -> { };

    void progress(long done, long total);
}
