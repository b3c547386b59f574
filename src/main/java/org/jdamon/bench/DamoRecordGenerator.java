package org.jdamon.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.jdamon.core.Attributes;
import org.jdamon.record.Snapshot;
import org.jdamon.record.damo.DamoJsonWriter;

/**
 * Writes a damo-format record of a given length and region count, laid out as {@code damo record} writes
 * it (damo's default intervals, 5 ms / 100 ms, one target, absolute times), for benchmarks of damo's
 * formats: {@code json}, or {@code json_compressed} (zlib at level 6, Python's {@code zlib.compress}
 * default). The snapshots are {@link PicturesBench#generate}'s, so memory is one snapshot.
 */
public final class DamoRecordGenerator {
    private DamoRecordGenerator() {}

    /** An arbitrary fixed start (2026-01-01T00:00:00Z) so that files are reproducible. */
    public static final long START_EPOCH_NS = 1_767_225_600_000_000_000L;

    /** Writes {@code snapshots} snapshots of {@code regions} regions; returns the file's size in bytes. */
    public static long write(Path file, int snapshots, int regions, boolean compressed) throws IOException {
        OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        OutputStream out = compressed
                ? new DeflaterOutputStream(raw, new Deflater(Deflater.DEFAULT_COMPRESSION), 1 << 16) : raw;
        try (DamoJsonWriter w = new DamoJsonWriter(out)) {
            w.beginRecord(0, 0, Attributes.DAMO_DEFAULTS, null, "0", List.of());
            long[] nonePassed = new long[regions]; // damo record writes sz_filter_passed "0" without filters
            for (Iterator<Snapshot> it = PicturesBench.generate(snapshots, regions); it.hasNext(); ) {
                Snapshot s = it.next();
                w.snapshot(START_EPOCH_NS + s.startNs(), START_EPOCH_NS + s.endNs(),
                        s.targets().getFirst().withFilterPassed(nonePassed), true);
            }
            w.endRecord("unknown");
        }
        return Files.size(file);
    }
}
