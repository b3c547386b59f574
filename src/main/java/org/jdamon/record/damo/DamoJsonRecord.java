package org.jdamon.record.damo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import org.jdamon.record.RecordFormat;
import org.jdamon.record.RecordSource;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;

/**
 * damo's {@code json} record format written from a jdamon record: one pass over the source per target,
 * since damo keeps one record per target, through {@link DamoJsonWriter} (damo's layout). Reading is
 * {@link DamoJsonStream}'s.
 */
public final class DamoJsonRecord {
    private DamoJsonRecord() {}

    /**
     * Writes {@code r} as damo's JSON record format (what {@code damo record --output_type json} writes,
     * byte for byte in layout) plus a newline, keeping only the snapshots {@code include} accepts.
     */
    public static String write(Recording r, Predicate<Snapshot> include) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(RecordSource.of(r), include, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.US_ASCII) + "\n";
    }

    /**
     * Writes the record of {@code source} to {@code out} (closed at the end) as damo's JSON: one damo record
     * per target, each written in its own pass over the source, so memory is one snapshot.
     */
    public static void write(RecordSource source, Predicate<Snapshot> include, OutputStream out) throws IOException {
        try (DamoJsonWriter w = new DamoJsonWriter(out)) {
            TargetPasses.forEachTarget(source, (h, t, s) -> {
                boolean agesRecorded = !RecordFormat.AGES_UNRECORDED.equals(h.properties().get(RecordFormat.PROP_AGES));
                w.beginRecord(0, 0, RecordFormat.intervalsRecorded(h) ? h.attributes() : null, null,
                        DamoJsonWriter.targetId(t), h.snapshotFilters());
                for (Snapshot snap; (snap = s.nextSnapshot()) != null; ) {
                    TargetSnapshot ts = snap.target(t.id());
                    if (ts != null && include.test(snap)) {
                        w.snapshot(h.startEpochNs() + snap.startNs(), h.startEpochNs() + snap.endNs(), ts,
                                agesRecorded);
                    }
                }
                w.endRecord(h.properties().getOrDefault("data_source", "unknown"));
            });
        }
    }
}
