package org.jdamon.report;

import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;

/**
 * Where the pictures get working-set sizes from: per snapshot of a target, the bytes of regions whose
 * {@code nr_accesses} is at least 1 (damo's {@code report wss} defaults). A seam so the pictures use the
 * same numbers as {@code report wss}: {@link #DEFAULT} is to be switched to that report's computation.
 */
public interface WssSource {
    /** WSS in bytes per snapshot, in time order; 0 for snapshots without the target. */
    long[] perSnapshot(Recording rec, int targetId);

    /** damo's percentile pick: the value at index {@code floor(n * p / 100)} of the sorted values. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sorted.length - 1, Math.floor(sorted.length * p / 100.0));
        return sorted[Math.max(0, i)];
    }

    /** damo's default of dropping the first 20 snapshots, unless that leaves nothing. */
    static long[] excludeWarmup(long[] values, int exclude) {
        if (values.length <= exclude) {
            return values.clone();
        }
        return java.util.Arrays.copyOfRange(values, exclude, values.length);
    }

    WssSource DEFAULT = (rec, targetId) -> {
        long[] out = new long[rec.snapshots().size()];
        int k = 0;
        for (Snapshot s : rec.snapshots()) {
            TargetSnapshot t = s.target(targetId);
            long sum = 0;
            if (t != null) {
                for (int i = 0; i < t.size(); i++) {
                    if (t.nrAccesses()[i] >= 1) {
                        sum += t.regionSize(i);
                    }
                }
            }
            out[k++] = sum;
        }
        return out;
    };
}
