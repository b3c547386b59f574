package org.jdamon.record.damo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdamon.core.Attributes;
import org.jdamon.record.RecordFormat;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetInfo;
import org.jdamon.record.TargetSnapshot;

/**
 * Turns damo's per-target snapshot series (damo keeps one "record" per target, each with its own
 * snapshot list and absolute times) into jdamon's {@link Recording}, whose snapshots hold every target of
 * one aggregation window: the i-th snapshots of all targets form the i-th snapshot, and times become
 * relative to the earliest snapshot start.
 *
 * <p>Target ids are kept when they are damo's target indexes (distinct small non-negative numbers);
 * otherwise (old records carry kernel pointers or pids) targets are numbered in order of appearance and
 * the original id is kept as the target's name.
 */
final class SeriesAssembler {
    private static final long UNKNOWN = Long.MIN_VALUE;

    private static final class Series {
        final String rawId;
        final List<long[]> times = new ArrayList<>();
        final List<TargetSnapshot> regions = new ArrayList<>();

        Series(String rawId) {
            this.rawId = rawId;
        }
    }

    private final Map<String, Series> series = new LinkedHashMap<>();

    /** Adds one snapshot of target {@code key}; {@code startNs} may be unknown ({@link #UNKNOWN}). */
    void add(String key, String rawTargetId, long startNs, long endNs, TargetSnapshot regions) {
        Series s = series.computeIfAbsent(key, k -> new Series(rawTargetId));
        s.times.add(new long[] {startNs, endNs});
        s.regions.add(regions);
    }


    void addWithoutStart(String key, String rawTargetId, long endNs, TargetSnapshot regions) {
        add(key, rawTargetId, UNKNOWN, endNs, regions);
    }

    boolean isEmpty() {
        return series.isEmpty();
    }

    /**
     * Drops damo's fake last snapshot (one region 0-0 with -1 accesses, added to single-snapshot files
     * that store only end times) and fills unknown start times: the previous snapshot's end, or for the
     * first one its end minus the average snapshot duration (damo's rule).
     */
    void inferStartTimes() {
        for (Series s : series.values()) {
            int n = s.regions.size();
            if (n >= 2 && isFake(s.regions.get(n - 1))) {
                // damo's fake snapshot still tells the duration of the real one
                s.times.get(n - 2)[0] = s.times.get(n - 2)[0] == UNKNOWN
                        ? 2 * s.times.get(n - 2)[1] - s.times.get(n - 1)[1]
                        : s.times.get(n - 2)[0];
                s.times.remove(n - 1);
                s.regions.remove(n - 1);
                n--;
            }
            for (int i = 1; i < n; i++) {
                if (s.times.get(i)[0] == UNKNOWN) {
                    s.times.get(i)[0] = s.times.get(i - 1)[1];
                }
            }
            if (n > 0 && s.times.get(0)[0] == UNKNOWN) {
                // damo's float arithmetic, truncated to whole ns as its '%d' prints the time
                double avg = n >= 2 ? (double) (s.times.get(n - 1)[1] - s.times.get(0)[1]) / (n - 1) : 0;
                s.times.get(0)[0] = (long) Math.floor(s.times.get(0)[1] - avg);
            }
        }
    }

    private static boolean isFake(TargetSnapshot t) {
        return t.size() == 1 && t.starts()[0] == 0 && t.ends()[0] == 0 && t.nrAccesses()[0] == -1;
    }

    /**
     * Attributes for formats that store no intervals: the aggregation interval is the average snapshot
     * duration, the sampling interval damo's default 5 ms (or the aggregation interval if shorter).
     */
    Attributes inferredAttributes() {
        long aggrUs = Math.max(averageDurationNs() / 1000, 1);
        return new Attributes(Math.min(5_000, aggrUs), aggrUs, 1_000_000, 10, 1000, null);
    }

    /** The average snapshot duration in ns over all series, or 0 when unknown. */
    long averageDurationNs() {
        long sum = 0;
        long n = 0;
        for (Series s : series.values()) {
            for (long[] t : s.times) {
                sum += t[1] - t[0];
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /**
     * Builds the recording. {@code idsAreIndexes}: the source's target ids are damo's target indexes
     * (JSON records); false for ids that are pids or kernel pointers (the old binary format).
     */
    Recording build(Attributes attrs, String operations, Map<String, String> properties, List<String> warnings,
            boolean idsAreIndexes) {
        List<Series> all = new ArrayList<>(series.values());
        int[] ids = targetIds(all, idsAreIndexes);
        List<TargetInfo> targets = new ArrayList<>();
        long base = Long.MAX_VALUE;
        int maxLen = 0;
        for (int i = 0; i < all.size(); i++) {
            Series s = all.get(i);
            boolean renumbered = !idsAreIndexes || ids[i] != DamoNumbers.targetIndex(s.rawId);
            targets.add(new TargetInfo(ids[i], -1, renumbered ? "target_id=" + s.rawId : "",
                    s.rawId));
            if (!s.times.isEmpty()) {
                base = Math.min(base, s.times.get(0)[0]);
            }
            maxLen = Math.max(maxLen, s.regions.size());
        }
        if (base == Long.MAX_VALUE) {
            base = 0;
        }
        List<Snapshot> snapshots = new ArrayList<>(maxLen);
        for (int k = 0; k < maxLen; k++) {
            List<TargetSnapshot> ts = new ArrayList<>();
            long start = UNKNOWN;
            long end = 0;
            for (int i = 0; i < all.size(); i++) {
                Series s = all.get(i);
                if (k < s.regions.size()) {
                    TargetSnapshot r = s.regions.get(k);
                    ts.add(r.withTargetId(ids[i]));
                    if (start == UNKNOWN) {
                        start = s.times.get(k)[0];
                        end = s.times.get(k)[1];
                    }
                }
            }
            snapshots.add(new Snapshot(start - base, end - base, ts));
        }
        RecordHeader header = new RecordHeader(RecordFormat.VERSION, "damo", attrs, operations, targets, base,
                properties);
        return new Recording(header, snapshots, List.of(), warnings);
    }

    private static int[] targetIds(List<Series> all, boolean idsAreIndexes) {
        int[] ids = new int[all.size()];
        boolean keep = idsAreIndexes;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            int v = DamoNumbers.targetIndex(all.get(i).rawId);
            if (v < 0 || !seen.add(v)) {
                keep = false;
            }
            ids[i] = v;
        }
        if (!keep) {
            for (int i = 0; i < ids.length; i++) {
                ids[i] = i;
            }
        }
        return ids;
    }

}
