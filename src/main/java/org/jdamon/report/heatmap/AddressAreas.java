package org.jdamon.report.heatmap;

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

    /**
     * Like {@link #of(Recording, int)} over snapshots that may be streamed, in one pass: each snapshot's
     * contiguous spans of regions carry their {@code nr_accesses x bytes x time}; a span equal to the one at
     * the same position in the previous snapshot (the usual case) just adds to it, so the distinct spans
     * stay few. The unions of the spans are the areas.
     */
    public static List<Area> of(Iterable<Snapshot> snapshots, int targetId) {
        Spans spans = new Spans();
        int[] prev = new int[8];
        int[] cur = new int[8];
        int nPrev = 0;
        double totalTime = 0;
        for (Snapshot s : snapshots) {
            TargetSnapshot t = s.target(targetId);
            if (t == null || t.size() == 0) {
                continue;
            }
            double dt = Math.max(1, s.endNs() - s.startNs());
            totalTime += dt;
            long[] starts = t.starts();
            long[] ends = t.ends();
            int[] nr = t.nrAccesses();
            int n = 0;
            long spanStart = starts[0];
            double heat = 0;
            for (int i = 0; i < starts.length; i++) {
                if (i > 0 && starts[i] != ends[i - 1]) {
                    cur = grow(cur, n);
                    cur[n] = spans.add(spanStart, ends[i - 1], heat * dt, n < nPrev ? prev[n] : -1);
                    n++;
                    spanStart = starts[i];
                    heat = 0;
                }
                heat += (double) nr[i] * (double) (ends[i] - starts[i]);
            }
            cur = grow(cur, n);
            cur[n] = spans.add(spanStart, ends[starts.length - 1], heat * dt, n < nPrev ? prev[n] : -1);
            n++;
            int[] tmp = prev;
            prev = cur;
            cur = tmp;
            nPrev = n;
        }
        List<long[]> unions = new ArrayList<>();
        for (int k = 0; k < spans.n; k++) {
            addUnion(unions, spans.start[k], spans.end[k]);
        }
        double[] sum = new double[unions.size()];
        for (int k = 0; k < spans.n; k++) {
            int u = 0;
            while (Long.compareUnsigned(spans.start[k], unions.get(u)[1]) >= 0) {
                u++;
            }
            sum[u] += spans.heat[k];
        }
        List<Area> areas = new ArrayList<>(unions.size());
        for (int u = 0; u < unions.size(); u++) {
            double size = (double) (unions.get(u)[1] - unions.get(u)[0]);
            double heat = totalTime == 0 || size == 0 ? 0 : sum[u] / (size * totalTime);
            areas.add(new Area(u, new AddressRange(unions.get(u)[0], unions.get(u)[1]), heat));
        }
        return List.copyOf(areas);
    }

    /** Distinct spans with their accumulated heat, in primitive arrays. */
    private static final class Spans {
        long[] start = new long[16];
        long[] end = new long[16];
        double[] heat = new double[16];
        int n;

        /** Adds to span {@code same} when it has these bounds, else appends one; returns its index. */
        int add(long s, long e, double h, int same) {
            if (same >= 0 && start[same] == s && end[same] == e) {
                heat[same] += h;
                return same;
            }
            if (n == start.length) {
                start = java.util.Arrays.copyOf(start, n * 2);
                end = java.util.Arrays.copyOf(end, n * 2);
                heat = java.util.Arrays.copyOf(heat, n * 2);
            }
            start[n] = s;
            end[n] = e;
            heat[n] = h;
            return n++;
        }
    }

    private static int[] grow(int[] a, int n) {
        return n < a.length ? a : java.util.Arrays.copyOf(a, a.length * 2);
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
}
