package org.jdamon.record.damo;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.jdamon.record.RecordFormat;
import org.jdamon.record.RecordSource;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;

/**
 * The record file types damo writes itself ({@code damo record --output_type}, {@code damo
 * convert_record_format --format}), each written from a record read one snapshot at a time, one pass per
 * target. {@code json_compressed} is zlib at level 6, as Python's {@code zlib.compress}.
 */
public enum DamoFileType {
    JSON_COMPRESSED("json_compressed"),
    JSON("json"),
    PERF_SCRIPT("perf_script");

    private final String damoName;

    DamoFileType(String damoName) {
        this.damoName = damoName;
    }

    public String damoName() {
        return damoName;
    }

    /** The type of damo's name, or null. */
    public static DamoFileType of(String name) {
        for (DamoFileType t : values()) {
            if (t.damoName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** damo's names, comma-separated, for messages. */
    public static String names() {
        StringBuilder sb = new StringBuilder();
        for (DamoFileType t : values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(t.damoName);
        }
        return sb.toString();
    }

    /**
     * Writes {@code source} to {@code file} in this type, through a temporary file in the same directory
     * that replaces {@code file} only when complete (so a file can be converted in place).
     */
    public void write(RecordSource source, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16)) {
                write(source, raw);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes {@code source} to {@code out} in this type; {@code out} is closed. */
    public void write(RecordSource source, OutputStream out) throws IOException {
        switch (this) {
            case JSON -> DamoJsonRecord.write(source, s -> true, out);
            case JSON_COMPRESSED -> DamoJsonRecord.write(source, s -> true,
                    new DeflaterOutputStream(out, new Deflater(6), 1 << 16));
            case PERF_SCRIPT -> {
                try (Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), 1 << 16)) {
                    writePerfScript(source, w);
                }
            }
        }
    }

    /**
     * damo's perf_script text: one {@code damon_aggregated} line per region, stamped with its snapshot's
     * end time; a target with a single snapshot gets damo's fake second one (region 0-0, -1 accesses) so
     * that a reader can tell the first one's duration. Unrecorded ages are left out (the old kernels' lines)
     * where damo would print None.
     */
    private static void writePerfScript(RecordSource source, Writer w) throws IOException {
        TargetPasses.forEachTarget(source, (h, target, s) -> {
            int id = target.id();
            boolean ages = !RecordFormat.AGES_UNRECORDED.equals(h.properties().get(RecordFormat.PROP_AGES));
            int n = 0;
            long lastStart = 0;
            long lastEnd = 0;
            for (Snapshot snap; (snap = s.nextSnapshot()) != null; ) {
                TargetSnapshot t = snap.target(id);
                if (t == null) {
                    continue;
                }
                lastStart = h.startEpochNs() + snap.startNs();
                lastEnd = h.startEpochNs() + snap.endNs();
                for (int i = 0; i < t.size(); i++) {
                    perfLine(w, lastEnd, target.damoId(), t.size(), t.starts()[i], t.ends()[i], t.nrAccesses()[i],
                            ages ? Integer.toString(t.ages()[i]) : null);
                }
                n++;
            }
            if (n == 1) {
                perfLine(w, lastEnd + (lastEnd - lastStart), target.damoId(), 1, 0, 0, -1, ages ? "-1" : null);
            }
        });
    }

    private static void perfLine(Writer w, long endNs, String targetId, int nrRegions, long start, long end, int nr,
            String age) throws IOException {
        w.write(String.format(Locale.ROOT, "kdamond.x xxxx xxxx %f: damon:damon_aggregated: target_id=%s nr_regions=%d %s-%s: %d%s%n",
                endNs / 1e9, targetId, nrRegions, Long.toUnsignedString(start), Long.toUnsignedString(end), nr,
                age == null ? "" : " " + age));
    }
}
