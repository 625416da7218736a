package io.hoptrace.cli;

/** The exit codes of every {@code hoptrace} command, documented in the README ("Exit codes"). */
public final class ExitCodes {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** A runtime failure: a socket that cannot be reached, a file that cannot be opened, a bind that failed. */
    public static final int FAILURE = 1;
    /** Bad usage: an unknown option, a missing argument, a value of the wrong form. */
    public static final int USAGE = 2;
    /** The input was damaged (corrupt capture, malformed event log); what was read before the damage is reported. */
    public static final int DAMAGED_INPUT = 3;
    /** A configuration file has errors ({@code proxy --check}, or {@code proxy} refusing to start). */
    public static final int BAD_CONFIG = 4;
    /** Interrupted by SIGINT before the work was complete (128 + 2, as shells report it). */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
