package org.jdamon.report;

import java.util.ArrayList;
import java.util.List;
import org.jdamon.record.Recording;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code report nr_regions}: the distribution of the number of regions per snapshot, per target, in
 * damo's bar-less table ({@code <percentile>\t<count>} rows). The first 20 snapshots are skipped, as damo
 * does, because the adaptive region count has not settled by then.
 */
public final class NrRegionsReport {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** damo skips this many leading snapshots, not configurable there either. */
    public static final int SKIPPED_SNAPSHOTS = 20;

    private NrRegionsReport() {}

    static Distribution distribution(TargetSeries t, boolean sortBySize) {
        int from = Math.min(SKIPPED_SNAPSHOTS, t.size());
        long[] v = new long[t.size() - from];
        for (int i = from; i < t.size(); i++) {
            v[i - from] = t.regions().get(i).size();
        }
        return sortBySize ? Distribution.sorted(v) : Distribution.inOrder(v);
    }

    public static String text(Recording r, int[] percentiles, boolean sortBySize) {
        List<String> lines = new ArrayList<>();
        lines.add("# <percentile> <# regions>");
        for (TargetSeries t : TargetSeries.of(r)) {
            Distribution d = distribution(t, sortBySize);
            lines.add("# target_id\t" + t.target().id());
            if (d.isEmpty()) {
                lines.add("# no snapshot");
                continue;
            }
            lines.add("# avr:\t" + (long) d.average());
            for (int p : percentiles) {
                lines.add(p + "\t" + d.percentile(p));
            }
        }
        return String.join("\n", lines) + "\n";
    }

    public static String json(Recording r, int[] percentiles, boolean sortBySize) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode targets = root.putArray("targets");
        for (TargetSeries t : TargetSeries.of(r)) {
            Distribution d = distribution(t, sortBySize);
            ObjectNode o = targets.addObject();
            o.put("target_id", t.target().id());
            o.put("avg_nr_regions", (long) d.average());
            ArrayNode ps = o.putArray("percentiles");
            if (!d.isEmpty()) {
                for (int p : percentiles) {
                    ps.addObject().put("percentile", p).put("nr_regions", d.percentile(p));
                }
            }
        }
        return JSON.writeValueAsString(root) + "\n";
    }
}
