package org.jdamon.record.damo;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import org.jdamon.core.Attributes;
import org.jdamon.core.IntervalsGoal;
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
     * Starts the record of one target. {@code targetId} is written as a JSON number (unsigned), the
     * intervals as damo's raw strings; {@code schemeFiltersJson} holds the already-formatted entries of
     * {@code scheme_filters} at this nesting, or is empty.
     */
    public void beginRecord(int kdamondIdx, int contextIdx, Attributes a, Integer schemeIdx, long targetId,
            String schemeFiltersJson) throws IOException {
        if (inRecord) {
            throw new IllegalStateException("record not ended");
        }
        put(records++ == 0 ? "\n" : ",\n").put(I1).put("{\n");
        put(I2).put("\"kdamond_idx\": ").putLong(kdamondIdx).put(",\n");
        put(I2).put("\"context_idx\": ").putLong(contextIdx).put(",\n");
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
        put(I2).put("\"scheme_idx\": ");
        if (schemeIdx == null) {
            put("null");
        } else {
            putLong(schemeIdx);
        }
        put(",\n");
        put(I2).put("\"target_id\": ").putUnsigned(targetId).put(",\n");
        put(I2).put("\"scheme_filters\": ");
        put(schemeFiltersJson.isEmpty() ? "[]" : "[\n" + schemeFiltersJson + "\n" + I2 + "]").put(",\n");
        put(I2).put("\"snapshots\": [");
        inRecord = true;
        snapshots = 0;
    }

    /** One snapshot of the current record; times are absolute (ns), as damo keeps them. */
    public void snapshot(long startNs, long endNs, TargetSnapshot t) throws IOException {
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
            put(I7).put("\"aggr_intervals\": \"").putLong(age[i]).put("\"\n");
            put(I6).put("},\n");
            put(I6).put("\"probe_hits\": [],\n");
            put(I6).put("\"sz_filter_passed\": \"0\"\n");
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
        put(I2).put("\"data_source\": ").putString(dataSource).put("\n");
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

    /** ASCII text (everything this writer emits outside {@link #putString} is ASCII). */
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

    /** A JSON string as Python's json.dumps writes it: ASCII only, other characters as \\uXXXX. */
    private DamoJsonWriter putString(String s) throws IOException {
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
        return put(b.append('"').toString());
    }
}
