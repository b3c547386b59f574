package org.jdamon.ops.kernel;

import java.util.Arrays;
import java.util.List;
import org.jdamon.core.AddressRange;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;

/**
 * Working-set figures of snapshots against a known hot buffer: the working set of a snapshot is the
 * total size of its regions with {@code nr_accesses >= threshold} (damo's {@code report wss} with a
 * minimum access count), and its overlap with the hot buffer says whether it was found at the right
 * addresses.
 */
record WorkingSet(long[] wss, long[] overlap, long hotSize) {

    static WorkingSet of(List<Snapshot> snapshots, int targetId, AddressRange hot, int threshold) {
        long[] wss = new long[snapshots.size()];
        long[] overlap = new long[snapshots.size()];
        for (int i = 0; i < snapshots.size(); i++) {
            TargetSnapshot t = snapshots.get(i).target(targetId);
            if (t == null) {
                continue;
            }
            for (int r = 0; r < t.size(); r++) {
                if (t.nrAccesses()[r] >= threshold) {
                    wss[i] += t.regionSize(r);
                    long s = Math.max(t.starts()[r], hot.start());
                    long e = Math.min(t.ends()[r], hot.end());
                    overlap[i] += Math.max(0, e - s);
                }
            }
        }
        return new WorkingSet(wss, overlap, hot.size());
    }

    static long percentile(long[] values, int pct) {
        long[] v = values.clone();
        Arrays.sort(v);
        if (v.length == 0) {
            return 0;
        }
        int idx = (int) Math.min(v.length - 1, Math.round(pct / 100.0 * (v.length - 1)));
        return v[idx];
    }

    long p50() {
        return percentile(wss, 50);
    }

    /** (p50 WSS - hot size) / hot size. */
    double p50Error() {
        return (p50() - hotSize) / (double) hotSize;
    }

    /** Median share of the hot buffer covered by accessed regions. */
    double medianRecall() {
        return percentile(overlap, 50) / (double) hotSize;
    }

    /** Median share of the working set that lies inside the hot buffer. */
    double medianPrecision() {
        double[] p = new double[wss.length];
        for (int i = 0; i < wss.length; i++) {
            p[i] = wss[i] == 0 ? 0 : overlap[i] / (double) wss[i];
        }
        Arrays.sort(p);
        return p.length == 0 ? 0 : p[p.length / 2];
    }
}
