package org.jdamon.report.image;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;
import org.jdamon.core.damos.MemoryState;
import org.jdamon.report.Distribution;
import org.jdamon.report.SchemesReport;
import org.jdamon.report.WorkingSetSize;

/**
 * The charts of a record: WSS distribution (percentiles, like damo's {@code wss_sz}), WSS over time
 * ({@code wss_time}), nr_regions over time, plus whatever the registered {@link SideDataCharts} make of
 * side data (footprints, scheme applied bytes, RSS, refaults).
 */
public final class RecordCharts {
    private static final List<SideDataCharts> PLUGINS = new CopyOnWriteArrayList<>();

    private RecordCharts() {}

    /** Turns a record's side data of some kinds into charts; register one per kind family. */
    public interface SideDataCharts {
        List<ChartSpec> charts(Recording rec);
    }

    public static void register(SideDataCharts plugin) {
        PLUGINS.add(plugin);
    }

    /** A named chart, its file stem for the site ({@code wss_sz}, {@code wss_time}, ...). */
    public record Named(String stem, ChartSpec spec) {}

    public static List<Named> all(Recording rec, List<Integer> targets, WorkingSetSize wss) {
        List<Named> out = new ArrayList<>();
        out.add(new Named("wss_sz", wssDistribution(rec, targets, wss)));
        out.add(new Named("wss_time", wssOverTime(rec, targets, wss)));
        out.add(new Named("nr_regions_time", nrRegionsOverTime(rec, targets)));
        SchemesReport.Summary schemes = SchemesReport.summarize(rec);
        if (!schemes.timeline().isEmpty()) {
            ChartSpec applied = schemeAppliedBytes(schemes);
            if (!applied.series().isEmpty()) {
                out.add(new Named("damos_applied_time", applied));
            }
            ChartSpec rss = memoryOverTime(schemes, "resident set size over time", "RSS", AxisFormat.BYTES,
                    MemoryState::rssBytes);
            if (!rss.series().isEmpty()) {
                out.add(new Named("rss_time", rss));
            }
            ChartSpec refaults = memoryOverTime(schemes, "refaults over time (cumulative)", "refaults",
                    AxisFormat.NUMBER, MemoryState::refaults);
            if (!refaults.series().isEmpty()) {
                out.add(new Named("refaults_time", refaults));
            }
        }
        int k = 0;
        for (SideDataCharts p : PLUGINS) {
            for (ChartSpec c : p.charts(rec)) {
                out.add(new Named("side_" + k++, c));
            }
        }
        return out;
    }

    /** Percentiles 0..100 of each target's WSS distribution (damo's {@code report wss --range 0 101 1}). */
    public static ChartSpec wssDistribution(Recording rec, List<Integer> targets, WorkingSetSize wss) {
        List<Series> series = new ArrayList<>();
        for (int t : targets) {
            Distribution d = Distribution.sorted(wss.series(rec, t));
            if (d.isEmpty()) {
                continue;
            }
            double[] x = new double[101];
            double[] y = new double[101];
            for (int p = 0; p <= 100; p++) {
                x[p] = p;
                y[p] = d.percentile(p);
            }
            series.add(new Series("target " + t, x, y, color(series.size())));
        }
        return new ChartSpec("working set size distribution", "percentile", AxisFormat.NUMBER,
                "working set size", AxisFormat.BYTES, series);
    }

    /** Every snapshot's WSS (none excluded) against the end of its window. */
    public static ChartSpec wssOverTime(Recording rec, List<Integer> targets, WorkingSetSize wss) {
        List<Series> series = new ArrayList<>();
        WorkingSetSize all = new WorkingSetSize(wss.accessThreshold(), wss.sizeThreshold(), 0);
        for (int t : targets) {
            series.add(new Series("target " + t, toDouble(all.seriesTimesNs(rec, t)), toDouble(all.series(rec, t)),
                    color(series.size())));
        }
        return new ChartSpec("working set size over time", "time", AxisFormat.DURATION_NS,
                "working set size", AxisFormat.BYTES, series);
    }

    public static ChartSpec nrRegionsOverTime(Recording rec, List<Integer> targets) {
        List<Series> series = new ArrayList<>();
        double[] time = endTimes(rec);
        for (int t : targets) {
            double[] y = new double[time.length];
            int k = 0;
            for (Snapshot s : rec.snapshots()) {
                TargetSnapshot ts = s.target(t);
                y[k++] = ts == null ? 0 : ts.size();
            }
            series.add(new Series("target " + t, time, y, color(series.size())));
        }
        return new ChartSpec("number of regions over time", "time", AxisFormat.DURATION_NS,
                "nr_regions", AxisFormat.NUMBER, series);
    }

    /** Each scheme's cumulative bytes applied ({@code sz_applied}) against time. */
    public static ChartSpec schemeAppliedBytes(SchemesReport.Summary s) {
        int nSchemes = 0;
        for (SchemesReport.Point p : s.timeline()) {
            nSchemes = Math.max(nSchemes, p.schemes().size());
        }
        List<Series> series = new ArrayList<>();
        for (int k = 0; k < nSchemes; k++) {
            List<double[]> pts = new ArrayList<>();
            for (SchemesReport.Point p : s.timeline()) {
                if (k < p.schemes().size()) {
                    pts.add(new double[] {p.timeNs(), p.schemes().get(k).stats().szApplied()});
                }
            }
            String action = k < s.schemes().size() ? s.schemes().get(k).action() : "scheme";
            series.add(series("scheme " + k + " (" + action + ")", pts, color(k)));
        }
        return new ChartSpec("DAMOS: bytes applied (cumulative)", "time", AxisFormat.DURATION_NS, "sz_applied",
                AxisFormat.BYTES, series);
    }

    /** One memory-state field against time, from the points that have it (known values only). */
    public static ChartSpec memoryOverTime(SchemesReport.Summary s, String title, String yLabel, AxisFormat y,
            java.util.function.ToLongFunction<MemoryState> field) {
        List<double[]> pts = new ArrayList<>();
        for (SchemesReport.Point p : s.timeline()) {
            if (p.memory() != null && field.applyAsLong(p.memory()) >= 0) {
                pts.add(new double[] {p.timeNs(), field.applyAsLong(p.memory())});
            }
        }
        List<Series> series = pts.isEmpty() ? List.of() : List.of(series(yLabel, pts, color(0)));
        return new ChartSpec(title, "time", AxisFormat.DURATION_NS, yLabel, y, series);
    }

    private static Series series(String name, List<double[]> pts, int rgb) {
        double[] x = new double[pts.size()];
        double[] y = new double[pts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
        }
        return new Series(name, x, y, rgb);
    }

    private static double[] endTimes(Recording rec) {
        double[] x = new double[rec.snapshots().size()];
        int k = 0;
        for (Snapshot s : rec.snapshots()) {
            x[k++] = s.endNs();
        }
        return x;
    }

    private static double[] toDouble(long[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    static int color(int i) {
        return ChartSpec.COLORS[i % ChartSpec.COLORS.length];
    }
}
