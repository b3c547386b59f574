package org.jdamon.record.damo;

import java.util.Arrays;
import org.jdamon.record.TargetSnapshot;

/**
 * One snapshot's regions as they are read, copied out at the end. A region without {@code
 * sz_filter_passed} passed 0 bytes (as damo reads it) when another has one; none: no sizes.
 */
final class SnapshotRegions {
    /** A {@code filterPassed} of this means the region has no {@code sz_filter_passed}. */
    static final long NO_SIZE = Long.MIN_VALUE;

    private long[] start = new long[64];
    private long[] end = new long[64];
    private int[] accesses = new int[64];
    private int[] age = new int[64];
    private long[] passed = new long[64];
    private boolean anyPassed;
    private int n;

    void clear() {
        n = 0;
        anyPassed = false;
    }

    void add(long regionStart, long regionEnd, int nrAccesses, int ageAggrs, long filterPassed) {
        if (n == start.length) {
            start = Arrays.copyOf(start, n * 2);
            end = Arrays.copyOf(end, n * 2);
            accesses = Arrays.copyOf(accesses, n * 2);
            age = Arrays.copyOf(age, n * 2);
            passed = Arrays.copyOf(passed, n * 2);
        }
        start[n] = regionStart;
        end[n] = regionEnd;
        accesses[n] = nrAccesses;
        age[n] = ageAggrs;
        passed[n] = filterPassed == NO_SIZE ? 0 : filterPassed;
        anyPassed |= filterPassed != NO_SIZE;
        n++;
    }

    TargetSnapshot snapshot(int targetId) {
        return new TargetSnapshot(targetId, Arrays.copyOf(start, n), Arrays.copyOf(end, n),
                Arrays.copyOf(accesses, n), Arrays.copyOf(age, n), anyPassed ? Arrays.copyOf(passed, n) : null);
    }
}
