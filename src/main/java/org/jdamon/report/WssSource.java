package org.jdamon.report;

import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;

/**
 * Where the pictures get working-set sizes from: per snapshot of a target, {@link WorkingSetSize}'s value
 * with damo's default thresholds (the numbers of {@code report wss}), aligned with the record's snapshots.
 */
public interface WssSource {
    /** WSS in bytes per snapshot, in time order; 0 for snapshots without the target. */
    long[] perSnapshot(Recording rec, int targetId);

    /** damo's percentile pick ({@link Distribution#percentileIndex}) of sorted values; 0 when empty. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Distribution.percentileIndex(p, sorted.length)];
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
            out[k++] = t == null ? 0 : WorkingSetSize.DAMO_DEFAULT.of(t);
        }
        return out;
    };
}
