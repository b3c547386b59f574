package org.jdamon.ops.linux.syscall;

/**
 * The kernel or the permissions do not allow what was asked (no access primitive, a dead pid, a missing
 * capability). The message is one line for the user and says what would work instead.
 */
public class LinuxSupportException extends RuntimeException {
    public LinuxSupportException(String message) {
        super(message);
    }

    public LinuxSupportException(String message, Throwable cause) {
        super(message, cause);
    }
}
