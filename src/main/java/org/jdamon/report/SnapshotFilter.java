package org.jdamon.report;

import java.util.ArrayList;
import java.util.List;
import org.jdamon.core.Attributes;
import org.jdamon.core.UnsignedMath;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;

/**
 * damo's record filters ({@code --sz_region}, {@code --access_rate}, {@code --age}, {@code --address},
 * {@code --sz_snapshot}), in damo's order: regions outside the access pattern are dropped (size in bytes,
 * access rate in percent of {@code aggr/sample} truncated to an integer as damo does, age in µs from
 * aggregation intervals; all bounds inclusive), the rest are clipped to the address ranges, and a
 * snapshot whose remaining bytes fall outside every {@code --sz_snapshot} range keeps no regions. A
 * snapshot matches when some target has a region left; {@link #windows} merges matching snapshots that
 * touch ({@code end == next start}) into time windows, like damo's {@code report times}.
 */
public final class SnapshotFilter {
    /** Unsigned bounds: inclusive for sizes, {@code [min, max)} for addresses (as damo clips regions). */
    public record Range(long min, long max) {}

    public static final Range ANY = new Range(0, -1L);

    private final Range regionSize;
    private final double minRatePercent;
    private final double maxRatePercent;
    private final long minAgeUs;
    private final long maxAgeUs;
    private final List<Range> addresses;
    private final List<Range> snapshotSizes;

    private SnapshotFilter(Range regionSize, double minRatePercent, double maxRatePercent, long minAgeUs,
            long maxAgeUs, List<Range> addresses, List<Range> snapshotSizes) {
        this.regionSize = regionSize;
        this.minRatePercent = minRatePercent;
        this.maxRatePercent = maxRatePercent;
        this.minAgeUs = minAgeUs;
        this.maxAgeUs = maxAgeUs;
        this.addresses = addresses;
        this.snapshotSizes = snapshotSizes;
    }

    /** The filter that keeps everything. */
    public static SnapshotFilter all() {
        return new SnapshotFilter(ANY, 0, Double.MAX_VALUE, 0, Long.MAX_VALUE, null, null);
    }

    public SnapshotFilter regionSize(long min, long max) {
        return new SnapshotFilter(new Range(min, max), minRatePercent, maxRatePercent, minAgeUs, maxAgeUs,
                addresses, snapshotSizes);
    }

    public SnapshotFilter accessRatePercent(double min, double max) {
        return new SnapshotFilter(regionSize, min, max, minAgeUs, maxAgeUs, addresses, snapshotSizes);
    }

    public SnapshotFilter ageUs(long min, long max) {
        return new SnapshotFilter(regionSize, minRatePercent, maxRatePercent, min, max, addresses, snapshotSizes);
    }

    /** Keeps only the parts of regions inside these {@code [start, end)} address ranges. */
    public SnapshotFilter addresses(List<Range> startEnd) {
        return new SnapshotFilter(regionSize, minRatePercent, maxRatePercent, minAgeUs, maxAgeUs,
                checkedRanges("--address", startEnd), snapshotSizes);
    }

    public SnapshotFilter snapshotSizes(List<Range> minMax) {
        return new SnapshotFilter(regionSize, minRatePercent, maxRatePercent, minAgeUs, maxAgeUs, addresses,
                checkedRanges("--sz_snapshot", minMax));
    }

    /** damo's check: sorted by start, each start <= end, no overlap. */
    private static List<Range> checkedRanges(String option, List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort((a, b) -> Long.compareUnsigned(a.min(), b.min()));
        for (int i = 0; i < sorted.size(); i++) {
            Range r = sorted.get(i);
            if (Long.compareUnsigned(r.min(), r.max()) > 0) {
                throw new IllegalArgumentException("wrong " + option + " input (start > end: "
                        + Long.toUnsignedString(r.min()) + " " + Long.toUnsignedString(r.max()) + ")");
            }
            if (i > 0 && Long.compareUnsigned(sorted.get(i - 1).max(), r.min()) > 0) {
                throw new IllegalArgumentException("wrong " + option + " input (overlapping ranges)");
            }
        }
        return List.copyOf(sorted);
    }

    /** The region's access rate as damo computes it: {@code int(nr * 100 / (aggr / sample))}. */
    static long accessRatePercent(int nrAccesses, Attributes a) {
        double maxSamples = (double) a.aggrUs() / a.sampleUs();
        return (long) (nrAccesses * 100.0 / maxSamples);
    }

    private boolean inPattern(long size, int nrAccesses, int age, Attributes a) {
        if (Long.compareUnsigned(size, regionSize.min()) < 0 || Long.compareUnsigned(size, regionSize.max()) > 0) {
            return false;
        }
        long rate = accessRatePercent(nrAccesses, a);
        if (rate < minRatePercent || rate > maxRatePercent) {
            return false;
        }
        long ageUs = (long) age * a.aggrUs();
        return ageUs >= minAgeUs && ageUs <= maxAgeUs;
    }

    /**
     * The regions of {@code t} that pass, clipped to the address ranges; none when their total misses
     * every {@code --sz_snapshot} range.
     */
    public TargetSnapshot apply(TargetSnapshot t, Attributes a) {
        TargetSnapshot kept = regionsOf(t, a);
        if (snapshotSizeMatches(kept.totalBytes())) {
            return kept;
        }
        return new TargetSnapshot(t.targetId(), new long[0], new long[0], new int[0], new int[0]);
    }

    /** Whether a snapshot with this many bytes left passes {@code --sz_snapshot} (true without it). */
    public boolean snapshotSizeMatches(long totalBytes) {
        return snapshotSizes == null || inAny(snapshotSizes, totalBytes);
    }

    /**
     * The regions of {@code t} in the access pattern, clipped to the address ranges. A clipped region
     * keeps the share of its filter-passed bytes that its size keeps (as damo's {@code adjust} splits
     * them; damo's address filter keeps them whole).
     */
    public TargetSnapshot regionsOf(TargetSnapshot t, Attributes a) {
        int n = t.size();
        int cap = addresses == null ? n : n * Math.max(1, addresses.size());
        long[] s = new long[cap];
        long[] e = new long[cap];
        int[] nr = new int[cap];
        int[] age = new int[cap];
        long[] passed = t.hasFilterPassed() ? new long[cap] : null;
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (!inPattern(t.regionSize(i), t.nrAccesses()[i], t.ages()[i], a)) {
                continue;
            }
            if (addresses == null) {
                s[k] = t.starts()[i];
                e[k] = t.ends()[i];
                nr[k] = t.nrAccesses()[i];
                if (passed != null) {
                    passed[k] = t.filterPassed()[i];
                }
                age[k++] = t.ages()[i];
                continue;
            }
            for (Range r : addresses) {
                long lo = maxUnsigned(r.min(), t.starts()[i]);
                long hi = minUnsigned(r.max(), t.ends()[i]);
                if (Long.compareUnsigned(lo, hi) < 0) {
                    s[k] = lo;
                    e[k] = hi;
                    nr[k] = t.nrAccesses()[i];
                    if (passed != null) {
                        passed[k] = passedShare(t.filterPassed()[i], t.regionSize(i), hi - lo);
                    }
                    age[k++] = t.ages()[i];
                }
            }
        }
        return new TargetSnapshot(t.targetId(), java.util.Arrays.copyOf(s, k), java.util.Arrays.copyOf(e, k),
                java.util.Arrays.copyOf(nr, k), java.util.Arrays.copyOf(age, k),
                passed == null ? null : java.util.Arrays.copyOf(passed, k));
    }

    /** damo's {@code sz_filter_passed_for_new_size}: {@code int(passed / size * newSize)}. */
    static long passedShare(long passed, long size, long newSize) {
        if (newSize == size) {
            return passed;
        }
        return (long) (UnsignedMath.toDouble(passed) / UnsignedMath.toDouble(size) * UnsignedMath.toDouble(newSize));
    }

    public Snapshot apply(Snapshot snapshot, Attributes a) {
        List<TargetSnapshot> out = new ArrayList<>(snapshot.targets().size());
        for (TargetSnapshot t : snapshot.targets()) {
            out.add(apply(t, a));
        }
        return new Snapshot(snapshot.startNs(), snapshot.endNs(), out);
    }

    public boolean matches(Snapshot snapshot, Attributes a) {
        for (TargetSnapshot t : snapshot.targets()) {
            if (apply(t, a).size() > 0) {
                return true;
            }
        }
        return false;
    }

    /** The record's snapshots after filtering (all of them, some possibly left without regions). */
    public List<Snapshot> apply(Recording rec) {
        Attributes a = rec.header().attributes();
        List<Snapshot> out = new ArrayList<>(rec.snapshots().size());
        for (Snapshot s : rec.snapshots()) {
            out.add(apply(s, a));
        }
        return out;
    }

    /** The time windows of matching snapshots, touching ones merged. */
    public List<TimeWindow> windows(Recording rec) {
        Attributes a = rec.header().attributes();
        List<TimeWindow> out = new ArrayList<>();
        for (Snapshot s : rec.snapshots()) {
            if (!matches(s, a)) {
                continue;
            }
            if (!out.isEmpty() && out.getLast().endNs() == s.startNs()) {
                out.set(out.size() - 1, new TimeWindow(out.getLast().startNs(), s.endNs()));
            } else {
                out.add(new TimeWindow(s.startNs(), s.endNs()));
            }
        }
        return out;
    }

    private static boolean inAny(List<Range> ranges, long v) {
        for (Range r : ranges) {
            if (Long.compareUnsigned(v, r.min()) >= 0 && Long.compareUnsigned(v, r.max()) <= 0) {
                return true;
            }
        }
        return false;
    }

    private static long maxUnsigned(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0 ? a : b;
    }

    private static long minUnsigned(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0 ? a : b;
    }
}
