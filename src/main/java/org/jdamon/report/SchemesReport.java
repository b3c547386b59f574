package org.jdamon.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdamon.config.ConfigException;
import org.jdamon.config.KdamondsConfig;
import org.jdamon.config.KdamondsJson;
import org.jdamon.config.SchemeConfig;
import org.jdamon.core.Units;
import org.jdamon.core.damos.MemoryState;
import org.jdamon.io.Json;
import org.jdamon.record.DamosSideData;
import org.jdamon.record.Recording;
import org.jdamon.record.SideData;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code report schemes}: what the schemes did and what the memory looked like over a record — per
 * aggregation the schemes' cumulative stats and the memory state, and a summary (average and peak RSS,
 * refaults, duration, final stats per scheme). Works on records without schemes or without a memory
 * model: the missing parts are empty or null.
 */
public final class SchemesReport {

    private SchemesReport() {}

    /** One scheme's final numbers. */
    public record SchemeTotals(
            String action, long nrTried, long szTried, long nrApplied, long szApplied, long szOpsFilterPassed,
            long qtExceeds) {}

    /** One aggregation: time since start, memory (null if unknown) and per-scheme samples. */
    public record Point(long timeNs, MemoryState memory, List<DamosSideData.SchemeSample> schemes) {}

    /** Averages are over the aggregation samples; {@code avgRssBytes} etc. are -1 without memory data. */
    public record Summary(
            long durationNs,
            long avgRssBytes,
            long maxRssBytes,
            long refaults,
            long slowdownNs,
            List<SchemeTotals> schemes,
            List<Point> timeline) {}

    public static Summary summarize(Recording rec) {
        List<String> actions = actions(rec);
        List<Point> points = new ArrayList<>();
        long duration = 0;
        for (var s : rec.snapshots()) {
            duration = Math.max(duration, s.endNs());
        }
        MemoryState pendingMem = null;
        List<DamosSideData.SchemeSample> pendingStats = null;
        long pendingTime = -1;
        for (SideData d : rec.sideData()) {
            duration = Math.max(duration, d.timeNs());
            if (!d.kind().equals(DamosSideData.STATS) && !d.kind().equals(DamosSideData.MEMORY)) {
                continue;
            }
            if (pendingTime >= 0 && d.timeNs() != pendingTime) {
                points.add(new Point(pendingTime, pendingMem, pendingStats == null ? List.of() : pendingStats));
                pendingMem = null;
                pendingStats = null;
            }
            pendingTime = d.timeNs();
            if (d.kind().equals(DamosSideData.STATS)) {
                pendingStats = DamosSideData.decodeStats(d);
            } else {
                pendingMem = DamosSideData.decodeMemory(d);
            }
        }
        if (pendingTime >= 0) {
            points.add(new Point(pendingTime, pendingMem, pendingStats == null ? List.of() : pendingStats));
        }
        long sumRss = 0;
        long n = 0;
        long maxRss = -1;
        long refaults = -1;
        long slowdown = -1;
        List<DamosSideData.SchemeSample> last = List.of();
        for (Point p : points) {
            if (p.memory() != null) {
                sumRss += p.memory().rssBytes();
                n++;
                maxRss = Math.max(maxRss, p.memory().rssBytes());
                refaults = p.memory().refaults();
                slowdown = p.memory().slowdownNs();
            }
            if (!p.schemes().isEmpty()) {
                last = p.schemes();
            }
        }
        int nSchemes = Math.max(actions.size(), last.size());
        List<SchemeTotals> totals = new ArrayList<>();
        for (int i = 0; i < nSchemes; i++) {
            String action = i < actions.size() ? actions.get(i) : "unknown";
            if (i < last.size()) {
                var st = last.get(i).stats();
                totals.add(new SchemeTotals(action, st.nrTried(), st.szTried(), st.nrApplied(), st.szApplied(),
                        st.szOpsFilterPassed(), st.qtExceeds()));
            } else {
                totals.add(new SchemeTotals(action, 0, 0, 0, 0, 0, 0));
            }
        }
        return new Summary(duration, n == 0 ? -1 : sumRss / n, maxRss, refaults, slowdown, totals, points);
    }

    /** The schemes' actions from the record's configuration chunk (empty if it has none). */
    static List<String> actions(Recording rec) {
        KdamondsConfig cfg = config(rec);
        if (cfg == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (var k : cfg.kdamonds()) {
            for (var c : k.contexts()) {
                for (SchemeConfig s : c.schemes()) {
                    out.add(s.action().keyword());
                }
            }
        }
        return out;
    }

    /** The configuration a record was made with, or null if it carries none. */
    public static KdamondsConfig config(Recording rec) {
        for (SideData d : rec.sideData()) {
            if (d.kind().equals(DamosSideData.CONFIG)) {
                try {
                    return KdamondsJson.parse(DamosSideData.decodeConfig(d));
                } catch (ConfigException e) {
                    throw new IllegalArgumentException("the record's configuration chunk is invalid: " + e.getMessage());
                }
            }
        }
        return null;
    }

    public static String json(Summary s) {
        ObjectNode o = Json.object();
        o.put("duration_ns", s.durationNs());
        putKnown(o, "avg_rss_bytes", s.avgRssBytes());
        putKnown(o, "max_rss_bytes", s.maxRssBytes());
        putKnown(o, "refaults", s.refaults());
        putKnown(o, "slowdown_ns", s.slowdownNs());
        ArrayNode arr = o.putArray("schemes");
        for (SchemeTotals t : s.schemes()) {
            ObjectNode so = arr.addObject();
            so.put("action", t.action());
            so.put("nr_tried", t.nrTried());
            so.put("sz_tried", t.szTried());
            so.put("nr_applied", t.nrApplied());
            so.put("sz_applied", t.szApplied());
            so.put("sz_ops_filter_passed", t.szOpsFilterPassed());
            so.put("qt_exceeds", t.qtExceeds());
        }
        ArrayNode tl = o.putArray("timeline");
        for (Point p : s.timeline()) {
            ObjectNode po = tl.addObject();
            po.put("time_ns", p.timeNs());
            if (p.memory() != null) {
                MemoryState m = p.memory();
                po.put("rss_bytes", m.rssBytes());
                po.put("refaults", m.refaults());
                putKnown(po, "fast_tier_bytes", m.fastTierBytes());
                putKnown(po, "slow_tier_bytes", m.slowTierBytes());
                putKnown(po, "active_bytes", m.activeBytes());
                putKnown(po, "inactive_bytes", m.inactiveBytes());
                putKnown(po, "huge_bytes", m.hugeBytes());
                putKnown(po, "slowdown_ns", m.slowdownNs());
            }
            ArrayNode ss = po.putArray("schemes");
            for (DamosSideData.SchemeSample x : p.schemes()) {
                ObjectNode xo = ss.addObject();
                xo.put("nr_tried", x.stats().nrTried());
                xo.put("sz_tried", x.stats().szTried());
                xo.put("nr_applied", x.stats().nrApplied());
                xo.put("sz_applied", x.stats().szApplied());
                xo.put("qt_exceeds", x.stats().qtExceeds());
                xo.put("effective_sz_bytes", x.effectiveQuota());
            }
        }
        return Json.write(o) + System.lineSeparator();
    }

    private static void putKnown(ObjectNode o, String key, long v) {
        if (v < 0) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }

    /** A table of at most {@code maxRows} evenly spaced aggregations (all when 0), then the summary. */
    public static String text(Summary s, int maxRows) {
        StringBuilder sb = new StringBuilder();
        List<Point> tl = s.timeline();
        int step = maxRows <= 0 || tl.size() <= maxRows ? 1 : (tl.size() + maxRows - 1) / maxRows;
        sb.append(String.format(Locale.ROOT, "%-12s %14s %10s %14s %14s %12s", "# time", "rss", "refaults",
                "fast tier", "slow tier", "slowdown"));
        for (int i = 0; i < s.schemes().size(); i++) {
            sb.append(String.format(Locale.ROOT, " %20s", "s" + i + " applied"));
        }
        sb.append('\n');
        for (int k = 0; k < tl.size(); k++) {
            if (k % step != 0 && k != tl.size() - 1) {
                continue;
            }
            Point p = tl.get(k);
            MemoryState m = p.memory();
            sb.append(String.format(Locale.ROOT, "%-12s %14s %10s %14s %14s %12s",
                    Units.formatDurationUs(p.timeNs() / 1_000),
                    m == null ? "-" : Units.formatSize(m.rssBytes()),
                    m == null ? "-" : Long.toString(m.refaults()),
                    m == null || m.fastTierBytes() < 0 ? "-" : Units.formatSize(m.fastTierBytes()),
                    m == null || m.slowTierBytes() < 0 ? "-" : Units.formatSize(m.slowTierBytes()),
                    m == null || m.slowdownNs() < 0 ? "-" : Units.formatDurationUs(m.slowdownNs() / 1_000)));
            for (DamosSideData.SchemeSample x : p.schemes()) {
                sb.append(String.format(Locale.ROOT, " %20s", Units.formatSize(x.stats().szApplied())));
            }
            sb.append('\n');
        }
        sb.append('\n');
        sb.append("duration: ").append(Units.formatDurationUs(s.durationNs() / 1_000)).append('\n');
        if (s.avgRssBytes() >= 0) {
            sb.append("rss: avg ").append(Units.formatSize(s.avgRssBytes())).append(", max ")
                    .append(Units.formatSize(s.maxRssBytes())).append('\n');
            sb.append("refaults: ").append(s.refaults()).append('\n');
            if (s.slowdownNs() >= 0) {
                sb.append("estimated slowdown: ").append(Units.formatDurationUs(s.slowdownNs() / 1_000)).append('\n');
            }
        } else {
            sb.append("memory state: not recorded (the operations set has no memory model)\n");
        }
        if (s.schemes().isEmpty()) {
            sb.append("schemes: none\n");
        }
        for (int i = 0; i < s.schemes().size(); i++) {
            SchemeTotals t = s.schemes().get(i);
            sb.append(String.format(Locale.ROOT,
                    "scheme %d (%s): tried %d regions (%s), applied %d regions (%s), ops filter passed %s, quota exceeded %d times%n",
                    i, t.action(), t.nrTried(), Units.formatSize(t.szTried()), t.nrApplied(),
                    Units.formatSize(t.szApplied()), Units.formatSize(t.szOpsFilterPassed()), t.qtExceeds()));
        }
        return sb.toString();
    }
}
