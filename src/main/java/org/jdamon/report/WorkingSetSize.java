package org.jdamon.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetInfo;
import org.jdamon.record.TargetSnapshot;

/**
 * The working set size as damo defines it: per snapshot, the total size of the regions accessed at least
 * {@code accessThreshold} times (samples) in the aggregation window and at least {@code sizeThreshold}
 * bytes large. The first {@code excludeSamples} snapshots of each target are dropped, since the
 * adaptive regions have not settled yet. This is the one place jdamon computes WSS: reports, pictures,
 * metrics and accuracy evaluation use it.
 */
public final class WorkingSetSize {
    /** damo's defaults: {@code --acc_thres 1 --sz_thres 1 --exclude_samples 20}. */
    public static final WorkingSetSize DAMO_DEFAULT = new WorkingSetSize(1, 1, 20);

    private final int accessThreshold;
    private final long sizeThreshold;
    private final int excludeSamples;

    public WorkingSetSize(int accessThreshold, long sizeThreshold, int excludeSamples) {
        if (excludeSamples < 0) {
            throw new IllegalArgumentException("exclude_samples must not be negative: " + excludeSamples);
        }
        this.accessThreshold = accessThreshold;
        this.sizeThreshold = sizeThreshold;
        this.excludeSamples = excludeSamples;
    }

    public int accessThreshold() {
        return accessThreshold;
    }

    public long sizeThreshold() {
        return sizeThreshold;
    }

    public int excludeSamples() {
        return excludeSamples;
    }

    /** WSS of one target's snapshot. Region sizes compare unsigned. */
    public long of(TargetSnapshot t) {
        long wss = 0;
        long[] s = t.starts();
        long[] e = t.ends();
        int[] nr = t.nrAccesses();
        for (int i = 0; i < s.length; i++) {
            long size = e[i] - s[i];
            if (nr[i] >= accessThreshold && Long.compareUnsigned(size, sizeThreshold) >= 0) {
                wss += size;
            }
        }
        return wss;
    }

    /** Per-snapshot WSS of target {@code targetId} in time order, after dropping the first snapshots. */
    public long[] series(Recording r, int targetId) {
        return seriesByTarget(List.of(new TargetInfo(targetId, -1, "")), r.snapshots()).get(targetId);
    }

    /**
     * Per-snapshot WSS of every target in one pass over {@code snapshots} (a {@link
     * org.jdamon.record.RecordStream} works, so a long record need not be in memory), in time order,
     * after dropping each target's first snapshots.
     */
    public Map<Integer, long[]> seriesByTarget(List<TargetInfo> targets, Iterable<Snapshot> snapshots) {
        return TargetSeries.values(targets, snapshots, this::of, excludeSamples);
    }

    /** The time of each value of {@link #series} (end of its window, ns since record start). */
    public long[] seriesTimesNs(Recording r, int targetId) {
        List<Long> times = new ArrayList<>();
        for (Snapshot s : r.snapshots()) {
            if (s.target(targetId) != null) {
                times.add(s.endNs());
            }
        }
        int from = Math.min(excludeSamples, times.size());
        long[] out = new long[times.size() - from];
        for (int i = from; i < times.size(); i++) {
            out[i - from] = times.get(i);
        }
        return out;
    }

    /**
     * The WSS distribution of every target (by id, in header order), sorted by size or kept in time
     * order; with {@code collapseTargets} one entry, id 0, holding damo's index-wise sum.
     */
    public Map<Integer, Distribution> distributions(Recording r, boolean sortBySize, boolean collapseTargets) {
        return distributions(r.header().targets(), r.snapshots(), sortBySize, collapseTargets);
    }

    /** {@link #distributions(Recording, boolean, boolean)} in one pass over {@code snapshots}. */
    public Map<Integer, Distribution> distributions(List<TargetInfo> targets, Iterable<Snapshot> snapshots,
            boolean sortBySize, boolean collapseTargets) {
        Map<Integer, Distribution> out = new LinkedHashMap<>();
        for (Map.Entry<Integer, long[]> e : seriesByTarget(targets, snapshots).entrySet()) {
            long[] v = e.getValue();
            out.put(e.getKey(), sortBySize ? Distribution.sorted(v) : Distribution.inOrder(v));
        }
        if (collapseTargets) {
            Distribution all = Distribution.collapse(out.values());
            out.clear();
            out.put(0, all);
        }
        return out;
    }
}
