package org.jdamon.ops.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jdamon.core.AddressRange;
import org.jdamon.record.TargetSnapshot;

/**
 * Snapshots of one target stamped with wall-clock time (epoch ms), and what they say against a
 * {@link ZigzagWorkload}'s truth: per measured phase (after a settling time), the working set (regions
 * with {@code nr_accesses >= 1}) against the phase's hot region.
 */
final class TimedSnapshots {
    static final long SETTLE_MS = 2_000;

    record Timed(long epochMs, TargetSnapshot snapshot) {}

    final List<Timed> all = Collections.synchronizedList(new ArrayList<>());

    void add(TargetSnapshot s) {
        all.add(new Timed(System.currentTimeMillis(), s));
    }

    /** One evaluated snapshot: its working set size and how much of it lies in the phase's hot region. */
    record Point(String phase, long epochMs, long wss, long overlap, long hotSize) {}

    List<Point> evaluate(ZigzagWorkload w) {
        List<ZigzagWorkload.Phase> phases = List.copyOf(w.phases);
        List<Point> out = new ArrayList<>();
        for (Timed t : List.copyOf(all)) {
            for (int p = 0; p < phases.size(); p++) {
                ZigzagWorkload.Phase ph = phases.get(p);
                long end = p + 1 < phases.size() ? phases.get(p + 1).startMs() : w.exitMs;
                if (!ZigzagWorkload.HOT_REGION.containsKey(ph.name())
                        || t.epochMs() < ph.startMs() + SETTLE_MS || t.epochMs() >= end) {
                    continue;
                }
                AddressRange hot = w.hotRange(ph.name());
                long wss = 0;
                long overlap = 0;
                TargetSnapshot s = t.snapshot();
                for (int r = 0; r < s.size(); r++) {
                    if (s.nrAccesses()[r] >= 1) {
                        wss += s.regionSize(r);
                        overlap += Math.max(0, Math.min(s.ends()[r], hot.end()) - Math.max(s.starts()[r], hot.start()));
                    }
                }
                out.add(new Point(ph.name(), t.epochMs(), wss, overlap, hot.size()));
            }
        }
        return out;
    }

    /** The accessed byte ranges of the snapshot nearest to {@code epochMs}. */
    List<AddressRange> accessedNear(long epochMs) {
        Timed best = null;
        for (Timed t : List.copyOf(all)) {
            if (best == null || Math.abs(t.epochMs() - epochMs) < Math.abs(best.epochMs() - epochMs)) {
                best = t;
            }
        }
        List<AddressRange> out = new ArrayList<>();
        if (best == null) {
            return out;
        }
        TargetSnapshot s = best.snapshot();
        for (int r = 0; r < s.size(); r++) {
            if (s.nrAccesses()[r] >= 1) {
                out.add(new AddressRange(s.starts()[r], s.ends()[r]));
            }
        }
        return out;
    }

    static long median(long[] v) {
        long[] c = v.clone();
        java.util.Arrays.sort(c);
        return c.length == 0 ? 0 : c[(c.length - 1) / 2];
    }

    static double medianD(double[] v) {
        double[] c = v.clone();
        java.util.Arrays.sort(c);
        return c.length == 0 ? Double.NaN : c[(c.length - 1) / 2];
    }

    /** p50 WSS error against the hot size, median recall (overlap/hot) and precision (overlap/wss). */
    record Summary(int points, long p50Wss, long hotSize, double error, double recall, double precision) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "snapshots=%d p50_wss=%d hot=%d error=%+.1f%% recall=%.3f precision=%.3f",
                    points, p50Wss, hotSize, 100 * error, recall, precision);
        }
    }

    static Summary summarize(List<Point> points) {
        long[] wss = points.stream().mapToLong(Point::wss).toArray();
        double[] recall = points.stream().mapToDouble(p -> p.overlap() / (double) p.hotSize()).toArray();
        double[] precision = points.stream().mapToDouble(p -> p.wss() == 0 ? 0 : p.overlap() / (double) p.wss()).toArray();
        long hot = points.isEmpty() ? 1 : points.getFirst().hotSize();
        long p50 = median(wss);
        return new Summary(points.size(), p50, hot, (p50 - hot) / (double) hot, medianD(recall), medianD(precision));
    }

    /** Bytes in both range lists over bytes in either (Jaccard index); ranges within a list are disjoint. */
    static double jaccard(List<AddressRange> x, List<AddressRange> y) {
        long both = 0;
        for (AddressRange a : x) {
            for (AddressRange b : y) {
                both += Math.max(0, Math.min(a.end(), b.end()) - Math.max(a.start(), b.start()));
            }
        }
        long sx = x.stream().mapToLong(AddressRange::size).sum();
        long sy = y.stream().mapToLong(AddressRange::size).sum();
        long either = sx + sy - both;
        return either == 0 ? 1 : both / (double) either;
    }
}
