package org.jdamon.record.damo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdamon.core.Attributes;
import org.jdamon.record.RecordFormat;
import org.jdamon.record.Recording;
import org.jdamon.record.TargetSnapshot;

/**
 * Reads the binary {@code damon.data} layout of damo up to v2.0 (and of the unmerged in-kernel recorder):
 * an optional {@code damon_recfmt_ver} magic with an int32 version, then blocks of {@code sec, nsec
 * (int64), nr_tasks (u32)} and per task {@code target id (int32 in v1, u64 otherwise), nr_regions (u32)}
 * and {@code start, end (u64), nr_accesses (u32)} per region, little-endian (x86-64 native order).
 *
 * <p>The format stores only end times and no ages or intervals: start times are inferred as damo did,
 * ages are 0, and the aggregation interval is the average snapshot duration. A torn or implausible last
 * block is skipped with a warning; everything before it is kept.
 */
public final class DamoLegacyRecord {
    private DamoLegacyRecord() {}

    static final byte[] MAGIC = "damon_recfmt_ver".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_TASKS = 1 << 16;

    public static boolean hasMagic(byte[] head) {
        if (head.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** True when the data starts with the magic or with one plausible version-0 block. */
    public static boolean looksLegacy(byte[] data) {
        if (hasMagic(data)) {
            return true;
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        return plausibleBlockAt(b, 0, 0) > 0;
    }

    public static Recording read(byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int version = 0;
        int pos = 0;
        if (hasMagic(data)) {
            if (data.length < MAGIC.length + 4) {
                throw new IOException("truncated damon.data header");
            }
            version = b.getInt(MAGIC.length);
            pos = MAGIC.length + 4;
            if (version < 0 || version > 2) {
                throw new IOException("unsupported damon.data format version " + version);
            }
        }
        List<String> warnings = new ArrayList<>();
        SeriesAssembler asm = new SeriesAssembler();
        while (pos < data.length) {
            int end = plausibleBlockAt(b, pos, version);
            if (end < 0) {
                warnings.add("offset %d: %s snapshot block; skipped the last %d bytes"
                        .formatted(pos, end == TORN ? "truncated" : "implausible", data.length - pos));
                break;
            }
            long endNs = b.getLong(pos) * 1_000_000_000L + b.getLong(pos + 8);
            int nrTasks = b.getInt(pos + 16);
            int p = pos + 20;
            for (int t = 0; t < nrTasks; t++) {
                String id;
                if (version == 1) {
                    id = Integer.toString(b.getInt(p));
                    p += 4;
                } else {
                    id = Long.toUnsignedString(b.getLong(p));
                    p += 8;
                }
                int n = b.getInt(p);
                p += 4;
                long[] s = new long[n];
                long[] e = new long[n];
                int[] nr = new int[n];
                for (int i = 0; i < n; i++) {
                    s[i] = b.getLong(p);
                    e[i] = b.getLong(p + 8);
                    nr[i] = b.getInt(p + 16);
                    p += 20;
                }
                asm.addWithoutStart(id, id, endNs, new TargetSnapshot(0, s, e, nr, new int[n]));
            }
            pos = end;
        }
        if (asm.isEmpty()) {
            throw new IOException(warnings.isEmpty() ? "no snapshot in damon.data" : warnings.get(0));
        }
        asm.inferStartTimes();
        Attributes attrs = asm.inferredAttributes();
        Map<String, String> props = new HashMap<>();
        props.put(RecordFormat.PROP_SOURCE_FORMAT, "damo record (binary damon.data v" + version + ")");
        props.put("intervals", "inferred");
        return asm.build(attrs, "unknown", props, warnings, false);
    }

    private static final int TORN = -1;
    private static final int IMPLAUSIBLE = -2;

    /** The offset after the block at {@code pos}, or {@link #TORN} / {@link #IMPLAUSIBLE}. */
    private static int plausibleBlockAt(ByteBuffer b, int pos, int version) {
        int limit = b.limit();
        if (limit - pos < 20) {
            return TORN;
        }
        long sec = b.getLong(pos);
        long nsec = b.getLong(pos + 8);
        int nrTasks = b.getInt(pos + 16);
        if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L || nrTasks <= 0 || nrTasks > MAX_TASKS) {
            return IMPLAUSIBLE;
        }
        long p = pos + 20;
        int idBytes = version == 1 ? 4 : 8;
        for (int t = 0; t < nrTasks; t++) {
            if (limit - p < idBytes + 4) {
                return TORN;
            }
            long n = b.getInt((int) p + idBytes) & 0xFFFF_FFFFL;
            p += idBytes + 4;
            if (n * 20 > limit - p) {
                return n * 20 > Integer.MAX_VALUE ? IMPLAUSIBLE : TORN;
            }
            for (int i = 0; i < n; i++) {
                if (Long.compareUnsigned(b.getLong((int) p), b.getLong((int) p + 8)) > 0) {
                    return IMPLAUSIBLE;
                }
                p += 20;
            }
        }
        return (int) p;
    }
}
