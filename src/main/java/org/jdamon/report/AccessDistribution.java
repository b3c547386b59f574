package org.jdamon.report;

import static org.jdamon.report.DamoFormat.padLeft;
import static org.jdamon.report.DamoFormat.padRight;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdamon.core.Attributes;
import org.jdamon.core.Units;
import org.jdamon.core.UnsignedMath;
import org.jdamon.record.TargetSnapshot;

/**
 * A snapshot summarised per byte, as damo's percentile and size-histogram styles do. The metric of a
 * region is either its idle time ("recency": 0 when accessed in the last aggregation, else its age plus
 * one aggregation interval) or its temperature (size weight zeroed).
 *
 * <p>Percentiles: regions sorted by the metric, each byte counted once; percentile {@code p} is the metric
 * of the region in which the running share of bytes first reaches {@code p} %. Histograms: ten equal
 * {@code [lo, hi)} metric ranges from the smallest metric ({@code ceil((max + 1 - min) / 10)} wide), each
 * with the total bytes of its regions and a bar of up to 20 {@code *} above the smallest total.
 *
 * <p>With {@code dfPassed}, each region weighs its bytes that passed the snapshot's DAMOS filters
 * instead of its size (damo's {@code df-passed} percentiles and histograms).
 */
final class AccessDistribution {
    static final int[] DEFAULT_PERCENTILES = {0, 1, 25, 50, 75, 99, 100};
    private static final int MAX_DOTS = 20;
    private static final int NR_BUCKETS = 10;

    private final TargetSnapshot t;
    private final double[] metric;
    private final boolean recency;
    private final TemperatureWeights weights;
    private final boolean raw;
    private final boolean dfPassed;

    AccessDistribution(TargetSnapshot t, Attributes a, double aggrUs, boolean recency, TemperatureWeights weights,
            boolean raw) {
        this(t, a, aggrUs, recency, weights, raw, false);
    }

    AccessDistribution(TargetSnapshot t, Attributes a, double aggrUs, boolean recency, TemperatureWeights weights,
            boolean raw, boolean dfPassed) {
        this.t = t;
        this.dfPassed = dfPassed;
        this.recency = recency;
        this.weights = weights;
        this.raw = raw;
        TemperatureWeights noSize = weights.withoutSize();
        metric = new double[t.size()];
        for (int i = 0; i < metric.length; i++) {
            long rate = SnapshotFilter.accessRatePercent(t.nrAccesses()[i], a);
            long ageUs = (long) t.ages()[i] * a.aggrUs();
            if (recency) {
                metric[i] = rate > 0 ? 0 : ageUs + aggrUs;
            } else {
                metric[i] = noSize.of(UnsignedMath.toDouble(t.regionSize(i)), rate, ageUs);
            }
        }
    }

    /** The bytes region {@code i} counts for: its size, or its filter-passed bytes. */
    private long bytes(int i) {
        return dfPassed ? FilterPassed.of(t, i) : t.regionSize(i);
    }

    private String formatMetric(double v) {
        return recency ? Units.damoDurationUs(v, raw) : Units.damoCount(v, raw);
    }

    /** The header line and one right-aligned {@code percentile  value  |bar|} line per percentile. */
    String percentiles(int[] wanted) {
        if (t.size() == 0) {
            return "no region in snapshot";
        }
        Integer[] order = new Integer[t.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> metric[i]));
        double total = 0;
        for (int i = 0; i < t.size(); i++) {
            total += UnsignedMath.toDouble(bytes(i));
        }
        if (total == 0) {
            return (dfPassed ? "<df-passed percentile>" : "<percentile>") + " no byte in snapshot";
        }
        List<int[]> rows = new ArrayList<>(); // {percentile, region}
        int next = 0;
        double share = 0;
        int last = order[0];
        for (int r : order) {
            last = r;
            share += UnsignedMath.toDouble(bytes(r)) * 100 / total;
            while (next < wanted.length && share >= wanted[next]) {
                rows.add(new int[] {wanted[next++], r});
            }
            if (share >= 100.0) {
                break;
            }
        }
        for (int k = next; k < wanted.length; k++) {
            if (wanted[k] == 100) {
                rows.add(new int[] {100, last});
            }
        }
        List<String> lines = new ArrayList<>();
        String legend = recency ? (raw ? "<idle time (us)>" : "<idle time>")
                : "<temperature (weights: " + weights + ")>";
        lines.add((dfPassed ? "<df-passed percentile> " : "<percentile> ") + legend);
        if (rows.isEmpty()) {
            return lines.getFirst();
        }
        int pWidth = 0;
        int vWidth = 0;
        for (int[] row : rows) {
            pWidth = Math.max(pWidth, Integer.toString(row[0]).length());
            vWidth = Math.max(vWidth, formatMetric(metric[row[1]]).length());
        }
        double min = metric[rows.getFirst()[1]];
        double max = metric[rows.getLast()[1]];
        double perDot = max != min ? (max - min) / MAX_DOTS : 1;
        for (int[] row : rows) {
            int dots = (int) ((metric[row[1]] - min) / perDot);
            lines.add(padLeft(Integer.toString(row[0]), pWidth) + "  " + padLeft(formatMetric(metric[row[1]]), vWidth)
                    + "  " + bar(dots));
        }
        return String.join("\n", lines);
    }

    /** Ten {@code [lo, hi) bytes |bar|} lines over the metric's range. */
    String sizeHistogram() {
        if (t.size() == 0) {
            return "no region in snapshot";
        }
        TreeMap<Double, Long> bytesOf = new TreeMap<>();
        for (int i = 0; i < metric.length; i++) {
            bytesOf.merge(metric[i], bytes(i), Long::sum);
        }
        double min = bytesOf.firstKey();
        double interval = Math.max(Math.ceil((bytesOf.lastKey() + 1 - min) / NR_BUCKETS), 1);
        String[] ranges = new String[NR_BUCKETS];
        long[] bytes = new long[NR_BUCKETS];
        for (int b = 0; b < NR_BUCKETS; b++) {
            double lo = min + interval * b;
            double hi = min + interval * (b + 1);
            for (Map.Entry<Double, Long> e : bytesOf.subMap(lo, true, hi, false).entrySet()) {
                bytes[b] += e.getValue();
            }
            ranges[b] = "[" + formatMetric(lo) + ", " + formatMetric(hi) + ")";
        }
        long minBytes = Arrays.stream(bytes).min().orElse(0);
        long maxBytes = Arrays.stream(bytes).max().orElse(0);
        long perDot = Math.max((maxBytes - minBytes) / MAX_DOTS, 1);
        int rangeWidth = Arrays.stream(ranges).mapToInt(String::length).max().orElse(0);
        int sizeWidth = 0;
        for (long v : bytes) {
            sizeWidth = Math.max(sizeWidth, Units.damoSize(v, raw).length());
        }
        List<String> lines = new ArrayList<>();
        for (int b = 0; b < NR_BUCKETS; b++) {
            int dots = (int) Math.min(Math.ceil((double) (bytes[b] - minBytes) / perDot), MAX_DOTS);
            lines.add(padRight(ranges[b], rangeWidth) + " " + padRight(Units.damoSize(bytes[b], raw), sizeWidth) + " "
                    + bar(dots));
        }
        return String.join("\n", lines);
    }

    private static String bar(int dots) {
        return "|" + "*".repeat(dots) + " ".repeat(MAX_DOTS - dots) + "|";
    }
}
