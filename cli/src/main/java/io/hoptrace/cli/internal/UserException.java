package io.hoptrace.cli.internal;

import io.hoptrace.cli.ExitCodes;

/**
 * A failure the user can act on, with a message that says what and where (file, line, offset, address). Printed
 * as one line without a stack trace; carries the exit code.
 */
public final class UserException extends RuntimeException {
    private final int exitCode;

    public UserException(String message) {
        this(ExitCodes.FAILURE, message);
    }

    public UserException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public UserException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
