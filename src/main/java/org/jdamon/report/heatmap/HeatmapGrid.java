package org.jdamon.report.heatmap;

import java.util.List;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;

/**
 * A time x address grid of access frequency for one target: cell {@code (t, a)} holds the mean
 * {@code nr_accesses} (samples per aggregation window) over the bytes and time of the record that fall in
 * the cell, weighted by overlap, or NaN where the record has no region (gaps, before the first snapshot).
 *
 * <p>Built in one pass with two primitive arrays (async-profiler style): per snapshot a row of per-cell
 * sums is filled in O(regions + cells) with a difference array for the cells a region covers fully, then
 * folded into the time cells the window overlaps. Memory is O(cells), whatever the record length.
 */
public final class HeatmapGrid {
    private final int timeCells;
    private final int addrCells;
    private final long timeStartNs;
    private final long timeEndNs;
    private final long addrStart;
    private final long addrEnd;
    private final float[] heat;
    private final float minHeat;
    private final float maxHeat;

    private HeatmapGrid(
            int timeCells, int addrCells, long t0, long t1, long a0, long a1, float[] heat) {
        this.timeCells = timeCells;
        this.addrCells = addrCells;
        this.timeStartNs = t0;
        this.timeEndNs = t1;
        this.addrStart = a0;
        this.addrEnd = a1;
        this.heat = heat;
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float h : heat) {
            if (!Float.isNaN(h)) {
                lo = Math.min(lo, h);
                hi = Math.max(hi, h);
            }
        }
        this.minHeat = lo == Float.POSITIVE_INFINITY ? 0 : lo;
        this.maxHeat = hi == Float.NEGATIVE_INFINITY ? 0 : hi;
    }

    /** What to draw: a target, a time window in ns since record start, an address range, a resolution. */
    public record Spec(
            int targetId, long timeStartNs, long timeEndNs, long addrStart, long addrEnd, int timeCells, int addrCells) {
        public Spec {
            if (timeCells <= 0 || addrCells <= 0) {
                throw new IllegalArgumentException(
                        "resolution must be positive: %d x %d".formatted(timeCells, addrCells));
            }
            if (timeEndNs <= timeStartNs) {
                throw new IllegalArgumentException(
                        "empty time range [%d, %d) ns".formatted(timeStartNs, timeEndNs));
            }
            if (Long.compareUnsigned(addrEnd, addrStart) <= 0) {
                throw new IllegalArgumentException(
                        "empty address range [0x%x, 0x%x)".formatted(addrStart, addrEnd));
            }
        }

        public Spec withResolution(int time, int addr) {
            return new Spec(targetId, timeStartNs, timeEndNs, addrStart, addrEnd, time, addr);
        }
    }

    /** The record's time span {@code [first window start, last window end)}, or {@code {0, 0}} if empty. */
    public static long[] timeSpan(Recording rec) {
        List<Snapshot> ss = rec.snapshots();
        if (ss.isEmpty()) {
            return new long[] {0, 0};
        }
        return new long[] {ss.getFirst().startNs(), ss.getLast().endNs()};
    }

    public static HeatmapGrid build(Recording rec, Spec spec) {
        return build(rec.snapshots(), spec, Layout.ADDRESS);
    }

    /** Where a region goes on the address axis: at its address, or stacked by temperature. */
    public enum Layout {
        ADDRESS,
        /** Each snapshot's bytes by access frequency, most accessed first from offset 0 ({@code --sort_temperature}). */
        TEMPERATURE
    }

    public static HeatmapGrid build(Iterable<Snapshot> snapshots, Spec spec, Layout layout) {
        int tc = spec.timeCells();
        int ac = spec.addrCells();
        long t0 = spec.timeStartNs();
        long t1 = spec.timeEndNs();
        long a0 = spec.addrStart();
        long a1 = spec.addrEnd();
        double cellNs = (double) (t1 - t0) / tc;
        double cellBytes = (double) (a1 - a0) / ac;
        double[] acc = new double[tc * ac];
        double[] cov = new double[tc * ac];
        double[] rowHeat = new double[ac + 1];
        double[] rowCov = new double[ac + 1];
        double[] diffHeat = new double[ac + 1];
        double[] diffCov = new double[ac + 1];
        long[][] bytesPerNr = layout == Layout.TEMPERATURE ? new long[][] {new long[64]} : null;
        for (Snapshot s : snapshots) {
            long ws = Math.max(s.startNs(), t0);
            long we = Math.min(s.endNs(), t1);
            if (we <= ws) {
                if (!(s.endNs() == s.startNs() && s.startNs() >= t0 && s.startNs() < t1)) {
                    continue;
                }
            }
            TargetSnapshot t = s.target(spec.targetId());
            if (t == null || t.size() == 0) {
                continue;
            }
            java.util.Arrays.fill(rowHeat, 0);
            java.util.Arrays.fill(rowCov, 0);
            java.util.Arrays.fill(diffHeat, 0);
            java.util.Arrays.fill(diffCov, 0);
            boolean any;
            if (bytesPerNr != null) {
                any = fillSortedRow(t, bytesPerNr, a0, a1, cellBytes, ac, rowHeat, rowCov, diffHeat, diffCov);
            } else {
                any = false;
                for (int i = firstEndingAfter(t.ends(), a0); i < t.size(); i++) {
                    long rs = t.starts()[i];
                    long re = t.ends()[i];
                    if (Long.compareUnsigned(rs, a1) >= 0) {
                        break;
                    }
                    double x0 = Long.compareUnsigned(rs, a0) <= 0 ? 0 : (rs - a0) / cellBytes;
                    double x1 = Long.compareUnsigned(re, a1) >= 0 ? ac : (re - a0) / cellBytes;
                    spread(x0, x1, t.nrAccesses()[i], ac, rowHeat, rowCov, diffHeat, diffCov);
                    any = true;
                }
            }
            if (!any) {
                continue;
            }
            double runHeat = 0;
            double runCov = 0;
            for (int a = 0; a < ac; a++) {
                runHeat += diffHeat[a];
                runCov += diffCov[a];
                rowHeat[a] += runHeat;
                rowCov[a] += runCov;
            }
            double y0 = (ws - t0) / cellNs;
            double y1 = (we - t0) / cellNs;
            if (y1 <= y0) {
                y1 = Math.min(tc, y0 + 1e-9);
            }
            int c0 = Math.min(tc - 1, (int) y0);
            int c1 = Math.min(tc - 1, (int) Math.ceil(y1) - 1);
            for (int c = c0; c <= c1; c++) {
                double w = Math.min(y1, c + 1) - Math.max(y0, c);
                if (w <= 0) {
                    continue;
                }
                int base = c * ac;
                for (int a = 0; a < ac; a++) {
                    double cv = rowCov[a];
                    if (cv != 0) {
                        acc[base + a] += w * rowHeat[a];
                        cov[base + a] += w * cv;
                    }
                }
            }
        }
        float[] heat = new float[tc * ac];
        for (int i = 0; i < heat.length; i++) {
            heat[i] = cov[i] > 0 ? (float) (acc[i] / cov[i]) : Float.NaN;
        }
        return new HeatmapGrid(tc, ac, t0, t1, a0, a1, heat);
    }

    /** Index of the first region (sorted by address) whose end is above {@code addr}. */
    private static int firstEndingAfter(long[] ends, long addr) {
        int lo = 0;
        int hi = ends.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(ends[mid], addr) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Adds a value over [x0, x1) in cell units: partial cells directly, fully covered cells through the
     * difference arrays.
     */
    private static void spread(
            double x0, double x1, double value, int ac, double[] rowHeat, double[] rowCov, double[] diffHeat,
            double[] diffCov) {
        int c0 = (int) x0;
        int c1 = (int) Math.ceil(x1) - 1;
        if (c0 >= ac) {
            return;
        }
        c1 = Math.min(c1, ac - 1);
        if (c0 >= c1) {
            double w = x1 - x0;
            rowHeat[c0] += value * w;
            rowCov[c0] += w;
            return;
        }
        double first = c0 + 1 - x0;
        rowHeat[c0] += value * first;
        rowCov[c0] += first;
        double last = x1 - c1;
        rowHeat[c1] += value * last;
        rowCov[c1] += last;
        if (c1 > c0 + 1) {
            diffHeat[c0 + 1] += value;
            diffHeat[c1] -= value;
            diffCov[c0 + 1] += 1;
            diffCov[c1] -= 1;
        }
    }

    /**
     * Lays the snapshot's bytes out by access frequency, most accessed first from offset 0. Only the
     * frequency is drawn, so regions of equal frequency are interchangeable: one segment per distinct
     * {@code nr_accesses} value (a counting sort), O(regions + distinct values).
     */
    private static boolean fillSortedRow(
            TargetSnapshot t, long[][] bytesPerNrHolder, long a0, long a1, double cellBytes, int ac,
            double[] rowHeat, double[] rowCov, double[] diffHeat, double[] diffCov) {
        long[] bytesPerNr = bytesPerNrHolder[0];
        int maxNr = 0;
        for (int i = 0; i < t.size(); i++) {
            int nr = Math.max(0, t.nrAccesses()[i]);
            if (nr >= bytesPerNr.length) {
                bytesPerNr = java.util.Arrays.copyOf(bytesPerNr, Math.max(nr + 1, bytesPerNr.length * 2));
                bytesPerNrHolder[0] = bytesPerNr;
            }
            bytesPerNr[nr] += t.regionSize(i);
            maxNr = Math.max(maxNr, nr);
        }
        long offset = 0;
        boolean any = false;
        for (int nr = maxNr; nr >= 0; nr--) {
            long bytes = bytesPerNr[nr];
            bytesPerNr[nr] = 0;
            if (bytes == 0) {
                continue;
            }
            long rs = offset;
            long re = offset + bytes;
            offset = re;
            if (re <= a0 || rs >= a1) {
                continue;
            }
            double x0 = rs <= a0 ? 0 : (rs - a0) / cellBytes;
            double x1 = re >= a1 ? ac : (re - a0) / cellBytes;
            spread(x0, x1, nr, ac, rowHeat, rowCov, diffHeat, diffCov);
            any = true;
        }
        return any;
    }

    public int timeCells() {
        return timeCells;
    }

    public int addrCells() {
        return addrCells;
    }

    public long timeStartNs() {
        return timeStartNs;
    }

    public long timeEndNs() {
        return timeEndNs;
    }

    public long addrStart() {
        return addrStart;
    }

    public long addrEnd() {
        return addrEnd;
    }

    /** Mean nr_accesses of the cell, NaN where the record has no data. */
    public float heat(int timeCell, int addrCell) {
        return heat[timeCell * addrCells + addrCell];
    }

    public float minHeat() {
        return minHeat;
    }

    public float maxHeat() {
        return maxHeat;
    }

    /** Bytes of address space per column. */
    public double bytesPerCell() {
        return (double) (addrEnd - addrStart) / addrCells;
    }

    public double nsPerCell() {
        return (double) (timeEndNs - timeStartNs) / timeCells;
    }
}
