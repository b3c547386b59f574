package org.jdamon.report;

import java.util.ArrayList;
import java.util.List;
import org.jdamon.core.AddressRange;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;

/**
 * The address areas of one target in a record, like damo's {@code record_info} guide: the unions of every
 * region the target ever had, so a process shows its heap-like, mmap-like and stack-like areas separated
 * by the big gaps the three-regions heuristic leaves unmonitored. Each area carries its heat (mean access
 * frequency per byte over the record), which picks the area a heatmap draws by default.
 */
public final class AddressAreas {
    private AddressAreas() {}

    /** An address union with its heat: the mean nr_accesses per byte and per unit of recorded time. */
    public record Area(int index, AddressRange range, double heat) {
        public String label() {
            return "area " + index + " " + range;
        }
    }

    /** The areas of {@code targetId} sorted by address; empty when the target has no regions. */
    public static List<Area> of(Recording rec, int targetId) {
        return of(rec.snapshots(), targetId);
    }

    /** Like {@link #of(Recording, int)} over snapshots that may be streamed (read twice). */
    public static List<Area> of(Iterable<Snapshot> snapshots, int targetId) {
        List<long[]> unions = new ArrayList<>();
        long[] spans = new long[16];
        for (Snapshot s : snapshots) {
            TargetSnapshot t = s.target(targetId);
            if (t == null || t.size() == 0) {
                continue;
            }
            int n = 0;
            long curStart = t.starts()[0];
            long curEnd = t.ends()[0];
            for (int i = 1; i < t.size(); i++) {
                if (t.starts()[i] == curEnd) {
                    curEnd = t.ends()[i];
                    continue;
                }
                spans = append(spans, n, curStart, curEnd);
                n += 2;
                curStart = t.starts()[i];
                curEnd = t.ends()[i];
            }
            spans = append(spans, n, curStart, curEnd);
            n += 2;
            for (int k = 0; k < n; k += 2) {
                addUnion(unions, spans[k], spans[k + 1]);
            }
        }
        double[] heat = heats(snapshots, targetId, unions);
        List<Area> areas = new ArrayList<>(unions.size());
        for (int i = 0; i < unions.size(); i++) {
            areas.add(new Area(i, new AddressRange(unions.get(i)[0], unions.get(i)[1]), heat[i]));
        }
        return List.copyOf(areas);
    }

    /** The area with the most heat per byte (damo's {@code --draw_range hottest}); null if none. */
    public static Area hottest(List<Area> areas) {
        Area best = null;
        for (Area a : areas) {
            if (best == null || a.heat() > best.heat()) {
                best = a;
            }
        }
        return best;
    }

    private static long[] append(long[] spans, int n, long start, long end) {
        if (n + 2 > spans.length) {
            spans = java.util.Arrays.copyOf(spans, spans.length * 2);
        }
        spans[n] = start;
        spans[n + 1] = end;
        return spans;
    }

    /** Inserts [start, end) into the sorted disjoint unions, merging what it overlaps or touches. */
    private static void addUnion(List<long[]> unions, long start, long end) {
        int i = 0;
        while (i < unions.size() && Long.compareUnsigned(unions.get(i)[1], start) < 0) {
            i++;
        }
        long s = start;
        long e = end;
        while (i < unions.size() && Long.compareUnsigned(unions.get(i)[0], e) <= 0) {
            long[] u = unions.remove(i);
            if (Long.compareUnsigned(u[0], s) < 0) {
                s = u[0];
            }
            if (Long.compareUnsigned(u[1], e) > 0) {
                e = u[1];
            }
        }
        unions.add(i, new long[] {s, e});
    }

    private static double[] heats(Iterable<Snapshot> snapshots, int targetId, List<long[]> unions) {
        double[] sum = new double[unions.size()];
        double totalTime = 0;
        for (Snapshot s : snapshots) {
            TargetSnapshot t = s.target(targetId);
            if (t == null) {
                continue;
            }
            double dt = Math.max(1, s.endNs() - s.startNs());
            totalTime += dt;
            int u = 0;
            for (int i = 0; i < t.size(); i++) {
                while (u < unions.size() - 1 && Long.compareUnsigned(t.starts()[i], unions.get(u)[1]) >= 0) {
                    u++;
                }
                sum[u] += (double) t.nrAccesses()[i] * (double) t.regionSize(i) * dt;
            }
        }
        for (int u = 0; u < sum.length; u++) {
            double size = (double) (unions.get(u)[1] - unions.get(u)[0]);
            sum[u] = totalTime == 0 || size == 0 ? 0 : sum[u] / (size * totalTime);
        }
        return sum;
    }
}
