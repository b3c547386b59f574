package org.jdamon.ops.linux.syscall;

import java.io.IOException;

/** The monitored process exited (or exec'd into a new address space that could not be reopened). */
public class TargetGoneException extends IOException {
    public TargetGoneException(String message) {
        super(message);
    }
}
