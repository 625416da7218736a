package io.hoptrace.cli.internal;

import io.hoptrace.correlator.FollowFilter;
import picocli.CommandLine.Option;

/** {@code --follow ENDPOINT|SOURCE:ID} of {@code correlate} and {@code trace}: which traces are reported. */
public final class FollowOption {
    @Option(names = "--follow", paramLabel = "ENDPOINT|SOURCE:ID", converter = CorrelateFollowConverter.class,
            description = "Only the traces touching ip:port (or any port of ip), or containing the proxy session"
                    + " SOURCE:ID (e.g. edge:42).")
    FollowFilter filter = FollowFilter.EVERYTHING;

    /** The filter given, or {@link FollowFilter#EVERYTHING}. */
    public FollowFilter filter() {
        return filter;
    }
}
