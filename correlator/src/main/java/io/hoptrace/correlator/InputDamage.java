package io.hoptrace.correlator;

/**
 * An input that was damaged: {@code input} names the file, {@code message} says where (byte offset, or line for
 * event logs) and what was wrong. Everything read before the damage was used.
 *
 * <p>The message is made printable: a binary file read as an event log must not send its bytes to a terminal, so
 * control characters and undecodable bytes become {@code ?} and a message is cut after {@value #MAX_LENGTH}
 * characters.
 */
public record InputDamage(String input, String message) {
    static final int MAX_LENGTH = 300;

    public InputDamage {
        if (input == null || input.isEmpty()) {
            throw new IllegalArgumentException("input: expected the name of the damaged input, got '" + input + "'");
        }
        if (message == null || message.isEmpty()) {
            throw new IllegalArgumentException("message: expected what was wrong and where, got '" + message + "'");
        }
        message = printable(message);
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_LENGTH + 3));
        for (int i = 0; i < s.length() && sb.length() < MAX_LENGTH; i++) {
            char c = s.charAt(i);
            sb.append(c < ' ' || c == 0x7f || c == '\ufffd' || (c >= 0x80 && c < 0xa0) ? '?' : c);
        }
        if (s.length() > MAX_LENGTH) {
            sb.append("...");
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return message.startsWith(input) ? message : input + ": " + message;
    }
}
