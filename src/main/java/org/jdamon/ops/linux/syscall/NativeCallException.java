package org.jdamon.ops.linux.syscall;

/** A failed libc call or syscall, carrying its errno and a message saying what was attempted. */
public class NativeCallException extends RuntimeException {
    private final int errno;

    public NativeCallException(String what, int errno) {
        this(what, errno, null);
    }

    /** {@code hint} (may be null) says what would fix it, e.g. the missing capability. */
    public NativeCallException(String what, int errno, String hint) {
        super(what + " failed: " + Syscalls.errorName(errno) + " (" + Syscalls.strerror(errno) + ")"
                + (hint == null ? "" : "; " + hint));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
