package org.jdamon.ops.kernel;

/**
 * A refusal or failure of the kernel DAMON backend, with a one-line message naming the sysfs file, the
 * kdamond or the missing kernel feature: a foreign kdamond is running, the kernel rejected a value, the
 * interface is absent.
 */
public class KernelDamonException extends RuntimeException {
    public KernelDamonException(String message) {
        super(message);
    }

    public KernelDamonException(String message, Throwable cause) {
        super(message, cause);
    }
}
