package org.jdamon.cli;

/**
 * A failure the user can fix (bad file, missing capability, dead target): printed as one line
 * {@code jdamon: <message>} without a stack trace, exit code 1 (or 2 when {@code usage}).
 */
public class UserException extends RuntimeException {
    private final boolean usage;

    public UserException(String message) {
        this(message, false);
    }

    public UserException(String message, boolean usage) {
        super(message);
        this.usage = usage;
    }

    public UserException(String message, Throwable cause) {
        this(message, false, cause);
    }

    public UserException(String message, boolean usage, Throwable cause) {
        super(message, cause);
        this.usage = usage;
    }

    public boolean usage() {
        return usage;
    }
}
