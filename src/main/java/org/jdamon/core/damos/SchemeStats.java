package org.jdamon.core.damos;

/**
 * A scheme's cumulative statistics (design §8.9) at one moment: regions and bytes tried (eligible after
 * pattern, quota, watermarks and core filters) and applied (the operations set reported bytes), bytes
 * that passed the operations-level filters, charge windows that ended with the quota exhausted, and
 * passes that reached a target's last region.
 */
public record SchemeStats(
        long nrTried,
        long szTried,
        long nrApplied,
        long szApplied,
        long szOpsFilterPassed,
        long qtExceeds,
        long nrSnapshots) {

    public static final SchemeStats ZERO = new SchemeStats(0, 0, 0, 0, 0, 0, 0);
}
