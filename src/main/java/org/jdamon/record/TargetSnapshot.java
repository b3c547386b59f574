package org.jdamon.record;

import org.jdamon.core.RegionsView;

/**
 * One target's regions at the end of an aggregation window, as parallel arrays (index = region by
 * address): start, end (exclusive), nr_accesses of the window and age in aggregation intervals.
 */
public record TargetSnapshot(int targetId, long[] starts, long[] ends, int[] nrAccesses, int[] ages) {

    public int size() {
        return starts.length;
    }

    public long regionSize(int i) {
        return ends[i] - starts[i];
    }

    public long totalBytes() {
        long sum = 0;
        for (int i = 0; i < starts.length; i++) {
            sum += ends[i] - starts[i];
        }
        return sum;
    }

    /** Copies the live regions (valid only during an aggregation callback) into a snapshot. */
    public static TargetSnapshot of(int targetId, RegionsView r) {
        int n = r.size();
        long[] s = new long[n];
        long[] e = new long[n];
        int[] nr = new int[n];
        int[] age = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = r.start(i);
            e[i] = r.end(i);
            nr[i] = r.nrAccesses(i);
            age[i] = r.age(i);
        }
        return new TargetSnapshot(targetId, s, e, nr, age);
    }
}
