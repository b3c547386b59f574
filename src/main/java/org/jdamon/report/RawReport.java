package org.jdamon.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;
import org.jdamon.record.damo.DamoJsonRecord;

/**
 * {@code report raw}: every snapshot's regions in damo's raw form ({@code damo report access
 * --raw_form}, formerly {@code report raw}): per target a {@code base_time_absolute} line, then per
 * snapshot the start, end and duration relative to it, the target id, the region count and one
 * {@code hexstart-hexend (size) nr_accesses age} line per region. {@code --json} prints damo's JSON
 * record format instead.
 */
public final class RawReport {
    private RawReport() {}

    /** Snapshots whose start lies in {@code [fromSec, toSec]} of the record (damo's {@code --duration}). */
    public record TimeWindow(double fromSec, double toSec) {
        public static final TimeWindow ALL = new TimeWindow(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

        public boolean contains(Snapshot s, long firstStartNs) {
            double offset = (s.startNs() - firstStartNs) / 1e9;
            return offset >= fromSec && offset <= toSec;
        }
    }

    public static String text(Recording r, TimeWindow window, boolean raw) {
        long first = r.snapshots().isEmpty() ? 0 : r.snapshots().get(0).startNs();
        return text(r, s -> window.contains(s, first), raw);
    }

    /** The raw form of the snapshots {@code include} accepts. */
    public static String text(Recording r, Predicate<Snapshot> include, boolean raw) {
        List<String> lines = new ArrayList<>();
        String dataSource = r.header().properties().getOrDefault("data_source", "unknown");
        for (TargetSeries t : TargetSeries.of(r)) {
            if (t.size() == 0) {
                continue;
            }
            List<Integer> shown = new ArrayList<>();
            for (int i = 0; i < t.size(); i++) {
                if (include.test(t.snapshots().get(i))) {
                    shown.add(i);
                }
            }
            if (shown.isEmpty()) {
                continue;
            }
            long baseRel = t.snapshots().get(shown.get(0)).startNs();
            lines.add("base_time_absolute: " + DamoFormat.timeNs(r.header().startEpochNs() + baseRel, raw));
            lines.add("data source: " + dataSource + "\n");
            for (int i : shown) {
                Snapshot s = t.snapshots().get(i);
                TargetSnapshot ts = t.regions().get(i);
                lines.add(String.format(Locale.ROOT, "monitoring_start:    %16s", DamoFormat.timeNs(s.startNs() - baseRel, raw)));
                lines.add(String.format(Locale.ROOT, "monitoring_end:      %16s", DamoFormat.timeNs(s.endNs() - baseRel, raw)));
                lines.add(String.format(Locale.ROOT, "monitoring_duration: %16s", DamoFormat.timeNs(s.endNs() - s.startNs(), raw)));
                lines.add("target_id: " + t.target().id());
                lines.add("nr_regions: " + ts.size());
                lines.add(String.format(Locale.ROOT, "# %10s %12s  %12s  %11s %5s",
                        "start_addr", "end_addr", "length", "nr_accesses", "age"));
                for (int k = 0; k < ts.size(); k++) {
                    lines.add(String.format(Locale.ROOT, "%012x-%012x (%12s) %11d %5d", ts.starts()[k], ts.ends()[k],
                            DamoFormat.size(ts.regionSize(k), raw), ts.nrAccesses()[k], ts.ages()[k]));
                }
                lines.add("");
            }
        }
        lines.add("");
        return String.join("\n", lines) + "\n";
    }

    public static String json(Recording r, TimeWindow window) {
        long first = r.snapshots().isEmpty() ? 0 : r.snapshots().get(0).startNs();
        return DamoJsonRecord.write(r, s -> window.contains(s, first));
    }
}
