package org.jdamon.record.damo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jdamon.record.RecordSource;
import org.jdamon.record.RecordStream;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;

/**
 * damo's {@code json} record format as a whole: written from a jdamon record (one pass over the source
 * per target, since damo keeps one record per target) and read into memory with the i-th snapshots of all
 * targets joined into one. Streaming reads are {@link DamoJsonStream}'s, writing layout is {@link
 * DamoJsonWriter}'s.
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
            TargetPasses.forEachTarget(source, (h, id, s) -> {
                w.beginRecord(0, 0, h.attributes(), null, id, "");
                for (Snapshot snap; (snap = s.nextSnapshot()) != null; ) {
                    TargetSnapshot ts = snap.target(id);
                    if (ts != null && include.test(snap)) {
                        w.snapshot(h.startEpochNs() + snap.startNs(), h.startEpochNs() + snap.endNs(), ts);
                    }
                }
                w.endRecord(s.header().properties().getOrDefault("data_source", "unknown"));
            });
        }
    }

    /**
     * Reads a damo JSON record into memory; {@code sourceFormat} becomes the header's source_format. The
     * k-th snapshots of all targets form the k-th snapshot, timed by the first target that has one.
     */
    public static Recording read(InputStream in, String sourceFormat) throws IOException {
        try (DamoJsonStream s = DamoJsonStream.open(in, sourceFormat)) {
            return joinTargets(s);
        }
    }

    /** A series-by-series stream (one target per snapshot) as a recording of whole aggregation windows. */
    public static Recording joinTargets(RecordStream s) throws IOException {
        Map<Integer, List<Snapshot>> series = new LinkedHashMap<>();
        int longest = 0;
        for (Snapshot snap; (snap = s.nextSnapshot()) != null; ) {
            for (TargetSnapshot t : snap.targets()) {
                List<Snapshot> l = series.computeIfAbsent(t.targetId(), k -> new ArrayList<>());
                l.add(snap);
                longest = Math.max(longest, l.size());
            }
        }
        List<Snapshot> joined = new ArrayList<>(longest);
        for (int k = 0; k < longest; k++) {
            List<TargetSnapshot> ts = new ArrayList<>();
            Snapshot timing = null;
            for (Map.Entry<Integer, List<Snapshot>> e : series.entrySet()) {
                if (k < e.getValue().size()) {
                    Snapshot snap = e.getValue().get(k);
                    timing = timing == null ? snap : timing;
                    ts.add(snap.target(e.getKey()));
                }
            }
            joined.add(new Snapshot(timing.startNs(), timing.endNs(), ts));
        }
        return new Recording(s.header(), joined, s.sideData(), s.warnings());
    }
}
