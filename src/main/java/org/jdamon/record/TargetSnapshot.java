package org.jdamon.record;

import java.util.ArrayList;
import java.util.List;
import org.jdamon.core.RegionsView;
import org.jdamon.core.damos.TriedRegion;

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

    /**
     * A scheme's tried regions (in walk order: target by target, ascending) as one snapshot per target,
     * with the bytes of each region that passed the scheme's operations-level filters. This is how a
     * snapshot taken through DAMOS filters (damo's {@code --snapshot_damos_filter}) gets its
     * filter-passed sizes from jdamon's own engine.
     */
    public static List<TargetSnapshot> ofTried(List<TriedRegion> tried) {
        List<TargetSnapshot> out = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= tried.size(); i++) {
            if (i == tried.size() || tried.get(i).targetIdx() != tried.get(from).targetIdx()) {
                int n = i - from;
                long[] s = new long[n];
                long[] e = new long[n];
                int[] nr = new int[n];
                int[] age = new int[n];
                long[] passed = new long[n];
                for (int k = 0; k < n; k++) {
                    TriedRegion r = tried.get(from + k);
                    s[k] = r.start();
                    e[k] = r.end();
                    nr[k] = r.nrAccesses();
                    age[k] = r.age();
                    passed[k] = r.szFilterPassed();
                }
                out.add(new TargetSnapshot(tried.get(from).targetIdx(), s, e, nr, age, passed));
                from = i;
            }
        }
        return out;
    }
}
