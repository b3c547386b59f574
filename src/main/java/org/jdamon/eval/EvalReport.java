package org.jdamon.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdamon.core.Units;
import org.jdamon.io.Json;

/** Formats evaluation runs side by side as a text table, or as one JSON object. */
public final class EvalReport {
    private EvalReport() {}

    public static String text(String input, List<EvalRun> runs, boolean perWindow) {
        StringBuilder sb = new StringBuilder();
        sb.append("eval: ").append(input).append('\n');
        EvalThresholds th = runs.getFirst().summary().thresholds();
        sb.append("thresholds: hot = nr_accesses >= ").append(th.hotMinNrAccesses())
                .append(", cold = idle for >= ").append(Units.formatDurationUs(th.coldMinAgeUs())).append('\n');
        for (Map.Entry<String, String> f : runs.getFirst().facts().entrySet()) {
            sb.append(f.getKey()).append(": ").append(f.getValue()).append('\n');
        }
        List<String[]> rows = new ArrayList<>();
        String[] head = new String[runs.size() + 1];
        head[0] = "";
        for (int i = 0; i < runs.size(); i++) {
            head[i + 1] = runs.get(i).label();
        }
        rows.add(head);
        row(rows, runs, "aggregation windows", s -> Integer.toString(s.windows()));
        row(rows, runs, "true WSS p50", s -> size(s.trueWssP50()));
        row(rows, runs, "estimated WSS p50", s -> size(s.estimatedWssP50()));
        row(rows, runs, "WSS error (MAPE)", s -> pct(s.wssMape()));
        row(rows, runs, "WSS error p50/p90/p99/max", s -> pct(s.wssApePercentiles()[0]) + " / "
                + pct(s.wssApePercentiles()[1]) + " / " + pct(s.wssApePercentiles()[2]) + " / "
                + pct(s.wssApePercentiles()[3]));
        row(rows, runs, "access-frequency error", s -> num(s.freqAbsError()) + " nr_accesses ("
                + pct(s.freqAbsErrorPercentOfMax()) + " of max)");
        row(rows, runs, "hot precision / recall", s -> num(s.hotPrecision()) + " / " + num(s.hotRecall()));
        row(rows, runs, "cold precision / recall", s -> num(s.coldPrecision()) + " / " + num(s.coldRecall()));
        String[] cov = new String[runs.size() + 1];
        cov[0] = "outside regions: accesses / pages";
        for (int i = 0; i < runs.size(); i++) {
            CoverageSummary c = runs.get(i).coverage();
            cov[i + 1] = c == null ? "-" : c.cell();
        }
        rows.add(cov);
        row(rows, runs, "access checks", s -> "%,d".formatted(s.damonChecks()));
        row(rows, runs, "page-granular checks", s -> "%,d".formatted(s.pageGranularChecks()));
        row(rows, runs, "check reduction", s -> "x" + num(s.checkReduction()));
        String[] wall = new String[runs.size() + 1];
        wall[0] = "wall time";
        for (int i = 0; i < runs.size(); i++) {
            wall[i + 1] = String.format(Locale.ROOT, "%.2f s", runs.get(i).wallNanos() / 1e9);
        }
        rows.add(wall);
        table(sb, rows);
        if (perWindow) {
            for (EvalRun run : runs) {
                sb.append('\n').append(run.label()).append(" per aggregation:\n");
                List<String[]> wr = new ArrayList<>();
                wr.add(new String[] {"target", "window", "end", "regions", "true WSS", "est. WSS", "WSS err",
                    "freq err", "hot P", "hot R", "cold P", "cold R"});
                for (EvalWindow w : run.windows()) {
                    wr.add(new String[] {Integer.toString(w.targetId()), Integer.toString(w.index()),
                        Units.formatDurationUs(w.endNs() / 1000), Integer.toString(w.nrRegions()),
                        size(w.trueWssBytes()), size(w.estimatedWssBytes()), pct(w.wssAbsPercentError()),
                        num(w.freqAbsError()),
                        num(ratio(w.hotTruePositive(), w.hotTruePositive() + w.hotFalsePositive())),
                        num(ratio(w.hotTruePositive(), w.hotTruePositive() + w.hotFalseNegative())),
                        num(ratio(w.coldTruePositive(), w.coldTruePositive() + w.coldFalsePositive())),
                        num(ratio(w.coldTruePositive(), w.coldTruePositive() + w.coldFalseNegative()))});
                }
                table(sb, wr);
            }
        }
        return sb.toString();
    }

    public static String json(String input, List<EvalRun> runs) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("input", input);
        EvalThresholds th = runs.getFirst().summary().thresholds();
        root.put("thresholds", Map.of("hot_min_nr_accesses", th.hotMinNrAccesses(), "cold_min_age_us",
                th.coldMinAgeUs()));
        List<Object> rs = new ArrayList<>();
        for (EvalRun run : runs) {
            EvalSummary s = run.summary();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", run.label());
            m.put("facts", run.facts());
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("windows", s.windows());
            sm.put("true_wss_p50_bytes", j(s.trueWssP50()));
            sm.put("estimated_wss_p50_bytes", j(s.estimatedWssP50()));
            sm.put("wss_mape_percent", j(s.wssMape()));
            List<Object> ps = new ArrayList<>();
            for (int i = 0; i < EvalSummary.PERCENTILES.length; i++) {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("percentile", EvalSummary.PERCENTILES[i]);
                pm.put("ape_percent", j(s.wssApePercentiles()[i]));
                ps.add(pm);
            }
            sm.put("wss_ape_distribution", ps);
            sm.put("freq_abs_error_nr_accesses", j(s.freqAbsError()));
            sm.put("freq_abs_error_percent_of_max", j(s.freqAbsErrorPercentOfMax()));
            sm.put("hot_precision", j(s.hotPrecision()));
            sm.put("hot_recall", j(s.hotRecall()));
            sm.put("cold_precision", j(s.coldPrecision()));
            sm.put("cold_recall", j(s.coldRecall()));
            CoverageSummary c = run.coverage();
            if (c != null) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("pages", c.total().pages());
                cm.put("pages_never_monitored", c.total().pagesOutside());
                cm.put("page_windows", c.pageWindows());
                cm.put("page_windows_outside", c.pageWindowsOutside());
                cm.put("accesses", c.total().accesses());
                cm.put("accesses_outside", c.total().accessesOutside());
                sm.put("coverage", cm);
            }
            sm.put("access_checks", s.damonChecks());
            sm.put("page_granular_checks", s.pageGranularChecks());
            sm.put("wall_seconds", run.wallNanos() / 1e9);
            m.put("summary", sm);
            List<Object> ws = new ArrayList<>();
            for (EvalWindow w : run.windows()) {
                Map<String, Object> wm = new LinkedHashMap<>();
                wm.put("target_id", w.targetId());
                wm.put("index", w.index());
                wm.put("start_ns", w.startNs());
                wm.put("end_ns", w.endNs());
                wm.put("nr_regions", w.nrRegions());
                wm.put("pages", w.pages());
                wm.put("true_wss_bytes", w.trueWssBytes());
                wm.put("estimated_wss_bytes", w.estimatedWssBytes());
                wm.put("wss_ape_percent", j(w.wssAbsPercentError()));
                wm.put("freq_abs_error", w.freqAbsError());
                wm.put("hot_tp_pages", w.hotTruePositive());
                wm.put("hot_fp_pages", w.hotFalsePositive());
                wm.put("hot_fn_pages", w.hotFalseNegative());
                wm.put("cold_tp_pages", w.coldTruePositive());
                wm.put("cold_fp_pages", w.coldFalsePositive());
                wm.put("cold_fn_pages", w.coldFalseNegative());
                ws.add(wm);
            }
            m.put("windows", ws);
            rs.add(m);
        }
        root.put("runs", rs);
        return Json.write(root);
    }

    private static Double j(double d) {
        return Double.isNaN(d) || Double.isInfinite(d) ? null : d;
    }

    private interface Cell {
        String of(EvalSummary s);
    }

    private static void row(List<String[]> rows, List<EvalRun> runs, String name, Cell cell) {
        String[] r = new String[runs.size() + 1];
        r[0] = name;
        for (int i = 0; i < runs.size(); i++) {
            r[i + 1] = cell.of(runs.get(i).summary());
        }
        rows.add(r);
    }

    private static void table(StringBuilder sb, List<String[]> rows) {
        int cols = rows.getFirst().length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                line.append(c == 0 ? padRight(r[c], width[c]) : "  " + padLeft(r[c], width[c]));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String padRight(String s, int w) {
        return s + " ".repeat(w - s.length());
    }

    private static String padLeft(String s, int w) {
        return " ".repeat(w - s.length()) + s;
    }

    private static double ratio(double a, double b) {
        return b > 0 ? a / b : Double.NaN;
    }

    static String pct(double d) {
        return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.1f%%", d);
    }

    static String num(double d) {
        if (Double.isNaN(d)) {
            return "-";
        }
        return Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%,.0f", d) : String.format(Locale.ROOT, "%.3f", d);
    }

    static String size(double bytes) {
        return Double.isNaN(bytes) ? "-" : Units.formatSize(Math.round(bytes));
    }
}
