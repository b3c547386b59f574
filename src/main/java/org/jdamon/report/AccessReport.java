package org.jdamon.report;

import static org.jdamon.report.DamoFormat.padRight;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Set;
import org.jdamon.core.Attributes;
import org.jdamon.core.IntervalsGoal;
import org.jdamon.core.Units;
import org.jdamon.core.UnsignedMath;
import org.jdamon.core.damos.DamosFilter;
import org.jdamon.record.RecordSource;
import org.jdamon.record.RecordStream;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;
import org.jdamon.record.damo.DamoJsonRecord;

/**
 * {@code report access}: per selected snapshot of each target, in one of damo's {@link AccessStyle}s.
 * The default {@code detailed} style prints a one-line heatmap of the address space (80 digits of
 * temperature, gaps between areas as {@code [...]}), its temperature scale, the monitoring intervals, one
 * line per region (address, size, access frequency, age), and a footer with the memory bandwidth estimate
 * and the total size. {@code hot}/{@code cold} keep that frame but list regions as boxes sorted by
 * temperature; {@code simple-boxes} lists boxes under the snapshot time; the percentile and histogram
 * styles replace the region list with a per-byte summary ({@link AccessDistribution}).
 *
 * <p>Temperatures follow {@link TemperatureWeights} (default size 0, access rate 100, age 100).
 *
 * <p>A record taken through DAMOS filters ({@link org.jdamon.record.RecordHeader#snapshotFilters()})
 * adds damo's df-passed output ({@link FilterPassed}): the filter line and a heatmap of the regions that
 * passed bytes, a per-region {@code df-passed} column, the passed totals and bandwidth, and df-passed
 * percentiles or histograms before the total ones.
 */
public final class AccessReport {
    private AccessReport() {}

    /**
     * {@code firstIdx..lastIdx}: inclusive snapshot index range per target, negative values counting from
     * the end ({@code -1} is the last snapshot, the default). {@code color}: ANSI colours on the heatmap
     * and boxes. {@code percentiles}: the percentiles the percentile styles print. {@code totalSizeOnly}:
     * one total-size line per snapshot (damo's {@code --total_sz_only}).
     */
    public record Options(int firstIdx, int lastIdx, boolean raw, boolean color, int heatmapWidth,
            AccessStyle style, RegionOrder regionOrder, TemperatureWeights weights, int[] percentiles,
            boolean totalSizeOnly) {
        public static final Options DEFAULTS = new Options(-1, -1, false, false, 80);

        public Options(int firstIdx, int lastIdx, boolean raw, boolean color, int heatmapWidth) {
            this(firstIdx, lastIdx, raw, color, heatmapWidth, AccessStyle.DETAILED, RegionOrder.BY_ADDRESS,
                    TemperatureWeights.DEFAULT, AccessDistribution.DEFAULT_PERCENTILES, false);
        }

        public Options withStyle(AccessStyle s) {
            return new Options(firstIdx, lastIdx, raw, color, heatmapWidth, s, regionOrder, weights, percentiles,
                    totalSizeOnly);
        }

        public Options withRegionOrder(RegionOrder order) {
            return new Options(firstIdx, lastIdx, raw, color, heatmapWidth, style, order, weights, percentiles,
                    totalSizeOnly);
        }

        public Options withWeights(TemperatureWeights w) {
            return new Options(firstIdx, lastIdx, raw, color, heatmapWidth, style, regionOrder, w, percentiles,
                    totalSizeOnly);
        }

        public Options withPercentiles(int[] p) {
            return new Options(firstIdx, lastIdx, raw, color, heatmapWidth, style, regionOrder, weights, p.clone(),
                    totalSizeOnly);
        }

        public Options withSnapshotRange(int first, int last) {
            return new Options(first, last, raw, color, heatmapWidth, style, regionOrder, weights, percentiles,
                    totalSizeOnly);
        }

        public Options withTotalSizeOnly(boolean only) {
            return new Options(firstIdx, lastIdx, raw, color, heatmapWidth, style, regionOrder, weights, percentiles,
                    only);
        }
    }

    /**
     * damo's {@code --percentiles_range}: up to three numbers are Python {@code range()} arguments
     * (stop, or start stop [step]); more are the percentiles themselves, sorted.
     */
    public static int[] percentilesRange(List<Integer> args) {
        if (args.size() > 3) {
            return args.stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        int start = args.size() >= 2 ? args.get(0) : 0;
        int stop = args.size() >= 2 ? args.get(1) : args.get(0);
        int step = args.size() == 3 ? args.get(2) : 1;
        if (step == 0) {
            throw new IllegalArgumentException("--percentiles_range: step must not be zero");
        }
        return PercentileTable.range(start, stop, step);
    }

    /**
     * The record as damo's report access sees it after its filters: each target's regions filtered and
     * clipped by {@code f}, and a target's snapshot dropped when its remaining bytes miss every
     * {@code --sz_snapshot} range.
     */
    public static Recording filter(Recording r, SnapshotFilter f) {
        Attributes a = r.header().attributes();
        List<Snapshot> out = new ArrayList<>();
        for (Snapshot s : r.snapshots()) {
            Snapshot kept = filter(s, f, a);
            if (kept != null) {
                out.add(kept);
            }
        }
        return new Recording(r.header(), out, r.sideData(), r.warnings());
    }

    /** One snapshot after the filters, or null when no target of it is left. */
    private static Snapshot filter(Snapshot s, SnapshotFilter f, Attributes a) {
        List<TargetSnapshot> kept = new ArrayList<>();
        for (TargetSnapshot t : s.targets()) {
            TargetSnapshot regions = f.regionsOf(t, a);
            if (f.snapshotSizeMatches(regions.totalBytes())) {
                kept.add(regions);
            }
        }
        return kept.isEmpty() ? null : new Snapshot(s.startNs(), s.endNs(), kept);
    }

    /**
     * damo's raw form ({@code --raw_form}) of the snapshots the options select, read one snapshot at a
     * time: the index selection counts each target's snapshots, then {@code f} (null: none) filters the
     * selected ones. Returns what the reader skipped.
     */
    public static List<String> writeRawForm(RecordSource source, Options o, SnapshotFilter f, Appendable out)
            throws IOException {
        Attributes a;
        try (RecordStream s = source.open()) {
            a = s.header().attributes();
        }
        return RawReport.write(source, (s, index, count, first) -> !selected(index, count, o) ? null
                : f == null ? s : filter(s, f, a), o.raw(), out);
    }

    private static final int[] GRAY_FG = {237, 239, 241, 243, 245, 247, 249, 251, 253, 255};
    private static final int MAX_LEVEL = 9;

    public static String json(Recording r, Options o) {
        return DamoJsonRecord.write(r, chosen(r, o)::contains);
    }

    /**
     * The snapshots {@code firstIdx..lastIdx} (inclusive, negative counting from the end) of a record
     * read one at a time, as a small recording: only the selected snapshots (or, for indexes from the
     * end, that many of the latest) are held in memory. Indexes count the record's snapshots.
     */
    public static Recording select(RecordStream s, int firstIdx, int lastIdx) throws IOException {
        int keepLast = Math.max(firstIdx < 0 ? -firstIdx : 0, lastIdx < 0 ? -lastIdx : 0);
        Map<Integer, ArrayDeque<Snapshot>> kept = new LinkedHashMap<>();
        Map<Integer, ArrayDeque<Integer>> keptIdx = new LinkedHashMap<>();
        Map<Integer, int[]> counts = new LinkedHashMap<>();
        for (Snapshot snap; (snap = s.nextSnapshot()) != null; ) {
            for (TargetSnapshot t : snap.targets()) {
                int n = counts.computeIfAbsent(t.targetId(), k -> new int[1])[0]++;
                boolean wanted = (firstIdx < 0 || n >= firstIdx) && (lastIdx < 0 || n <= lastIdx);
                if (!wanted) {
                    continue;
                }
                ArrayDeque<Snapshot> k = kept.computeIfAbsent(t.targetId(), x -> new ArrayDeque<>());
                ArrayDeque<Integer> ki = keptIdx.computeIfAbsent(t.targetId(), x -> new ArrayDeque<>());
                k.addLast(snap.targets().size() == 1 ? snap : new Snapshot(snap.startNs(), snap.endNs(), List.of(t)));
                ki.addLast(n);
                if (firstIdx < 0 && k.size() > keepLast) {
                    k.removeFirst();
                    ki.removeFirst();
                }
            }
        }
        List<Snapshot> out = new ArrayList<>();
        for (Map.Entry<Integer, ArrayDeque<Snapshot>> e : kept.entrySet()) {
            int n = counts.get(e.getKey())[0];
            int from = firstIdx < 0 ? n + firstIdx : firstIdx;
            int to = lastIdx < 0 ? n + lastIdx : lastIdx;
            ArrayDeque<Integer> ki = keptIdx.get(e.getKey());
            for (Snapshot snap : e.getValue()) {
                int i = ki.removeFirst();
                if (i >= from && i <= to) {
                    out.add(snap);
                }
            }
        }
        return new Recording(s.header(), out, s.sideData(), s.warnings());
    }

    /** The selected snapshots in damo's raw form ({@code --raw_form}). */
    public static String rawForm(Recording r, Options o) {
        StringBuilder out = new StringBuilder();
        try {
            writeRawForm(RecordSource.of(r), o, null, out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Set<Snapshot> chosen(Recording r, Options o) {
        Set<Snapshot> chosen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (TargetSeries t : TargetSeries.of(r)) {
            for (int i : selected(t, o)) {
                chosen.add(t.snapshots().get(i));
            }
        }
        return chosen;
    }

    private static List<Integer> selected(TargetSeries t, Options o) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            if (selected(i, t.size(), o)) {
                out.add(i);
            }
        }
        return out;
    }

    /** Whether the {@code index}-th of a target's {@code n} snapshots is in the options' index range. */
    private static boolean selected(int index, int n, Options o) {
        int from = o.firstIdx() < 0 ? n + o.firstIdx() : o.firstIdx();
        int to = o.lastIdx() < 0 ? n + o.lastIdx() : o.lastIdx();
        return index >= Math.max(from, 0) && index <= Math.min(to, n - 1);
    }

    public static String text(Recording r, Options o) {
        Attributes a = r.header().attributes();
        boolean raw = o.raw();
        AccessStyle style = o.style();
        List<TargetSeries> series = TargetSeries.of(r);
        List<List<Integer>> picks = new ArrayList<>();
        boolean needSnapshotTime = false;
        RegionBox box = new RegionBox();
        for (TargetSeries t : series) {
            List<Integer> p = selected(t, o);
            picks.add(p);
            needSnapshotTime |= p.size() > 1;
            for (int i : p) {
                box.cover(t.regions().get(i), a);
            }
        }
        RegionOrder order = o.regionOrder();
        if (style == AccessStyle.HOT || style == AccessStyle.COLD) {
            order = new RegionOrder(List.of(RegionOrder.Key.TEMPERATURE), style == AccessStyle.HOT
                    ? Set.of(RegionOrder.Key.TEMPERATURE) : order.descending());
        }
        List<DamosFilter> filters = r.header().snapshotFilters();
        boolean anyFilter = FilterPassed.anyFilter(filters);
        boolean opsFilters = FilterPassed.opsFilters(filters);
        String passType = padRight(FilterPassed.passType(filters), 10);
        List<String> out = new ArrayList<>();
        for (int ti = 0; ti < series.size(); ti++) {
            TargetSeries t = series.get(ti);
            List<Integer> pick = picks.get(ti);
            if (series.size() > 1) {
                out.add(recordHead(r, t, pick, raw));
            }
            long baseNs = pick.isEmpty() ? 0 : t.snapshots().get(pick.get(0)).startNs();
            for (int k = 0; k < pick.size(); k++) {
                Snapshot s = t.snapshots().get(pick.get(k));
                TargetSnapshot ts = t.regions().get(pick.get(k));
                double aggrUs = snapshotAggrUs(s, a);
                if (o.totalSizeOnly()) {
                    out.add(Units.damoSize(ts.totalBytes(), raw));
                    continue;
                }
                String time = "snapshot time: [" + Units.damoDurationNs(s.startNs() - baseNs, raw) + ", "
                        + Units.damoDurationNs(s.endNs() - baseNs, raw) + "] ("
                        + Units.damoDurationNs(s.endNs() - s.startNs(), raw) + ")";
                if (style == AccessStyle.SIMPLE_BOXES || needSnapshotTime && !style.histogram()) {
                    out.add(time);
                }
                if (style.percentiles() || style.histogram()) {
                    String metric = style.recency() ? "recency" : "temperature";
                    String legend = style.recency() ? "<idle time (us)>" : "<temperature>";
                    if (opsFilters) {
                        AccessDistribution df = new AccessDistribution(ts, a, aggrUs, style.recency(), o.weights(),
                                raw, true);
                        out.add("# damos filters (df): " + passType);
                        if (style.percentiles()) {
                            out.add("# df-passed " + metric + " percentiles");
                            out.add(df.percentiles(o.percentiles()));
                        } else {
                            out.add(legend + " <df-passed size>");
                            out.add(df.sizeHistogram());
                        }
                        out.add("");
                    }
                    AccessDistribution d = new AccessDistribution(ts, a, aggrUs, style.recency(), o.weights(), raw);
                    if (style.percentiles()) {
                        out.add("# total " + metric + " percentiles");
                        out.add(d.percentiles(o.percentiles()));
                    } else {
                        out.add(legend + " <total size>");
                        out.add(d.sizeHistogram());
                    }
                } else if (style != AccessStyle.SIMPLE_BOXES) {
                    out.add("heatmap: " + heatmap(ts, a, o));
                    out.add("intervals: " + intervals(a, aggrUs, raw));
                    if (anyFilter) {
                        out.add("# damos filters (df): " + passType);
                        out.add("df-pass: " + heatmap(FilterPassed.passingRegions(ts), a, o));
                    }
                }
                int[] sorted = order.sorted(ts, a, o.weights());
                for (int i = 0; i < sorted.length && !style.percentiles() && !style.histogram(); i++) {
                    String line = style.boxes() ? boxLine(sorted[i], ts, a, aggrUs, box, style, o)
                            : regionLine(i, sorted[i], ts, a, aggrUs, raw);
                    // damo's box styles set their own region format, which has no df-passed column
                    boolean dfColumn = anyFilter && !style.boxes();
                    out.add(dfColumn ? line + " df-passed " + FilterPassed.region(ts, sorted[i], raw) : line);
                }
                String bw = "memory bw estimate: " + bandwidth(ts, aggrUs, raw, false) + " per second";
                String size = "total size: " + Units.damoSize(ts.totalBytes(), raw);
                if (anyFilter) {
                    bw += "  df-passed: " + bandwidth(ts, aggrUs, raw, true) + " per second";
                    size += "  df-passed " + FilterPassed.total(ts, raw);
                }
                out.add(bw + "\n" + size);
                if (k < pick.size() - 1) {
                    out.add("");
                }
            }
            String tail = "record DAMON intervals: sample " + Units.damoDurationUs(a.sampleUs(), raw) + ", aggr "
                    + Units.damoDurationUs(a.aggrUs(), raw);
            IntervalsGoal g = a.intervalsGoal();
            if (g.enabled()) {
                tail += "\n# target " + Units.damoBp(g.accessBp(), raw) + " accesses per "
                        + Units.damoCount(g.aggrs(), raw) + " aggrs, [" + Units.damoDurationUs(g.minSampleUs(), raw)
                        + ", " + Units.damoDurationUs(g.maxSampleUs(), raw) + "] sampling interval";
            }
            out.add(tail);
        }
        return String.join("\n", out) + "\n";
    }

    private static String recordHead(Recording r, TargetSeries t, List<Integer> pick, boolean raw) {
        String duration = "0 ns";
        String start = Units.damoDurationNs(r.header().startEpochNs(), raw);
        if (!pick.isEmpty()) {
            Snapshot first = t.snapshots().get(pick.get(0));
            Snapshot last = t.snapshots().get(pick.get(pick.size() - 1));
            duration = Units.damoDurationNs(last.endNs() - first.startNs(), raw);
            start = Units.damoDurationNs(r.header().startEpochNs() + first.startNs(), raw);
        }
        return "kdamond 0 / context 0 / scheme None / target id " + t.target().id() + " / recorded for "
                + duration + " from " + start;
    }

    /** The aggregation interval of a snapshot: the record's, or the snapshot's length when auto-tuned. */
    static double snapshotAggrUs(Snapshot s, Attributes a) {
        if (!a.intervalsGoal().enabled()) {
            return a.aggrUs();
        }
        double snapUs = (s.endNs() - s.startNs()) / 1000.0;
        if (Math.abs(snapUs - a.aggrUs()) / a.aggrUs() < 0.1) {
            return a.aggrUs();
        }
        return snapUs;
    }

    private static String intervals(Attributes a, double aggrUs, boolean raw) {
        double ratio = (double) a.aggrUs() / a.sampleUs();
        double sampleUs = aggrUs / ratio;
        double maxHz = ratio / (aggrUs / 1e6);
        return "sample " + Units.damoDurationUs(sampleUs, raw) + " aggr " + Units.damoDurationUs(aggrUs, raw)
                + " (max access hz " + Units.damoHz(maxHz, raw, false) + ")";
    }

    private static String regionLine(int index, int i, TargetSnapshot ts, Attributes a, double aggrUs, boolean raw) {
        return padRight(Units.damoCount(index, raw), 3) + " addr " + padRight(Units.damoSize(ts.starts()[i], raw), 12)
                + " size " + padRight(Units.damoSize(ts.regionSize(i), raw), 11)
                + " access " + padRight(hz(ts, i, aggrUs, raw), 6)
                + " age " + padRight(Units.damoDurationUs((long) ts.ages()[i] * a.aggrUs(), raw), 13);
    }

    /** {@code simple-boxes}: {@code <box> size <size> access <hz> age <age>}; hot/cold drop the labels. */
    private static String boxLine(int i, TargetSnapshot ts, Attributes a, double aggrUs, RegionBox box,
            AccessStyle style, Options o) {
        boolean raw = o.raw();
        long ageUs = (long) ts.ages()[i] * a.aggrUs();
        String labelled = style == AccessStyle.SIMPLE_BOXES ? " size " : " ";
        return box.draw(ageUs, SnapshotFilter.accessRatePercent(ts.nrAccesses()[i], a), o.color()) + labelled
                + padRight(Units.damoSize(ts.regionSize(i), raw), 11) + " access " + padRight(hz(ts, i, aggrUs, raw), 6)
                + (style == AccessStyle.SIMPLE_BOXES ? " age " : " ") + padRight(Units.damoDurationUs(ageUs, raw), 13);
    }

    private static String hz(TargetSnapshot ts, int i, double aggrUs, boolean raw) {
        return Units.damoHz(ts.nrAccesses()[i] / (aggrUs / 1e6), raw, true);
    }

    /** damo's memory bandwidth estimate: bytes (all, or filter-passed) times accesses per second. */
    private static String bandwidth(TargetSnapshot ts, double aggrUs, boolean raw, boolean dfPassed) {
        double bytes = 0;
        for (int i = 0; i < ts.size(); i++) {
            long b = dfPassed ? FilterPassed.of(ts, i) : ts.regionSize(i);
            bytes += UnsignedMath.toDouble(b) * ts.nrAccesses()[i];
        }
        return Units.damoSize(bytes / (aggrUs / 1e6), raw);
    }

    /** damo's temperature of region {@code i} of {@code t}. */
    static double temperature(TargetSnapshot t, int i, Attributes a, TemperatureWeights w) {
        return w.of(UnsignedMath.toDouble(t.regionSize(i)), SnapshotFilter.accessRatePercent(t.nrAccesses()[i], a),
                (long) t.ages()[i] * a.aggrUs());
    }

    /** The heatmap strip and, on the next line, its scale comment (damo's {@code heatmap_str}). */
    static String heatmap(TargetSnapshot ts, Attributes a, Options o) {
        int n = ts.size();
        if (n == 0) {
            return "n/a (no region)";
        }
        double[] s = new double[n];
        double[] e = new double[n];
        long[] rate = new long[n];
        long[] ageUs = new long[n];
        TemperatureWeights w = o.weights();
        double total = 0;
        for (int i = 0; i < n; i++) {
            s[i] = UnsignedMath.toDouble(ts.starts()[i]);
            e[i] = UnsignedMath.toDouble(ts.ends()[i]);
            rate[i] = SnapshotFilter.accessRatePercent(ts.nrAccesses()[i], a);
            ageUs[i] = (long) ts.ages()[i] * a.aggrUs();
            total += UnsignedMath.toDouble(ts.regionSize(i));
        }
        double unit = total / o.heatmapWidth();
        List<double[]> pixels = new ArrayList<>(); // {start, end, temperature, void?1:0}
        double min = Double.NaN;
        double max = Double.NaN;
        double start = s[0];
        while (start < e[n - 1]) {
            double end = start + unit;
            double heat = 0;
            boolean isVoid = true;
            for (int i = 0; i < n; i++) {
                if (e[i] <= start) {
                    continue;
                }
                if (end <= s[i]) {
                    break;
                }
                isVoid = false;
                double part = Math.min(e[i], end) - Math.max(s[i], start);
                heat += w.of(part, rate[i], ageUs[i]) * part;
            }
            double[] px = {start, end, heat / (end - start), isVoid ? 1 : 0};
            pixels.add(px);
            if (isVoid) {
                int next = -1;
                for (int i = 0; i < n; i++) {
                    if (s[i] > end) {
                        next = i;
                        break;
                    }
                }
                if (next < 0) {
                    break;
                }
                start = Math.floor(s[next] / unit) * unit;
                px[1] = start;
            } else {
                if (Double.isNaN(min) || px[2] < min) {
                    min = px[2];
                }
                if (Double.isNaN(max) || px[2] > max) {
                    max = px[2];
                }
                start = end;
            }
        }
        double tempUnit = (max - min) / MAX_LEVEL;
        if (tempUnit == 0) {
            tempUnit = max / MAX_LEVEL;
        }
        if (tempUnit == 0) {
            tempUnit = 1;
        }
        StringBuilder dots = new StringBuilder();
        for (double[] px : pixels) {
            if (px[3] == 1) {
                double nrDots = (px[1] - px[0]) / unit;
                if (nrDots > 4) {
                    dots.append("[...]");
                } else if (nrDots > 0) {
                    dots.append(".".repeat((int) nrDots));
                }
                continue;
            }
            int level = (int) ((px[2] - min) / tempUnit);
            if (o.color()) {
                int l = Math.max(0, Math.min(MAX_LEVEL, level));
                dots.append(String.format(Locale.ROOT, "\u001b[48;5;232m\u001b[38;5;%dm%d\u001b[0m", GRAY_FG[l], level));
            } else {
                dots.append(level);
            }
        }
        return dots + "\n# min/max temperatures: " + Units.damoCount(min, o.raw()) + ", " + Units.damoCount(max, o.raw())
                + ", column size: " + Units.damoSize(unit, o.raw());
    }
}
