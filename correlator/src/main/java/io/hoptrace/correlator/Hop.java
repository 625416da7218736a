package io.hoptrace.correlator;

import io.hoptrace.events.FourTuple;
import java.util.List;
import java.util.Objects;

/**
 * One link of a trace: the TCP connection {@code tuple} (client is the initiator), the proxy sessions at either
 * end of it ({@code via}: one for the first and last hop, two in between), and the captured connection instance
 * that carried it, or null when no capture saw it.
 */
public record Hop(int index, FourTuple tuple, List<SessionRef> via, ConnectionStats connection) {
    public Hop {
        Objects.requireNonNull(tuple, "tuple");
        via = List.copyOf(via);
        if (index < 0) {
            throw new IllegalArgumentException("index: expected a non-negative hop index, got " + index);
        }
        if (via.isEmpty() || via.size() > 2) {
            throw new IllegalArgumentException("via: expected the one or two sessions at the ends of the hop, got "
                    + via);
        }
        if (connection != null && connection.tuple() != tuple && !connection.tuple().equals(tuple)) {
            throw new IllegalArgumentException("connection: expected the hop's tuple " + tuple + ", got "
                    + connection.tuple());
        }
    }

    public boolean captured() {
        return connection != null;
    }
}
