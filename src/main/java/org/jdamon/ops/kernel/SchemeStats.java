package org.jdamon.ops.kernel;

/**
 * A scheme's {@code stats/} directory (design §8.9): cumulative counts since the scheme was created, as
 * the kernel last published them ({@code update_schemes_stats}). {@code szOpsFilterPassed} is -1 on
 * kernels without that file (before 6.14).
 */
public record SchemeStats(
        long nrTried, long szTried, long nrApplied, long szApplied, long szOpsFilterPassed, long qtExceeds) {}
