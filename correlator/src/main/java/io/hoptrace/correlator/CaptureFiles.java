package io.hoptrace.correlator;

import io.hoptrace.correlator.internal.capture.CaptureInput;
import io.hoptrace.correlator.internal.capture.CaptureOpener;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens capture files with hoptrace's own streaming reader: classic pcap (both byte orders, micro- or
 * nanosecond timestamps), pcapng (several sections and interfaces, any timestamp resolution), and a gzip of
 * either. The format is told from the first bytes, never from the file name.
 */
public final class CaptureFiles {
    private CaptureFiles() {
    }

    /**
     * Opens {@code file}; its packets carry {@code captureIndex}. A file that is not a capture throws
     * {@link CaptureFormatException} naming the file and its first bytes.
     */
    public static PacketSource open(Path file, int captureIndex) throws IOException {
        return CaptureOpener.open(file, captureIndex, CaptureInput.DEFAULT_WINDOW);
    }
}
