package io.hoptrace.cli.internal;

import io.hoptrace.cli.ExitCodes;
import io.hoptrace.correlator.CaptureFiles;
import io.hoptrace.correlator.CaptureFormatException;
import io.hoptrace.correlator.Correlator;
import io.hoptrace.correlator.InputDamage;
import io.hoptrace.correlator.PacketSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The capture files of one {@code correlate} run. A file that is not a readable capture at all (bad header) is
 * damaged input, noted in the report; the others are numbered as capture points in the order given, and opened
 * again in that numbering for the second pass of {@code --write-pcap}.
 */
public final class CorrelateCaptures {
    private final List<Path> opened = new ArrayList<>();

    /** Opens every file and adds it to the correlator; unreadable files throw, undecodable ones become damage. */
    public void addTo(Correlator correlator, List<Path> files) {
        for (Path file : files) {
            try {
                PacketSource s = CaptureFiles.open(file, opened.size());
                correlator.addPacketSource(s);
                opened.add(file);
            } catch (CaptureFormatException e) {
                correlator.addDamage(new InputDamage(file.toString(), e.getMessage()));
            } catch (IOException e) {
                throw new UserException(ExitCodes.FAILURE, "cannot read capture " + file + ": " + describe(e), e);
            }
        }
    }

    /** The same captures opened again, with the same capture numbers. */
    public List<PacketSource> reopen() {
        List<PacketSource> again = new ArrayList<>(opened.size());
        try {
            for (int i = 0; i < opened.size(); i++) {
                again.add(CaptureFiles.open(opened.get(i), i));
            }
        } catch (IOException e) {
            for (PacketSource s : again) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // already failing; the first error is the one to report
                }
            }
            throw new UserException(ExitCodes.FAILURE, "cannot read the captures again for --write-pcap: "
                    + describe(e), e);
        }
        return again;
    }

    static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
