package org.jdamon.profile;

/**
 * A profiler could not start or finish: a missing tool (jcmd, perf), a refused permission, a target that
 * died. The message is one line naming what is missing and, where possible, how to fix it.
 */
public class ProfilerException extends RuntimeException {
    public ProfilerException(String message) {
        super(message);
    }

    public ProfilerException(String message, Throwable cause) {
        super(message, cause);
    }
}
