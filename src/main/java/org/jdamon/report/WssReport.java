package org.jdamon.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdamon.io.Json;
import org.jdamon.record.RecordStream;
import org.jdamon.record.Recording;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code report wss}: the distribution of the working set size (see {@link WorkingSetSize}) as damo's
 * percentile table, or as one JSON object {@code {"targets":[{"target_id", "avg_bytes", "percentiles":
 * [{"percentile", "wss_bytes"}]}]}}. Like damo, targets are collapsed into one (id 0) unless
 * {@code perTarget}.
 */
public final class WssReport {

    /** The options of damo's {@code report wss}, with its defaults in {@link #DEFAULTS}. */
    public record Options(
            WorkingSetSize wss,
            int[] percentiles,
            boolean sortBySize,
            boolean rawNumber,
            boolean allWss,
            boolean perTarget,
            int barColumns) {
        public static final Options DEFAULTS = new Options(WorkingSetSize.DAMO_DEFAULT,
                PercentileTable.range(0, 101, 25), true, false, false, false, PercentileTable.DEFAULT_BAR_COLUMNS);
    }

    private WssReport() {}

    public static Map<Integer, Distribution> distributions(Recording r, Options o) {
        return o.wss().distributions(r, o.sortBySize(), !o.perTarget());
    }

    /** The distributions of a record read one snapshot at a time: only one number per snapshot is kept. */
    public static Map<Integer, Distribution> distributions(RecordStream s, Options o) {
        return o.wss().distributions(s.header().targets(), s, o.sortBySize(), !o.perTarget());
    }

    /**
     * damo's {@code --work_time}: each target's snapshots, after the first {@code excludeSamples},
     * merged into windows of at least {@code workTimeUs} ({@link SnapshotAggregator}), and the working
     * set size of each window.
     */
    public static Map<Integer, Distribution> distributions(RecordStream s, Options o, long workTimeUs) {
        WorkingSetSize w = o.wss();
        WorkingSetSize perWindow = new WorkingSetSize(w.accessThreshold(), w.sizeThreshold(), 0);
        return perWindow.distributions(s.header().targets(),
                SnapshotAggregator.adjusted(s, workTimeUs, w.excludeSamples()), o.sortBySize(), !o.perTarget());
    }

    public static String text(Recording r, Options o) {
        return text(distributions(r, o), o);
    }

    public static String json(Recording r, Options o) {
        return json(distributions(r, o), o);
    }

    /** damo's text table of the given distributions. */
    public static String text(Map<Integer, Distribution> dists, Options o) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<Integer, Distribution> e : dists.entrySet()) {
            lines.add("# target_id\t" + e.getKey());
            lines.addAll(PercentileTable.lines("wss", e.getValue(), o.percentiles(), o.allWss(),
                    PercentileTable.SIZE, o.rawNumber(), o.barColumns()));
        }
        return String.join("\n", lines) + "\n";
    }

    /** The one-object JSON form of the given distributions. */
    public static String json(Map<Integer, Distribution> dists, Options o) {
        ObjectNode root = Json.object();
        ArrayNode targets = root.putArray("targets");
        for (Map.Entry<Integer, Distribution> e : dists.entrySet()) {
            Distribution d = e.getValue();
            ObjectNode t = targets.addObject();
            t.put("target_id", e.getKey());
            t.put("avg_bytes", (long) d.average());
            ArrayNode ps = t.putArray("percentiles");
            if (d.isEmpty()) {
                continue;
            }
            if (o.allWss()) {
                for (int i = 0; i < d.size(); i++) {
                    ps.addObject().put("index", i).put("wss_bytes", d.get(i));
                }
                continue;
            }
            for (int p : o.percentiles()) {
                ps.addObject().put("percentile", p).put("wss_bytes", d.percentile(p));
            }
        }
        return Json.write(root) + "\n";
    }
}
