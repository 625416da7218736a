package io.hoptrace.proxy.internal.config;

/** What hoptrace does with a keyword or option HAProxy knows. */
public enum Disposition {
    /** Parsed and honoured. */
    IMPLEMENTED,
    /** Accepted with a warning: it does not change where connections go, so the file still runs. */
    IGNORED,
    /** An error: ignoring it would forward connections differently from HAProxy. */
    OUT_OF_SCOPE
}
