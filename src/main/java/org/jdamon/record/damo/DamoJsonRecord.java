package org.jdamon.record.damo;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdamon.core.Attributes;
import org.jdamon.core.IntervalsGoal;
import org.jdamon.io.BoundedJson;
import org.jdamon.record.RecordFormat;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetInfo;
import org.jdamon.record.Recording;
import org.jdamon.record.TargetSnapshot;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads damo's {@code json} record format (also the content of {@code json_compressed}): a list of
 * records, one per kdamond/context/scheme/target, each with its monitoring intervals and a list of
 * snapshots of regions. Numbers may be JSON numbers or strings with commas and units, as damo writes
 * them. Access counts come from {@code nr_accesses.samples} (or are derived from {@code percent}), ages
 * from {@code age.aggr_intervals} (or from {@code usec}).
 */
public final class DamoJsonRecord {
    private DamoJsonRecord() {}

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /**
     * Writes {@code r} as damo's JSON record format with raw numbers (what {@code damo record
     * --output_type json} writes): one record per target, absolute times, sample counts and ages in
     * aggregation intervals. Only the snapshots selected by {@code include} are written.
     */
    public static String write(Recording r, java.util.function.Predicate<Snapshot> include) {
        RecordHeader h = r.header();
        Attributes a = h.attributes();
        ArrayNode root = MAPPER.createArrayNode();
        for (TargetInfo t : h.targets()) {
            ObjectNode rec = root.addObject();
            rec.put("kdamond_idx", 0);
            rec.put("context_idx", 0);
            ObjectNode iv = rec.putObject("intervals");
            iv.put("sample_us", Long.toString(a.sampleUs()));
            iv.put("aggr_us", Long.toString(a.aggrUs()));
            iv.put("ops_update_us", Long.toString(a.updateUs()));
            ObjectNode g = iv.putObject("intervals_goal");
            IntervalsGoal goal = a.intervalsGoal();
            g.put("access_bp", goal.accessBp() + ".000000");
            g.put("aggrs", Long.toString(goal.aggrs()));
            g.put("min_sample_us", Long.toString(goal.minSampleUs()));
            g.put("max_sample_us", Long.toString(goal.maxSampleUs()));
            rec.putNull("scheme_idx");
            rec.put("target_id", t.id());
            rec.putArray("scheme_filters");
            ArrayNode snaps = rec.putArray("snapshots");
            for (Snapshot s : r.snapshots()) {
                TargetSnapshot ts = s.target(t.id());
                if (ts == null || !include.test(s)) {
                    continue;
                }
                ObjectNode sn = snaps.addObject();
                sn.put("start_time", Long.toString(h.startEpochNs() + s.startNs()));
                sn.put("end_time", Long.toString(h.startEpochNs() + s.endNs()));
                ArrayNode regions = sn.putArray("regions");
                for (int i = 0; i < ts.size(); i++) {
                    ObjectNode reg = regions.addObject();
                    reg.put("start", Long.toUnsignedString(ts.starts()[i]));
                    reg.put("end", Long.toUnsignedString(ts.ends()[i]));
                    ObjectNode nr = reg.putObject("nr_accesses");
                    nr.put("samples", ts.nrAccesses()[i]);
                    nr.putNull("percent");
                    ObjectNode age = reg.putObject("age");
                    age.putNull("usec");
                    age.put("aggr_intervals", Integer.toString(ts.ages()[i]));
                    reg.putArray("probe_hits");
                    reg.put("sz_filter_passed", "0");
                }
                sn.put("total_bytes", Long.toUnsignedString(ts.totalBytes()));
                sn.putNull("damos_stats");
                sn.putNull("sample_interval_us");
            }
            rec.put("data_source", h.properties().getOrDefault("data_source", "unknown"));
        }
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /** Parses a damo JSON record; {@code sourceFormat} is kept as the header's source_format property. */
    public static Recording read(InputStream in, String sourceFormat) throws IOException {
        JsonNode root;
        try {
            root = BoundedJson.read(in);
        } catch (BoundedJson.InvalidJsonException e) {
            throw new IOException("invalid JSON: " + e.getMessage());
        }
        if (root == null || !root.isArray()) {
            throw new IOException("not a damo record (expected a JSON list of records)");
        }
        SeriesAssembler asm = new SeriesAssembler();
        Attributes attrs = null;
        String dataSource = null;
        int recordIdx = 0;
        for (JsonNode rec : root) {
            String where = "record " + recordIdx;
            if (!rec.isObject() || !rec.has("snapshots")) {
                throw new IOException(where + ": no snapshots");
            }
            String targetId = text(rec.get("target_id"), "0");
            String key = text(rec.get("kdamond_idx"), "") + "/" + text(rec.get("context_idx"), "") + "/"
                    + text(rec.get("scheme_idx"), "") + "/" + targetId;
            JsonNode iv = rec.get("intervals");
            Attributes recAttrs = iv != null && iv.isObject() ? intervals(iv) : null;
            if (attrs == null) {
                attrs = recAttrs;
            }
            if (dataSource == null && rec.has("data_source")) {
                dataSource = text(rec.get("data_source"), null);
            }
            Attributes forUnits = recAttrs != null ? recAttrs : Attributes.DAMO_DEFAULTS;
            int snapIdx = 0;
            for (JsonNode snap : rec.get("snapshots")) {
                try {
                    long start = DamoNumbers.ns(required(snap, "start_time"));
                    long end = DamoNumbers.ns(required(snap, "end_time"));
                    asm.add(key, targetId, start, end, regions(snap.get("regions"), forUnits));
                } catch (RuntimeException e) {
                    throw new IOException(where + " snapshot " + snapIdx + ": " + e.getMessage());
                }
                snapIdx++;
            }
            recordIdx++;
        }
        Map<String, String> props = new HashMap<>();
        props.put(RecordFormat.PROP_SOURCE_FORMAT, sourceFormat);
        if (dataSource != null) {
            props.put("data_source", dataSource);
        }
        asm.inferStartTimes();
        return asm.build(attrs != null ? attrs : Attributes.DAMO_DEFAULTS, "unknown", props, List.of(), true);
    }

    private static Attributes intervals(JsonNode iv) {
        long sample = DamoNumbers.us(text(iv.get("sample_us"), "5000"));
        long aggr = DamoNumbers.us(text(iv.get("aggr_us"), "100000"));
        long update = DamoNumbers.us(text(iv.get("ops_update_us"), "1000000"));
        IntervalsGoal goal = IntervalsGoal.OFF;
        JsonNode g = iv.get("intervals_goal");
        if (g != null && g.isObject()) {
            goal = new IntervalsGoal(
                    DamoNumbers.bp(text(g.get("access_bp"), "0")),
                    DamoNumbers.nr(text(g.get("aggrs"), "0")),
                    DamoNumbers.us(text(g.get("min_sample_us"), "0")),
                    DamoNumbers.us(text(g.get("max_sample_us"), "0")));
        }
        return new Attributes(sample, aggr, update, 10, 1000, goal);
    }

    private static TargetSnapshot regions(JsonNode list, Attributes attrs) {
        int n = list == null ? 0 : list.size();
        long[] s = new long[n];
        long[] e = new long[n];
        int[] nr = new int[n];
        int[] age = new int[n];
        double maxSamples = (double) attrs.aggrUs() / Math.max(attrs.sampleUs(), 1);
        for (int i = 0; i < n; i++) {
            JsonNode r = list.get(i);
            s[i] = DamoNumbers.bytes(required(r, "start"));
            e[i] = DamoNumbers.bytes(required(r, "end"));
            JsonNode acc = r.get("nr_accesses");
            String samples = acc == null ? null : text(acc.get("samples"), null);
            String percent = acc == null ? null : text(acc.get("percent"), null);
            if (samples != null) {
                nr[i] = (int) DamoNumbers.nr(samples);
            } else if (percent != null) {
                nr[i] = (int) (DamoNumbers.percent(percent) * maxSamples / 100);
            }
            JsonNode a = r.get("age");
            String aggrs = a == null ? null : text(a.get("aggr_intervals"), null);
            String usec = a == null ? null : text(a.get("usec"), null);
            if (aggrs != null) {
                age[i] = (int) DamoNumbers.nr(aggrs);
            } else if (usec != null) {
                age[i] = (int) (DamoNumbers.us(usec) / Math.max(attrs.aggrUs(), 1));
            }
        }
        return new TargetSnapshot(0, s, e, nr, age);
    }

    private static String required(JsonNode parent, String field) {
        String v = parent == null ? null : text(parent.get(field), null);
        if (v == null) {
            throw new IllegalArgumentException("no " + field);
        }
        return v;
    }

    /** A node as damo's parsers see it: strings as they are, numbers in decimal, null as {@code dflt}. */
    private static String text(JsonNode n, String dflt) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return dflt;
        }
        if (n.isNumber()) {
            return n.isIntegralNumber() ? n.asBigInteger().toString() : Double.toString(n.asDouble());
        }
        return n.asString();
    }

}
