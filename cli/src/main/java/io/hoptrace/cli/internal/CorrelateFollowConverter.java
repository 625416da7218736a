package io.hoptrace.cli.internal;

import io.hoptrace.correlator.FollowFilter;
import picocli.CommandLine;

/** {@code --follow ENDPOINT|SOURCE:ID}: {@code 10.0.0.5:50869}, {@code 10.0.0.5}, {@code [::1]:443}, {@code edge:42}. */
public final class CorrelateFollowConverter implements CommandLine.ITypeConverter<FollowFilter> {
    @Override
    public FollowFilter convert(String value) {
        try {
            return FollowFilter.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
