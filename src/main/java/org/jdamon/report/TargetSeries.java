package org.jdamon.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetInfo;
import org.jdamon.record.TargetSnapshot;

/**
 * One target's view of a recording, shaped like one of damo's per-target records: the snapshots that
 * contain the target, each with the target's regions.
 */
record TargetSeries(TargetInfo target, List<Snapshot> snapshots, List<TargetSnapshot> regions) {

    static List<TargetSeries> of(Recording r) {
        List<TargetSeries> out = new ArrayList<>();
        for (TargetInfo t : r.header().targets()) {
            List<Snapshot> snaps = new ArrayList<>();
            List<TargetSnapshot> regs = new ArrayList<>();
            for (Snapshot s : r.snapshots()) {
                TargetSnapshot ts = s.target(t.id());
                if (ts != null) {
                    snaps.add(s);
                    regs.add(ts);
                }
            }
            out.add(new TargetSeries(t, snaps, regs));
        }
        return out;
    }

    int size() {
        return snapshots.size();
    }

    /**
     * One number per snapshot of every target ({@code metric} of its regions), in one pass over
     * {@code snapshots} (a record stream works) and in time order, without each target's first
     * {@code skipFirst} snapshots. Targets met in the snapshots but not in {@code targets} follow them, in
     * the order met (damo's records name their targets as they are read).
     */
    static Map<Integer, long[]> values(List<TargetInfo> targets, Iterable<Snapshot> snapshots,
            ToLongFunction<TargetSnapshot> metric, int skipFirst) {
        Map<Integer, long[]> values = new LinkedHashMap<>();
        Map<Integer, int[]> counts = new LinkedHashMap<>();
        for (TargetInfo t : targets) {
            values.put(t.id(), new long[64]);
            counts.put(t.id(), new int[1]);
        }
        for (Snapshot s : snapshots) {
            for (TargetSnapshot t : s.targets()) {
                int[] n = counts.get(t.targetId());
                if (n == null) {
                    n = new int[1];
                    counts.put(t.targetId(), n);
                    values.put(t.targetId(), new long[64]);
                }
                long[] v = values.get(t.targetId());
                if (n[0] == v.length) {
                    v = Arrays.copyOf(v, v.length * 2);
                    values.put(t.targetId(), v);
                }
                v[n[0]++] = metric.applyAsLong(t);
            }
        }
        Map<Integer, long[]> out = new LinkedHashMap<>();
        for (Map.Entry<Integer, long[]> e : values.entrySet()) {
            int n = counts.get(e.getKey())[0];
            out.put(e.getKey(), Arrays.copyOfRange(e.getValue(), Math.min(skipFirst, n), n));
        }
        return out;
    }
}
