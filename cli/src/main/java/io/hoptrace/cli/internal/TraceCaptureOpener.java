package io.hoptrace.cli.internal;

import io.hoptrace.cli.ExitCodes;
import io.hoptrace.correlator.LiveCapture;
import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Opens the live capture of {@code hoptrace trace}, turning libpcap's failures into one line that says what to
 * do: an interface that does not exist (with the ones that do), missing privileges, libpcap not installed, a
 * filter libpcap rejects.
 */
public final class TraceCaptureOpener {
    private TraceCaptureOpener() {
    }

    /** Fails with the interfaces of this machine when {@code name} is none of them ({@code any} is libpcap's). */
    public static void requireInterface(String name) {
        if (name.equals("any")) {
            return;
        }
        List<String> names;
        try {
            if (NetworkInterface.getByName(name) != null) {
                return;
            }
            names = Collections.list(NetworkInterface.getNetworkInterfaces()).stream().map(NetworkInterface::getName)
                    .sorted().toList();
        } catch (SocketException e) {
            return; // cannot list them: let libpcap say what it thinks
        }
        throw new UserException(ExitCodes.FAILURE, "-i " + name + ": no such interface (interfaces here: "
                + String.join(", ", names) + ", any)");
    }

    /** Opens the capture; {@code userFilter} says whether the filter came from {@code --filter}. */
    public static LiveCapture open(String name, String filter, boolean userFilter) {
        try {
            return LiveCapture.open(name, filter, 0);
        } catch (LinkageError e) {
            throw new UserException(ExitCodes.FAILURE, "libpcap cannot be loaded (" + e.getMessage()
                    + "); install it, on Debian/Ubuntu: apt-get install libpcap0.8", e);
        } catch (IOException e) {
            throw failure(name, filter, userFilter, e);
        }
    }

    /** The one-line reason an open or a filter change failed. */
    public static UserException failure(String name, String filter, boolean userFilter, IOException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        String lower = m.toLowerCase(Locale.ROOT);
        String rejected = "rejected by libpcap: ";
        int at = m.indexOf(rejected);
        if (at >= 0) {
            return new UserException(userFilter ? ExitCodes.USAGE : ExitCodes.FAILURE, (userFilter ? "--filter: "
                    : "capture filter: ") + "libpcap rejected '" + filter + "': " + m.substring(at + rejected.length()),
                    e);
        }
        if (lower.contains("not permitted") || lower.contains("permission")) {
            return new UserException(ExitCodes.FAILURE, "cannot capture on interface '" + name + "': permission"
                    + " denied; capturing needs root, or the CAP_NET_RAW capability"
                    + " (setcap cap_net_raw+ep on the java binary)", e);
        }
        return new UserException(ExitCodes.FAILURE, m, e); // libpcap not found, no such device: it says so
    }
}
