package org.jdamon.ops.trace;

/** A trace that cannot be read: malformed record (with its line or byte offset), truncation, empty input. */
public final class TraceFormatException extends RuntimeException {
    public TraceFormatException(String message) {
        super(message);
    }

    public TraceFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
