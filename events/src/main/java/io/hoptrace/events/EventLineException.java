package io.hoptrace.events;

/**
 * A line of the event stream that does not have one of the protocol's shapes. The message names the field, the
 * value seen and what was expected; {@link #column()} is the 1-based position of the offending token.
 */
public final class EventLineException extends IllegalArgumentException {
    private final String field;
    private final String value;
    private final int column;

    public EventLineException(String field, String value, String expected, int column) {
        super(field + ": expected " + expected + ", got '" + value + "' (column " + column + ")");
        this.field = field;
        this.value = value;
        this.column = column;
    }

    public String field() {
        return field;
    }

    public String value() {
        return value;
    }

    public int column() {
        return column;
    }
}
