package org.jdamon.record;

import org.jdamon.core.RegionsView;

/**
 * One target's regions at the end of an aggregation window, as parallel arrays (index = region by
 * address): start, end (exclusive), nr_accesses of the window and age in aggregation intervals.
 * {@code filterPassed} is, per region, the bytes that passed the snapshot scheme's DAMOS filters
 * (damo's {@code sz_filter_passed}, the kernel's per-region {@code sz_filter_passed}), or null when the
 * source recorded none.
 */
public record TargetSnapshot(int targetId, long[] starts, long[] ends, int[] nrAccesses, int[] ages,
        long[] filterPassed) {

    public TargetSnapshot {
        if (filterPassed != null && filterPassed.length != starts.length) {
            throw new IllegalArgumentException("filterPassed has " + filterPassed.length + " entries for "
                    + starts.length + " regions");
        }
    }

    /** A snapshot without filter-passed sizes. */
    public TargetSnapshot(int targetId, long[] starts, long[] ends, int[] nrAccesses, int[] ages) {
        this(targetId, starts, ends, nrAccesses, ages, null);
    }

    public boolean hasFilterPassed() {
        return filterPassed != null;
    }

    /** The same regions with these per-region filter-passed sizes (null: none). */
    public TargetSnapshot withFilterPassed(long[] passed) {
        return new TargetSnapshot(targetId, starts, ends, nrAccesses, ages, passed);
    }

    /** The same regions under another target id. */
    public TargetSnapshot withTargetId(int id) {
        return new TargetSnapshot(id, starts, ends, nrAccesses, ages, filterPassed);
    }

    /** The sum of the regions' filter-passed bytes, or -1 when none were recorded. */
    public long totalFilterPassed() {
        if (filterPassed == null) {
            return -1;
        }
        long sum = 0;
        for (long b : filterPassed) {
            sum += b;
        }
        return sum;
    }

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
