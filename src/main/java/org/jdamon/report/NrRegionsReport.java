package org.jdamon.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdamon.io.Json;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetInfo;
import org.jdamon.record.TargetSnapshot;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code report nr_regions}: the distribution of the number of regions per snapshot, per target, in
 * damo's bar-less table ({@code <percentile>\t<count>} rows). The first 20 snapshots are skipped, as damo
 * does, because the adaptive region count has not settled by then.
 */
public final class NrRegionsReport {

    /** damo skips this many leading snapshots, not configurable there either. */
    public static final int SKIPPED_SNAPSHOTS = 20;

    private NrRegionsReport() {}

    public static Map<Integer, Distribution> distributions(Recording r, boolean sortBySize) {
        return distributions(r.header().targets(), r.snapshots(), sortBySize);
    }

    /** Region counts of every target in one pass over {@code snapshots} (a record stream works). */
    public static Map<Integer, Distribution> distributions(List<TargetInfo> targets, Iterable<Snapshot> snapshots,
            boolean sortBySize) {
        Map<Integer, Distribution> out = new LinkedHashMap<>();
        for (Map.Entry<Integer, long[]> e
                : TargetSeries.values(targets, snapshots, TargetSnapshot::size, SKIPPED_SNAPSHOTS).entrySet()) {
            long[] v = e.getValue();
            out.put(e.getKey(), sortBySize ? Distribution.sorted(v) : Distribution.inOrder(v));
        }
        return out;
    }

    public static String text(Map<Integer, Distribution> dists, int[] percentiles) {
        return text(dists, percentiles, Map.of());
    }

    /**
     * The table; {@code damoIds} maps target ids to the ids damo prints for them (the recorded ones, see
     * {@link TargetInfo#damoId()}); unmapped ids print as they are.
     */
    public static String text(Map<Integer, Distribution> dists, int[] percentiles, Map<Integer, String> damoIds) {
        List<String> lines = new ArrayList<>();
        lines.add("# <percentile> <# regions>");
        for (Map.Entry<Integer, Distribution> e : dists.entrySet()) {
            Distribution d = e.getValue();
            lines.add("# target_id\t" + damoIds.getOrDefault(e.getKey(), Integer.toString(e.getKey())));
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

    /** Target id to the id damo prints for it, for {@link #text(Map, int[], Map)}. */
    public static Map<Integer, String> damoIds(List<TargetInfo> targets) {
        Map<Integer, String> ids = new LinkedHashMap<>();
        for (TargetInfo t : targets) {
            ids.put(t.id(), t.damoId());
        }
        return ids;
    }

    public static String json(Map<Integer, Distribution> dists, int[] percentiles) {
        ObjectNode root = Json.object();
        ArrayNode targets = root.putArray("targets");
        for (Map.Entry<Integer, Distribution> e : dists.entrySet()) {
            Distribution d = e.getValue();
            ObjectNode o = targets.addObject();
            o.put("target_id", e.getKey());
            o.put("avg_nr_regions", (long) d.average());
            ArrayNode ps = o.putArray("percentiles");
            if (!d.isEmpty()) {
                for (int p : percentiles) {
                    ps.addObject().put("percentile", p).put("nr_regions", d.percentile(p));
                }
            }
        }
        return Json.write(root) + "\n";
    }
}
