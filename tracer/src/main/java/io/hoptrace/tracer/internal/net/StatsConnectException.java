package io.hoptrace.tracer.internal.net;

import java.io.IOException;

/** The connection to a stats socket could not be made; the cause is what the transport reported. */
public final class StatsConnectException extends IOException {
    public StatsConnectException(Throwable cause) {
        super(cause.getMessage(), cause);
    }
}
