package org.jdamon.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jdamon.core.Attributes;
import org.jdamon.core.IntervalsGoal;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;
import org.jdamon.record.damo.DamoJsonRecord;

/**
 * {@code report access} in damo's default {@code detailed} style: per selected snapshot a one-line
 * heatmap of the address space (80 digits of temperature, gaps between areas as {@code [...]}), its
 * temperature scale, the monitoring intervals, one line per region (address, size, access frequency,
 * age), and a footer with the memory bandwidth estimate and the total size.
 *
 * <p>Temperatures follow damo's default weights (size 0, access rate 100, age 100): {@code 100 *
 * (access_rate_percent + age_us)}, negated for regions not accessed, so hot-and-stable is hottest and
 * cold-for-long is coldest.
 */
public final class AccessReport {
    private AccessReport() {}

    /**
     * {@code firstIdx..lastIdx}: inclusive snapshot index range per target, negative values counting from
     * the end ({@code -1} is the last snapshot, the default). {@code color}: ANSI colours on the heatmap.
     */
    public record Options(int firstIdx, int lastIdx, boolean raw, boolean color, int heatmapWidth) {
        public static final Options DEFAULTS = new Options(-1, -1, false, false, 80);
    }

    private static final int[] GRAY_FG = {237, 239, 241, 243, 245, 247, 249, 251, 253, 255};
    private static final int MAX_LEVEL = 9;

    public static String json(Recording r, Options o) {
        return DamoJsonRecord.write(r, chosen(r, o)::contains);
    }

    /** The selected snapshots in damo's raw form ({@code --raw_form}). */
    public static String rawForm(Recording r, Options o) {
        Set<Snapshot> chosen = chosen(r, o);
        return RawReport.text(r, (s, first) -> chosen.contains(s), o.raw());
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
        int n = t.size();
        int from = o.firstIdx() < 0 ? n + o.firstIdx() : o.firstIdx();
        int to = o.lastIdx() < 0 ? n + o.lastIdx() : o.lastIdx();
        List<Integer> out = new ArrayList<>();
        for (int i = Math.max(from, 0); i <= Math.min(to, n - 1); i++) {
            out.add(i);
        }
        return out;
    }

    public static String text(Recording r, Options o) {
        Attributes a = r.header().attributes();
        boolean raw = o.raw();
        List<TargetSeries> series = TargetSeries.of(r);
        List<List<Integer>> picks = new ArrayList<>();
        boolean needSnapshotTime = false;
        for (TargetSeries t : series) {
            List<Integer> p = selected(t, o);
            picks.add(p);
            needSnapshotTime |= p.size() > 1;
        }
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
                if (needSnapshotTime) {
                    out.add("snapshot time: [" + DamoFormat.timeNs(s.startNs() - baseNs, raw) + ", "
                            + DamoFormat.timeNs(s.endNs() - baseNs, raw) + "] ("
                            + DamoFormat.timeNs(s.endNs() - s.startNs(), raw) + ")");
                }
                out.add("heatmap: " + heatmap(ts, a, o));
                out.add("intervals: " + intervals(a, aggrUs, raw));
                for (int i = 0; i < ts.size(); i++) {
                    out.add(regionLine(i, ts, a, aggrUs, raw));
                }
                out.add("memory bw estimate: " + bandwidth(ts, aggrUs, raw) + " per second\n"
                        + "total size: " + DamoFormat.size(ts.totalBytes(), raw));
                if (k < pick.size() - 1) {
                    out.add("");
                }
            }
            String tail = "record DAMON intervals: sample " + DamoFormat.timeUs(a.sampleUs(), raw) + ", aggr "
                    + DamoFormat.timeUs(a.aggrUs(), raw);
            IntervalsGoal g = a.intervalsGoal();
            if (g.enabled()) {
                tail += "\n# target " + DamoFormat.bp(g.accessBp(), raw) + " accesses per "
                        + DamoFormat.nr(g.aggrs(), raw) + " aggrs, [" + DamoFormat.timeUs(g.minSampleUs(), raw)
                        + ", " + DamoFormat.timeUs(g.maxSampleUs(), raw) + "] sampling interval";
            }
            out.add(tail);
        }
        return String.join("\n", out) + "\n";
    }

    private static String recordHead(Recording r, TargetSeries t, List<Integer> pick, boolean raw) {
        String duration = "0 ns";
        String start = DamoFormat.timeNs(r.header().startEpochNs(), raw);
        if (!pick.isEmpty()) {
            Snapshot first = t.snapshots().get(pick.get(0));
            Snapshot last = t.snapshots().get(pick.get(pick.size() - 1));
            duration = DamoFormat.timeNs(last.endNs() - first.startNs(), raw);
            start = DamoFormat.timeNs(r.header().startEpochNs() + first.startNs(), raw);
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
        return "sample " + DamoFormat.timeUs(sampleUs, raw) + " aggr " + DamoFormat.timeUs(aggrUs, raw)
                + " (max access hz " + DamoFormat.hz(maxHz, raw, false) + ")";
    }

    private static String regionLine(int i, TargetSnapshot ts, Attributes a, double aggrUs, boolean raw) {
        double hz = ts.nrAccesses()[i] / (aggrUs / 1e6);
        long ageUs = (long) ts.ages()[i] * a.aggrUs();
        return pad(DamoFormat.nr(i, raw), 3) + " addr " + pad(DamoFormat.size(ts.starts()[i], raw), 12)
                + " size " + pad(DamoFormat.size(ts.regionSize(i), raw), 11)
                + " access " + pad(DamoFormat.hz(hz, raw, true), 6)
                + " age " + pad(DamoFormat.timeUs(ageUs, raw), 13);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String bandwidth(TargetSnapshot ts, double aggrUs, boolean raw) {
        double bytes = 0;
        for (int i = 0; i < ts.size(); i++) {
            bytes += DamoFormat.unsigned(ts.regionSize(i)) * ts.nrAccesses()[i];
        }
        return DamoFormat.size(bytes / (aggrUs / 1e6), raw);
    }

    /** damo's temperature with the default weights (size 0, access rate 100, age 100). */
    static double temperature(int nrAccesses, int age, Attributes a) {
        double maxSamples = (double) a.aggrUs() / a.sampleUs();
        long percent = (long) (nrAccesses * 100.0 / maxSamples);
        double score = percent * 100.0 + (double) age * a.aggrUs() * 100.0;
        return percent > 0 ? score : -score;
    }

    /** The heatmap strip and, on the next line, its scale comment (damo's {@code heatmap_str}). */
    static String heatmap(TargetSnapshot ts, Attributes a, Options o) {
        int n = ts.size();
        if (n == 0) {
            return "n/a (no region)";
        }
        double[] s = new double[n];
        double[] e = new double[n];
        double[] temp = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            s[i] = DamoFormat.unsigned(ts.starts()[i]);
            e[i] = DamoFormat.unsigned(ts.ends()[i]);
            temp[i] = temperature(ts.nrAccesses()[i], ts.ages()[i], a);
            total += DamoFormat.unsigned(ts.regionSize(i));
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
                heat += temp[i] * (Math.min(e[i], end) - Math.max(s[i], start));
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
        return dots + "\n# min/max temperatures: " + DamoFormat.nr(min, o.raw()) + ", " + DamoFormat.nr(max, o.raw())
                + ", column size: " + DamoFormat.size(unit, o.raw());
    }
}
