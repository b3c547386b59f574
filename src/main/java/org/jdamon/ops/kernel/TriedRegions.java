package org.jdamon.ops.kernel;

import java.util.ArrayList;
import java.util.List;
import org.jdamon.record.TargetSnapshot;

/**
 * A scheme's {@code tried_regions/} directory (design §8.10): the regions the scheme tried in its last
 * pass, in the kernel's walk order (target by target, ascending addresses), with {@code nr_accesses} in
 * samples per aggregation and {@code age} in aggregation intervals. {@code totalBytes} is -1 on kernels
 * without {@code total_bytes} (before 6.6). {@code filterPassed} is each region's {@code sz_filter_passed}
 * (the bytes that passed the scheme's operations-level filters, since 6.14), or null on older kernels.
 */
public record TriedRegions(long[] starts, long[] ends, int[] nrAccesses, int[] ages, long totalBytes,
        long[] filterPassed) {

    public TriedRegions(long[] starts, long[] ends, int[] nrAccesses, int[] ages, long totalBytes) {
        this(starts, ends, nrAccesses, ages, totalBytes, null);
    }

    public int size() {
        return starts.length;
    }

    /**
     * Splits the walk into one snapshot per target. sysfs does not label tried regions with their target;
     * the walk visits targets in order and each target's regions in ascending order, so a region that
     * starts below its predecessor's end begins the next target. Targets with no regions in the walk
     * (all filtered out) cannot be told apart and come out missing from the end.
     */
    public List<TargetSnapshot> byTarget() {
        List<TargetSnapshot> out = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= starts.length; i++) {
            if (i == starts.length || Long.compareUnsigned(starts[i], ends[i - 1]) < 0) {
                if (i > from) {
                    out.add(slice(out.size(), from, i));
                }
                from = i;
            }
        }
        return out;
    }

    private TargetSnapshot slice(int targetId, int from, int to) {
        return new TargetSnapshot(
                targetId,
                java.util.Arrays.copyOfRange(starts, from, to),
                java.util.Arrays.copyOfRange(ends, from, to),
                java.util.Arrays.copyOfRange(nrAccesses, from, to),
                java.util.Arrays.copyOfRange(ages, from, to),
                filterPassed == null ? null : java.util.Arrays.copyOfRange(filterPassed, from, to));
    }
}
