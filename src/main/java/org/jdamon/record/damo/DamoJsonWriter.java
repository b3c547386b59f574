package org.jdamon.record.damo;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.jdamon.core.Attributes;
import org.jdamon.core.IntervalsGoal;
import org.jdamon.core.damos.DamosFilter;
import org.jdamon.record.TargetInfo;
import org.jdamon.record.TargetSnapshot;

/**
 * Writes damo's {@code json} record format one snapshot at a time, byte for byte as damo's own writer
 * lays it out ({@code json.dumps(..., indent=4)} of its records with raw numbers): a list of records, one
 * per target, each with its intervals and its snapshots. Memory is one output buffer, whatever the length.
 *
 * <p>Use: {@link #beginRecord}, any number of {@link #snapshot}s, {@link #endRecord}; again for the next
 * target; then {@link #close}, which ends the list (no newline after it, as damo).
 */
public final class DamoJsonWriter implements Closeable {
    private static final String I1 = "    ";
    private static final String I2 = I1 + I1;
    private static final String I3 = I2 + I1;
    private static final String I4 = I3 + I1;
    private static final String I5 = I4 + I1;
    private static final String I6 = I5 + I1;
    private static final String I7 = I6 + I1;

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int records;
    private int snapshots;
    private boolean inRecord;

    public DamoJsonWriter(OutputStream out) throws IOException {
        this.out = out;
        put('[');
    }

    /**
     * Starts the record of one target. {@code targetIdJson} is the JSON value of {@code target_id} (a
     * number, {@code null} or a string, see {@link #targetId}), {@code a} the intervals (null: damo's None),
     * {@code filters} the scheme's DAMOS filters the snapshots went through.
     */
    public void beginRecord(int kdamondIdx, int contextIdx, Attributes a, Integer schemeIdx, String targetIdJson,
            List<DamosFilter> filters) throws IOException {
        if (inRecord) {
            throw new IllegalStateException("record not ended");
        }
        put(records++ == 0 ? "\n" : ",\n").put(I1).put("{\n");
        put(I2).put("\"kdamond_idx\": ").putLong(kdamondIdx).put(",\n");
        put(I2).put("\"context_idx\": ").putLong(contextIdx).put(",\n");
        if (a == null) {
            put(I2).put("\"intervals\": null,\n");
        } else {
            intervals(a);
        }
        put(I2).put("\"scheme_idx\": ");
        if (schemeIdx == null) {
            put("null");
        } else {
            putLong(schemeIdx);
        }
        put(",\n");
        put(I2).put("\"target_id\": ").put(targetIdJson).put(",\n");
        put(I2).put("\"scheme_filters\": ");
        put(filters.isEmpty() ? "[]" : "[\n" + DamoSchemeFilters.format(filters, I3) + "\n" + I2 + "]").put(",\n");
        put(I2).put("\"snapshots\": [");
        inRecord = true;
        snapshots = 0;
    }

    private void intervals(Attributes a) throws IOException {
        IntervalsGoal g = a.intervalsGoal();
        put(I2).put("\"intervals\": {\n");
        put(I3).put("\"sample_us\": \"").putLong(a.sampleUs()).put("\",\n");
        put(I3).put("\"aggr_us\": \"").putLong(a.aggrUs()).put("\",\n");
        put(I3).put("\"ops_update_us\": \"").putLong(a.updateUs()).put("\",\n");
        put(I3).put("\"intervals_goal\": {\n");
        put(I4).put("\"access_bp\": \"").putLong(g.accessBp()).put(".000000\",\n");
        put(I4).put("\"aggrs\": \"").putLong(g.aggrs()).put("\",\n");
        put(I4).put("\"min_sample_us\": \"").putLong(g.minSampleUs()).put("\",\n");
        put(I4).put("\"max_sample_us\": \"").putLong(g.maxSampleUs()).put("\"\n");
        put(I3).put("}\n");
        put(I2).put("},\n");
    }

    /**
     * damo's {@code target_id} value for a target: the id damo recorded (a number as written, null for
     * damo's None, a string otherwise), else jdamon's index.
     */
    public static String targetId(TargetInfo t) {
        String id = t.recordedId();
        if (id == null) {
            return Integer.toString(t.id());
        }
        if (id.equals("None")) {
            return "null";
        }
        return id.matches("-?[0-9]+") ? id : quoted(id);
    }

    /**
     * One snapshot of the current record; times are absolute (ns), as damo keeps them. Without {@code
     * agesRecorded} the ages are damo's None; {@code sz_filter_passed} is written when the snapshot has it.
     */
    public void snapshot(long startNs, long endNs, TargetSnapshot t, boolean agesRecorded) throws IOException {
        if (!inRecord) {
            throw new IllegalStateException("no record begun");
        }
        put(snapshots++ == 0 ? "\n" : ",\n").put(I3).put("{\n");
        put(I4).put("\"start_time\": \"").putLong(startNs).put("\",\n");
        put(I4).put("\"end_time\": \"").putLong(endNs).put("\",\n");
        put(I4).put("\"regions\": [");
        long[] s = t.starts();
        long[] e = t.ends();
        int[] nr = t.nrAccesses();
        int[] age = t.ages();
        long[] passed = t.filterPassed();
        for (int i = 0; i < s.length; i++) {
            put(i == 0 ? "\n" : ",\n").put(I5).put("{\n");
            put(I6).put("\"start\": \"").putUnsigned(s[i]).put("\",\n");
            put(I6).put("\"end\": \"").putUnsigned(e[i]).put("\",\n");
            put(I6).put("\"nr_accesses\": {\n");
            put(I7).put("\"samples\": ").putLong(nr[i]).put(",\n");
            put(I7).put("\"percent\": null\n");
            put(I6).put("},\n");
            put(I6).put("\"age\": {\n");
            put(I7).put("\"usec\": null,\n");
            if (agesRecorded) {
                put(I7).put("\"aggr_intervals\": \"").putLong(age[i]).put("\"\n");
            } else {
                put(I7).put("\"aggr_intervals\": null\n");
            }
            put(I6).put("},\n");
            if (passed == null) {
                put(I6).put("\"probe_hits\": []\n");
            } else {
                put(I6).put("\"probe_hits\": [],\n");
                put(I6).put("\"sz_filter_passed\": \"").putUnsigned(passed[i]).put("\"\n");
            }
            put(I5).put("}");
        }
        put(s.length == 0 ? "],\n" : "\n" + I4 + "],\n");
        put(I4).put("\"total_bytes\": \"").putUnsigned(t.totalBytes()).put("\",\n");
        put(I4).put("\"damos_stats\": null,\n");
        put(I4).put("\"sample_interval_us\": null\n");
        put(I3).put("}");
    }

    public void endRecord(String dataSource) throws IOException {
        if (!inRecord) {
            throw new IllegalStateException("no record begun");
        }
        put(snapshots == 0 ? "],\n" : "\n" + I2 + "],\n");
        put(I2).put("\"data_source\": ").put(quoted(dataSource)).put("\n");
        put(I1).put("}");
        inRecord = false;
    }

    /** Ends the list and flushes; the stream underneath is closed too. */
    @Override
    public void close() throws IOException {
        if (inRecord) {
            endRecord("unknown");
        }
        put(records == 0 ? "]" : "\n]");
        flush();
        out.close();
    }

    private void flush() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }

    private DamoJsonWriter put(char c) throws IOException {
        if (pos == buf.length) {
            flush();
        }
        buf[pos++] = (byte) c;
        return this;
    }

    /** ASCII text (everything this writer emits outside {@link #quoted} strings is ASCII). */
    private DamoJsonWriter put(String s) throws IOException {
        int n = s.length();
        if (buf.length - pos < n) {
            flush();
            if (n > buf.length) {
                for (int i = 0; i < n; i++) {
                    put(s.charAt(i));
                }
                return this;
            }
        }
        s.getBytes(0, n, buf, pos);
        pos += n;
        return this;
    }

    private DamoJsonWriter putLong(long v) throws IOException {
        return put(Long.toString(v));
    }

    private DamoJsonWriter putUnsigned(long v) throws IOException {
        return put(Long.toUnsignedString(v));
    }

    /** {@code s} as a JSON string the way Python's json.dumps writes it: ASCII only, others as \\uXXXX. */
    static String quoted(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c >= 0x80) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
