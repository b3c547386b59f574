package org.jdamon.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.BiPredicate;
import org.jdamon.core.Units;
import org.jdamon.record.RecordFormat;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.RecordSource;
import org.jdamon.record.RecordStream;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetInfo;
import org.jdamon.record.TargetSnapshot;
import org.jdamon.record.damo.DamoJsonRecord;

/**
 * {@code report raw}: every snapshot's regions in damo's raw form ({@code damo report access
 * --raw_form}, formerly {@code report raw}): per target a {@code base_time_absolute} line, then per
 * snapshot the start, end and duration relative to it, the target id, the region count and one
 * {@code hexstart-hexend (size) nr_accesses age} line per region. {@code --json} prints damo's JSON
 * record format instead.
 *
 * <p>The text is written as it is produced, one pass over the record per target, so a long record is
 * never held in memory.
 */
public final class RawReport {
    private RawReport() {}

    /** Snapshots whose start lies in {@code [fromSec, toSec]} of the record (damo's {@code --duration}). */
    public record TimeWindow(double fromSec, double toSec) implements BiPredicate<Snapshot, Long> {
        public static final TimeWindow ALL = new TimeWindow(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

        /** Whether {@code s} starts inside the window; {@code firstStartNs}: the target's first snapshot start. */
        @Override
        public boolean test(Snapshot s, Long firstStartNs) {
            double offset = (s.startNs() - firstStartNs) / 1e9;
            return offset >= fromSec && offset <= toSec;
        }
    }

    public static String text(Recording r, BiPredicate<Snapshot, Long> include, boolean raw) {
        StringWriter out = new StringWriter();
        try {
            write(RecordSource.of(r), include, raw, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Which snapshots of a target to print, and how, given its place among the target's snapshots. */
    @FunctionalInterface
    public interface Selection {
        /**
         * The snapshot to print for {@code s}, the {@code index}-th of the target's {@code count} ({@code s}
         * itself, or with its regions filtered), or null to skip it; {@code firstStartNs}: the start of
         * the target's first snapshot.
         */
        Snapshot select(Snapshot s, int index, int count, long firstStartNs);
    }

    /**
     * Writes the raw form of the snapshots {@code include} accepts (given each snapshot and the start of
     * its target's first one) and returns what the reader skipped.
     */
    public static List<String> write(RecordSource source, BiPredicate<Snapshot, Long> include, boolean raw,
            Appendable out) throws IOException {
        return write(source, (s, index, count, first) -> include.test(s, first) ? s : null, raw, out);
    }

    /**
     * Writes the raw form of the snapshots {@code selection} accepts, target by target: a first pass counts
     * each target's snapshots (and completes what a damo record says after its snapshots), then one pass
     * per target prints it. Returns what the reader skipped.
     */
    public static List<String> write(RecordSource source, Selection selection, boolean raw, Appendable out)
            throws IOException {
        RecordHeader h;
        List<String> warnings;
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        try (RecordStream s = source.open()) {
            for (Snapshot snap; (snap = s.nextSnapshot()) != null; ) {
                for (TargetSnapshot t : snap.targets()) {
                    counts.merge(t.targetId(), 1, Integer::sum);
                }
            }
            h = s.header();
            warnings = s.warnings();
        }
        String dataSource = h.properties().getOrDefault("data_source", "unknown");
        boolean agesRecorded = !RecordFormat.AGES_UNRECORDED.equals(h.properties().get(RecordFormat.PROP_AGES));
        for (TargetInfo t : h.targets()) {
            int count = counts.getOrDefault(t.id(), 0);
            if (count == 0) {
                continue;
            }
            try (RecordStream s = source.open()) {
                long first = 0;
                long base = 0;
                boolean any = false;
                int index = 0;
                for (Snapshot snap; (snap = s.nextSnapshot()) != null; ) {
                    TargetSnapshot ts = snap.target(t.id());
                    if (ts == null) {
                        continue;
                    }
                    if (index == 0) {
                        first = snap.startNs();
                    }
                    Snapshot shown = selection.select(snap, index++, count, first);
                    TargetSnapshot shownRegions = shown == null ? null : shown.target(t.id());
                    if (shownRegions == null) {
                        continue;
                    }
                    if (!any) {
                        any = true;
                        base = shown.startNs();
                        line(out, "base_time_absolute: " + Units.damoDurationNs(h.startEpochNs() + base, raw));
                        line(out, "data source: " + dataSource + "\n");
                    }
                    writeSnapshot(out, t.damoId(), shown, shownRegions, base, raw, agesRecorded);
                }
            }
        }
        line(out, "");
        return warnings;
    }

    /** One snapshot; without recorded ages every age prints as damo prints a missing one, -1. */
    private static void writeSnapshot(Appendable out, String targetId, Snapshot s, TargetSnapshot ts, long base,
            boolean raw, boolean agesRecorded) throws IOException {
        line(out, String.format(Locale.ROOT, "monitoring_start:    %16s", Units.damoDurationNs(s.startNs() - base, raw)));
        line(out, String.format(Locale.ROOT, "monitoring_end:      %16s", Units.damoDurationNs(s.endNs() - base, raw)));
        line(out, String.format(Locale.ROOT, "monitoring_duration: %16s", Units.damoDurationNs(s.endNs() - s.startNs(), raw)));
        line(out, "target_id: " + targetId);
        line(out, "nr_regions: " + ts.size());
        line(out, String.format(Locale.ROOT, "# %10s %12s  %12s  %11s %5s",
                "start_addr", "end_addr", "length", "nr_accesses", "age"));
        for (int k = 0; k < ts.size(); k++) {
            line(out, String.format(Locale.ROOT, "%012x-%012x (%12s) %11d %5d", ts.starts()[k], ts.ends()[k],
                    Units.damoSize(ts.regionSize(k), raw), ts.nrAccesses()[k], agesRecorded ? ts.ages()[k] : -1));
        }
        line(out, "");
    }

    private static void line(Appendable out, String s) throws IOException {
        out.append(s).append('\n');
    }

    public static String json(Recording r, TimeWindow window) {
        long first = r.snapshots().isEmpty() ? 0 : r.snapshots().get(0).startNs();
        return DamoJsonRecord.write(r, s -> window.test(s, first));
    }
}
