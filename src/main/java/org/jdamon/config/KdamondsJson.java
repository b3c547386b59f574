package org.jdamon.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.jdamon.core.AddressRange;
import org.jdamon.core.IntervalsGoal;
import org.jdamon.core.Units;
import org.jdamon.core.damos.DamosAction;
import org.jdamon.core.damos.DamosFilter;
import org.jdamon.core.damos.FilterType;
import org.jdamon.core.damos.GoalMetric;
import org.jdamon.core.damos.MigrationDest;
import org.jdamon.core.damos.Quota;
import org.jdamon.core.damos.QuotaGoal;
import org.jdamon.core.damos.Watermarks;
import org.jdamon.io.BoundedJson;
import org.jdamon.io.InputFileException;
import org.jdamon.io.InputFiles;
import org.jdamon.io.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes {@link KdamondsConfig} as damo's kdamonds JSON (damo-ecosystem §A.6). Writing uses
 * damo's key names and unit strings ({@code "5 ms"}, {@code "128 MiB"}, {@code "50 %"}); reading accepts
 * those strings or plain numbers in the field's base unit, fills missing keys with defaults, ignores the
 * status-only keys damo dumps ({@code stats}, {@code tried_regions}, ...), and rejects anything else with
 * a {@link ConfigException} naming the JSON path.
 *
 * <p>Access-pattern units: {@code nr_accesses} bounds are {@code "<p> %"} (a bare number is a percentage)
 * or {@code "<n> samples"}; {@code age} bounds are durations (bare: µs) or {@code "<n> aggr_intervals"}.
 */
public final class KdamondsJson {
    private static final Set<String> IGNORED =
            Set.of("stats", "tried_regions", "effective_sz_bytes", "probes", "sample_control", "nr_snapshots");

    private KdamondsJson() {}

    // ---- reading -------------------------------------------------------------------------------

    public static KdamondsConfig read(Path file) {
        String text;
        try {
            text = InputFiles.readUtf8(file, InputFiles.MAX_CONFIG_BYTES, "a kdamonds file");
        } catch (InputFileException e) {
            throw new ConfigException(e.line() > 0 ? e.file() + ":" + e.line() : e.file(), e.problem());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read: " + e.getMessage()); // a directory, say
        }
        try {
            return parse(text);
        } catch (ConfigException e) {
            throw new ConfigException(file + ": " + e.where(), e.getMessage().substring(e.where().length() + 2));
        }
    }

    public static KdamondsConfig parse(String json) {
        JsonNode root;
        try {
            root = BoundedJson.read(json);
        } catch (BoundedJson.InvalidJsonException e) {
            throw new ConfigException("line " + e.line(), "not valid JSON at column " + e.column() + ": " + e.problem());
        }
        Obj top = new Obj(root, "$");
        top.allowOnly("kdamonds");
        return new KdamondsConfig(top.list("kdamonds", KdamondsJson::kdamond));
    }

    private static KdamondsConfig.Kdamond kdamond(Obj o) {
        o.allowOnly("refresh_ms", "contexts", "state", "pid");
        return new KdamondsConfig.Kdamond(o.value("refresh_ms", 0, Values::durationMs),
                o.list("contexts", KdamondsJson::context));
    }

    private static KdamondsConfig.Context context(Obj o) {
        o.allowOnly("ops", "addr_unit", "targets", "intervals", "nr_regions", "pause", "schemes");
        rejectUnsupportedSampling(o);
        KdamondsConfig.Context d = KdamondsConfig.defaultContext();
        String ops = o.string("ops", d.ops());
        long addrUnit = o.value("addr_unit", 1, Values::size);
        if (addrUnit == 0) {
            throw new ConfigException(o.path + ".addr_unit", "must be at least 1");
        }
        List<KdamondsConfig.TargetConfig> targets = o.list("targets", KdamondsJson::target);
        KdamondsConfig.Intervals intervals = o.has("intervals") ? intervals(o.obj("intervals"), d.intervals()) : d.intervals();
        KdamondsConfig.NrRegions nr = d.nrRegions();
        if (o.has("nr_regions")) {
            Obj n = o.obj("nr_regions");
            n.allowOnly("min", "max");
            nr = new KdamondsConfig.NrRegions(n.value("min", nr.min(), Values::integer), n.value("max", nr.max(), Values::integer));
            if (nr.min() > nr.max()) {
                throw new ConfigException(n.path, "min (" + nr.min() + ") > max (" + nr.max() + ")");
            }
        }
        KdamondsConfig.Context ctx = new KdamondsConfig.Context(ops, addrUnit, targets, intervals, nr,
                o.bool("pause", false), o.list("schemes", KdamondsJson::scheme));
        try {
            ctx.attributes().validate();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(o.path, e.getMessage());
        }
        for (int i = 0; i < ctx.schemes().size(); i++) {
            CoreConversion.scheme(ctx.schemes().get(i), ctx.attributes(), o.path + ".schemes[" + i + "]");
        }
        return ctx;
    }

    /**
     * damo 3.3.0 writes {@code probes} (damon/next data-attribute probes) and {@code sample_control}
     * (access sampling primitives and filters); jdamon reads their defaults and refuses anything else
     * rather than dropping it.
     */
    private static void rejectUnsupportedSampling(Obj o) {
        if (o.has("probes") && (!o.node.get("probes").isArray() || !o.node.get("probes").isEmpty())) {
            throw new ConfigException(o.path + ".probes", "data-attribute probes (damon/next) are not supported");
        }
        if (!o.has("sample_control")) {
            return;
        }
        Obj sc = o.obj("sample_control");
        sc.allowOnly("primitives_enabled", "sample_filters");
        if (sc.has("primitives_enabled")) {
            Obj p = sc.obj("primitives_enabled");
            p.allowOnly("page_table", "page_fault");
            if (!p.bool("page_table", true) || p.bool("page_fault", false)) {
                throw new ConfigException(p.path, "only page-table access sampling is supported (page_table true, "
                        + "page_fault false)");
            }
        }
        if (sc.has("sample_filters") && !sc.list("sample_filters", f -> f).isEmpty()) {
            throw new ConfigException(sc.path + ".sample_filters", "sample filters are not supported");
        }
    }

    private static KdamondsConfig.TargetConfig target(Obj o) {
        o.allowOnly("pid", "obsolete", "regions");
        Long pid = o.has("pid") && !o.node.get("pid").isNull() ? o.value("pid", 0, Values::integer) : null;
        List<AddressRange> regions = o.list("regions", r -> {
            r.allowOnly("start", "end");
            long s = r.value("start", 0, Values::integer);
            long e = r.value("end", 0, Values::integer);
            if (Long.compareUnsigned(s, e) > 0) {
                throw new ConfigException(r.path, "start > end");
            }
            return new AddressRange(s, e);
        });
        for (int i = 1; i < regions.size(); i++) {
            if (Long.compareUnsigned(regions.get(i).start(), regions.get(i - 1).end()) < 0) {
                throw new ConfigException(o.path + ".regions[" + i + "]", "regions must be sorted and not overlap");
            }
        }
        return new KdamondsConfig.TargetConfig(pid, o.bool("obsolete", false), regions);
    }

    private static KdamondsConfig.Intervals intervals(Obj o, KdamondsConfig.Intervals d) {
        o.allowOnly("sample_us", "aggr_us", "ops_update_us", "intervals_goal");
        IntervalsGoal g = d.goal();
        if (o.has("intervals_goal")) {
            Obj go = o.obj("intervals_goal");
            go.allowOnly("access_bp", "aggrs", "min_sample_us", "max_sample_us");
            g = new IntervalsGoal(go.value("access_bp", 0, s -> Units.parseRatio(s, 100)),
                    go.value("aggrs", 0, Values::integer),
                    go.value("min_sample_us", 0, s -> Units.parseDurationUs(s, 1)),
                    go.value("max_sample_us", 0, s -> Units.parseDurationUs(s, 1)));
        }
        return new KdamondsConfig.Intervals(o.value("sample_us", d.sampleUs(), s -> Units.parseDurationUs(s, 1)),
                o.value("aggr_us", d.aggrUs(), s -> Units.parseDurationUs(s, 1)),
                o.value("ops_update_us", d.opsUpdateUs(), s -> Units.parseDurationUs(s, 1)), g);
    }

    private static SchemeConfig scheme(Obj o) {
        o.allowOnly("action", "target_nid", "dests", "access_pattern", "apply_interval_us", "quotas", "watermarks",
                "filters", "core_filters", "ops_filters", "max_nr_snapshots");
        SchemeConfig s = SchemeConfig.defaults();
        DamosAction action = o.has("action")
                ? o.parse("action", DamosAction::fromKeyword)
                : s.action();
        int nid = (int) o.signedValue("target_nid", -1);
        List<MigrationDest> dests = o.list("dests", d -> {
            d.allowOnly("id", "weight");
            return d.parse("", x -> new MigrationDest((int) d.value("id", 0, Values::integer),
                    (int) d.value("weight", 0, Values::integer)));
        });
        s = s.withAction(action, nid, dests);
        if (o.has("access_pattern")) {
            s = s.withPattern(pattern(o.obj("access_pattern")));
        }
        s = s.withApplyIntervalUs(o.value("apply_interval_us", 0, v -> Units.parseDurationUs(v, 1)));
        if (o.has("quotas")) {
            s = s.withQuota(quota(o.obj("quotas")));
        }
        if (o.has("watermarks")) {
            s = s.withWatermarks(watermarks(o.obj("watermarks")));
        }
        List<DamosFilter> filters = new ArrayList<>();
        filters.addAll(o.list("core_filters", KdamondsJson::filter));
        filters.addAll(o.list("ops_filters", KdamondsJson::filter));
        filters.addAll(o.list("filters", KdamondsJson::filter));
        s = s.withFilters(filters);
        // jdamon keeps max_nr_snapshots in the scheme; damo in the scheme's stats
        long maxSnapshots = o.value("max_nr_snapshots", 0, Values::integer);
        if (maxSnapshots == 0 && o.has("stats")) {
            maxSnapshots = o.obj("stats").value("max_nr_snapshots", 0, Values::integer);
        }
        return new SchemeConfig(s.action(), s.targetNid(), s.dests(), s.pattern(), s.applyIntervalUs(), s.quota(),
                s.watermarks(), s.filters(), maxSnapshots);
    }

    private static SchemeConfig.PatternConfig pattern(Obj o) {
        o.allowOnly("sz_bytes", "nr_accesses", "age");
        SchemeConfig.PatternConfig d = SchemeConfig.PatternConfig.ANY;
        long minSz = d.minSzBytes();
        long maxSz = d.maxSzBytes();
        if (o.has("sz_bytes")) {
            Obj sz = o.obj("sz_bytes");
            sz.allowOnly("min", "max");
            minSz = sz.value("min", minSz, Values::size);
            maxSz = sz.value("max", maxSz, Values::size);
            checkRange(sz.path, minSz, maxSz);
        }
        long minNr = d.minNrAccesses();
        long maxNr = d.maxNrAccesses();
        SchemeConfig.RateUnit rateUnit = d.rateUnit();
        if (o.has("nr_accesses")) {
            Obj nr = o.obj("nr_accesses");
            nr.allowOnly("min", "max");
            SchemeConfig.RateUnit u1 = rateUnit(nr, "min");
            SchemeConfig.RateUnit u2 = rateUnit(nr, "max");
            if (u1 != null && u2 != null && u1 != u2) {
                throw new ConfigException(nr.path, "min and max must use the same unit (% or samples)");
            }
            rateUnit = u1 != null ? u1 : u2 != null ? u2 : rateUnit;
            minNr = nr.value("min", minNr, v -> Values.integer(stripSuffix(v, "samples", "%")));
            maxNr = nr.value("max", maxNr, v -> Values.integer(stripSuffix(v, "samples", "%")));
            checkRange(nr.path, minNr, maxNr);
        }
        long minAge = d.minAge();
        long maxAge = d.maxAge();
        SchemeConfig.AgeUnit ageUnit = d.ageUnit();
        if (o.has("age")) {
            Obj age = o.obj("age");
            age.allowOnly("min", "max");
            boolean aggr1 = age.has("min") && age.node.get("min").asString().contains("aggr_intervals");
            boolean aggr2 = age.has("max") && age.node.get("max").asString().contains("aggr_intervals");
            if (age.has("min") && age.has("max") && aggr1 != aggr2 && !isMax(age, "max")) {
                throw new ConfigException(age.path, "min and max must use the same unit (time or aggr_intervals)");
            }
            if (aggr1 || aggr2) {
                ageUnit = SchemeConfig.AgeUnit.AGGR_INTERVALS;
                minAge = age.value("min", minAge, v -> Values.integer(stripSuffix(v, "aggr_intervals")));
                maxAge = age.value("max", maxAge, v -> Values.integer(stripSuffix(v, "aggr_intervals")));
            } else {
                minAge = age.value("min", minAge, v -> Units.parseDurationUs(v, 1));
                maxAge = age.value("max", maxAge, v -> Units.parseDurationUs(v, 1));
            }
            checkRange(age.path, minAge, maxAge);
        }
        return new SchemeConfig.PatternConfig(minSz, maxSz, minNr, maxNr, rateUnit, minAge, maxAge, ageUnit);
    }

    private static boolean isMax(Obj o, String key) {
        return o.node.get(key).asString().trim().equalsIgnoreCase("max");
    }

    private static SchemeConfig.RateUnit rateUnit(Obj o, String key) {
        if (!o.has(key) || isMax(o, key)) {
            return null;
        }
        String v = o.node.get(key).asString();
        return v.contains("samples") ? SchemeConfig.RateUnit.SAMPLES : SchemeConfig.RateUnit.PERCENT;
    }

    private static String stripSuffix(String v, String... suffixes) {
        String s = v.trim();
        for (String suffix : suffixes) {
            if (s.endsWith(suffix)) {
                return s.substring(0, s.length() - suffix.length()).trim();
            }
        }
        return s;
    }

    static void checkRange(String where, long min, long max) {
        if (min > max) {
            throw new ConfigException(where, "min (" + Values.formatInteger(min) + ") > max (" + Values.formatInteger(max) + ")");
        }
    }

    private static Quota quota(Obj o) {
        o.allowOnly("time_ms", "sz_bytes", "reset_interval_ms", "fail_charge_num", "fail_charge_denom", "goals",
                "goal_tuner", "effective_sz_bytes", "weights");
        int wSz = 0;
        int wNr = 0;
        int wAge = 0;
        if (o.has("weights")) {
            Obj w = o.obj("weights");
            w.allowOnly("sz_permil", "nr_accesses_permil", "age_permil");
            wSz = (int) w.value("sz_permil", 0, v -> Units.parseRatio(v, 10));
            wNr = (int) w.value("nr_accesses_permil", 0, v -> Units.parseRatio(v, 10));
            wAge = (int) w.value("age_permil", 0, v -> Units.parseRatio(v, 10));
        }
        Quota.GoalTuner tuner = o.has("goal_tuner") ? o.parse("goal_tuner", Quota.GoalTuner::fromKeyword) : Quota.GoalTuner.CONSIST;
        int[] weights = {wSz, wNr, wAge};
        return o.parse("", x -> new Quota(o.value("time_ms", 0, Values::durationMs),
                o.value("sz_bytes", 0, Values::size),
                o.value("reset_interval_ms", Values.MAX, Values::durationMs),
                weights[0], weights[1], weights[2], o.list("goals", KdamondsJson::goal), tuner,
                o.value("fail_charge_num", 0, Values::integer), o.value("fail_charge_denom", 0, Values::integer)));
    }

    private static QuotaGoal goal(Obj o) {
        o.allowOnly("metric", "nid", "memcg_path", "target_value", "current_value");
        GoalMetric metric = o.has("metric") ? o.parse("metric", GoalMetric::fromKeyword) : GoalMetric.USER_INPUT;
        Function<String, Long> unit = goalValueParser(metric);
        long target = o.value("target_value", 0, unit::apply);
        long current = o.value("current_value", 0, unit::apply);
        int nid = (int) o.signedValue("nid", -1);
        String path = o.has("memcg_path") ? o.string("memcg_path", null) : null;
        if (path != null && path.isEmpty()) {
            path = null;
        }
        String memcg = path;
        return o.parse("", x -> new QuotaGoal(metric, target, current, metric.needsNid() ? nid : -1, memcg));
    }

    /** Goal values: basis points for the *_bp metrics, µs for PSI, plain numbers for user input. */
    static Function<String, Long> goalValueParser(GoalMetric metric) {
        return switch (metric) {
            case USER_INPUT -> Values::integer;
            case SOME_MEM_PSI_US -> v -> Units.parseDurationUs(v, 1);
            default -> v -> Units.parseRatio(v, 100);
        };
    }

    private static Watermarks watermarks(Obj o) {
        o.allowOnly("metric", "interval_us", "high_permil", "mid_permil", "low_permil");
        Watermarks.Metric m = o.has("metric") ? o.parse("metric", Watermarks.Metric::fromKeyword) : Watermarks.Metric.NONE;
        return o.parse("", x -> new Watermarks(m, o.value("interval_us", 0, v -> Units.parseDurationUs(v, 1)),
                o.value("high_permil", 0, v -> Units.parseRatio(v, 10)),
                o.value("mid_permil", 0, v -> Units.parseRatio(v, 10)),
                o.value("low_permil", 0, v -> Units.parseRatio(v, 10))));
    }

    private static DamosFilter filter(Obj o) {
        o.allowOnly("filter_type", "matching", "allow", "memcg_path", "address_range", "damon_target_idx", "hugepage_size");
        FilterType type = o.parse("filter_type", k -> FilterType.fromKeyword(required(o, "filter_type")));
        boolean matching = o.bool("matching", true);
        boolean allow = o.bool("allow", false);
        long start = 0;
        long end = 0;
        if (o.has("address_range")) {
            Obj r = o.obj("address_range");
            r.allowOnly("start", "end");
            start = r.value("start", 0, Values::integer);
            end = r.value("end", 0, Values::integer);
        }
        long min = 0;
        long max = 0;
        if (o.has("hugepage_size") && o.node.get("hugepage_size").isArray()) {
            // damo's form: [min, max]
            JsonNode h = o.node.get("hugepage_size");
            if (h.size() != 2) {
                throw new ConfigException(o.path + ".hugepage_size", "expected [min, max], found " + h.size() + " values");
            }
            Obj pair = new Obj(Json.object().set("min", h.get(0)).set("max", h.get(1)),
                    o.path + ".hugepage_size");
            min = pair.value("min", 0, Values::size);
            max = pair.value("max", 0, Values::size);
        } else if (o.has("hugepage_size")) {
            Obj h = o.obj("hugepage_size");
            h.allowOnly("min", "max");
            min = h.value("min", 0, Values::size);
            max = h.value("max", 0, Values::size);
        }
        String memcg = o.has("memcg_path") ? o.string("memcg_path", null) : null;
        long s = start;
        long e = end;
        long mn = min;
        long mx = max;
        return o.parse("", x -> new DamosFilter(type, matching, allow, memcg == null || memcg.isEmpty() ? null : memcg,
                s, e, (int) o.value("damon_target_idx", 0, Values::integer), mn, mx));
    }

    private static String required(Obj o, String key) {
        if (!o.has(key)) {
            throw new ConfigException(o.path + "." + key, "missing");
        }
        return o.string(key, null);
    }

    /** A JSON object with its path, for reading with errors that say where. */
    private record Obj(JsonNode node, String path) {
        Obj {
            if (!node.isObject()) {
                throw new ConfigException(path, "expected an object, found " + kind(node));
            }
        }

        /** Present and not null (damo writes null for unused fields). */
        boolean has(String key) {
            JsonNode n = node.get(key);
            return n != null && !n.isNull();
        }

        void allowOnly(String... keys) {
            Set<String> allowed = Set.of(keys);
            for (String k : node.propertyNames()) {
                if (!allowed.contains(k) && !IGNORED.contains(k)) {
                    throw new ConfigException(path + "." + k, "unknown key (expected one of " + String.join(", ", keys) + ")");
                }
            }
        }

        Obj obj(String key) {
            return new Obj(node.get(key), path + "." + key);
        }

        <T> List<T> list(String key, Function<Obj, T> element) {
            JsonNode n = node.get(key);
            if (n == null || n.isNull()) {
                return List.of();
            }
            if (!n.isArray()) {
                throw new ConfigException(path + "." + key, "expected a list, found " + kind(n));
            }
            List<T> out = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                out.add(element.apply(new Obj(n.get(i), path + "." + key + "[" + i + "]")));
            }
            return out;
        }

        String string(String key, String dflt) {
            JsonNode n = node.get(key);
            if (n == null || n.isNull()) {
                return dflt;
            }
            if (!n.isString()) {
                throw new ConfigException(path + "." + key, "expected a string, found " + kind(n));
            }
            return n.stringValue();
        }

        boolean bool(String key, boolean dflt) {
            JsonNode n = node.get(key);
            if (n == null || n.isNull()) {
                return dflt;
            }
            if (n.isBoolean()) {
                return n.booleanValue();
            }
            if (n.isString()) {
                switch (n.stringValue().trim().toLowerCase(Locale.ROOT)) {
                    case "y", "yes", "true", "on", "1" -> {
                        return true;
                    }
                    case "n", "no", "false", "off", "0" -> {
                        return false;
                    }
                    default -> {}
                }
            }
            throw new ConfigException(path + "." + key, "expected a boolean, found " + n);
        }

        /** A number in base units, or a string parsed by {@code parser}. */
        long value(String key, long dflt, Function<String, Long> parser) {
            JsonNode n = node.get(key);
            if (n == null || n.isNull()) {
                return dflt;
            }
            if (n.isIntegralNumber() && n.canConvertToLong()) {
                long v = n.longValue();
                if (v < 0) {
                    throw new ConfigException(path + "." + key, "must not be negative");
                }
                return v;
            }
            if (n.isString()) {
                return parse(key, parser);
            }
            throw new ConfigException(path + "." + key, "expected a number or a string, found " + kind(n));
        }

        /** Like {@link #value} but allows negative numbers (node ids, where -1 means none). */
        long signedValue(String key, long dflt) {
            JsonNode n = node.get(key);
            if (n == null || n.isNull()) {
                return dflt;
            }
            if (n.isIntegralNumber() && n.canConvertToLong()) {
                return n.longValue();
            }
            if (n.isString()) {
                return parse(key, s -> Long.parseLong(s.trim().replace(",", "")));
            }
            throw new ConfigException(path + "." + key, "expected a number, found " + kind(n));
        }

        /** Runs a conversion of the value at {@code key} ("" for this object), naming the path on failure. */
        <T> T parse(String key, Function<String, T> conv) {
            String where = key.isEmpty() ? path : path + "." + key;
            try {
                return conv.apply(key.isEmpty() ? null : node.get(key).asString());
            } catch (ConfigException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where, e.getMessage());
            }
        }

        private static String kind(JsonNode n) {
            if (n.isObject()) {
                return "an object";
            }
            if (n.isArray()) {
                return "a list";
            }
            if (n.isString()) {
                return "a string";
            }
            if (n.isNumber()) {
                return "a number";
            }
            if (n.isBoolean()) {
                return "a boolean";
            }
            return "null";
        }
    }

    // ---- writing -------------------------------------------------------------------------------

    /** damo's {@code args damon} JSON for the configuration, with damo's human-readable numbers. */
    public static String write(KdamondsConfig cfg) {
        return write(cfg, false);
    }

    /** As {@link #write(KdamondsConfig)}; {@code raw} prints numbers in damo's machine-friendly form. */
    public static String write(KdamondsConfig cfg, boolean raw) {
        return Json.writePretty(toTree(cfg, raw)) + System.lineSeparator();
    }

    public static ObjectNode toTree(KdamondsConfig cfg) {
        return toTree(cfg, false);
    }

    /**
     * The JSON tree damo 3.3.0 writes for the same parameters (key order, nulls, value forms: damo's
     * {@code to_kvpairs}), plus jdamon's {@code max_nr_snapshots} when it is set (damo keeps that in the
     * scheme's stats and its {@code args damon} drops it).
     */
    public static ObjectNode toTree(KdamondsConfig cfg, boolean raw) {
        ObjectNode root = Json.object();
        ArrayNode kds = root.putArray("kdamonds");
        for (KdamondsConfig.Kdamond k : cfg.kdamonds()) {
            ObjectNode kn = kds.addObject();
            kn.put("refresh_ms", k.refreshMs());
            ArrayNode ctxs = kn.putArray("contexts");
            for (KdamondsConfig.Context c : k.contexts()) {
                writeContext(ctxs.addObject(), c, raw);
            }
        }
        return root;
    }

    private static void writeContext(ObjectNode n, KdamondsConfig.Context c, boolean raw) {
        n.put("ops", c.ops());
        n.put("addr_unit", DamoText.szAccurate(c.addrUnit(), raw));
        ArrayNode ts = n.putArray("targets");
        for (KdamondsConfig.TargetConfig t : c.targets()) {
            ObjectNode tn = ts.addObject();
            if (t.pid() == null) {
                tn.putNull("pid");
            } else {
                tn.put("pid", t.pid());
            }
            tn.put("obsolete", t.obsolete());
            ArrayNode rs = tn.putArray("regions");
            for (AddressRange r : t.regions()) {
                writeRange(rs.addObject(), r.start(), r.end(), raw);
            }
        }
        ObjectNode iv = n.putObject("intervals");
        iv.put("sample_us", DamoText.timeUs(c.intervals().sampleUs(), raw));
        iv.put("aggr_us", DamoText.timeUs(c.intervals().aggrUs(), raw));
        iv.put("ops_update_us", DamoText.timeUs(c.intervals().opsUpdateUs(), raw));
        ObjectNode g = iv.putObject("intervals_goal");
        IntervalsGoal goal = c.intervals().goal();
        g.put("access_bp", DamoText.bp(goal.accessBp(), raw));
        g.put("aggrs", DamoText.nr(goal.aggrs(), raw));
        g.put("min_sample_us", DamoText.timeUs(goal.minSampleUs(), raw));
        g.put("max_sample_us", DamoText.timeUs(goal.maxSampleUs(), raw));
        ObjectNode nr = n.putObject("nr_regions");
        nr.put("min", DamoText.nr(c.nrRegions().min(), raw));
        nr.put("max", DamoText.nr(c.nrRegions().max(), raw));
        n.putArray("probes");
        ObjectNode sc = n.putObject("sample_control");
        ObjectNode prim = sc.putObject("primitives_enabled");
        prim.put("page_table", true);
        prim.put("page_fault", false);
        sc.putArray("sample_filters");
        n.put("pause", c.pause());
        ArrayNode ss = n.putArray("schemes");
        for (SchemeConfig s : c.schemes()) {
            writeScheme(ss.addObject(), s, raw);
        }
    }

    private static void writeRange(ObjectNode n, long start, long end, boolean raw) {
        n.put("start", Units.damoCountUnsigned(start, raw));
        n.put("end", Units.damoCountUnsigned(end, raw));
    }

    private static void writeScheme(ObjectNode n, SchemeConfig s, boolean raw) {
        n.put("action", s.action().keyword());
        ArrayNode ds = n.putArray("dests");
        for (MigrationDest d : s.dests()) {
            ObjectNode dn = ds.addObject();
            dn.put("id", d.nid());
            dn.put("weight", d.weight());
        }
        if (s.action().isMigration()) {
            if (s.targetNid() < 0) {
                n.putNull("target_nid");
            } else {
                n.put("target_nid", s.targetNid());
            }
        }
        ObjectNode ap = n.putObject("access_pattern");
        SchemeConfig.PatternConfig p = s.pattern();
        ObjectNode sz = ap.putObject("sz_bytes");
        sz.put("min", DamoText.sz(p.minSzBytes(), raw));
        sz.put("max", DamoText.sz(p.maxSzBytes(), raw));
        ObjectNode nr = ap.putObject("nr_accesses");
        String rateSuffix = p.rateUnit() == SchemeConfig.RateUnit.PERCENT ? " %" : " samples";
        nr.put("min", DamoText.nr(p.minNrAccesses(), raw) + rateSuffix);
        nr.put("max", DamoText.nr(p.maxNrAccesses(), raw) + rateSuffix);
        ObjectNode age = ap.putObject("age");
        boolean time = p.ageUnit() == SchemeConfig.AgeUnit.US;
        age.put("min", time ? DamoText.timeUsExact(p.minAge(), raw) : DamoText.nr(p.minAge(), raw) + " aggr_intervals");
        age.put("max", time ? DamoText.timeUsExact(p.maxAge(), raw) : DamoText.nr(p.maxAge(), raw) + " aggr_intervals");
        n.put("apply_interval_us", DamoText.timeUs(s.applyIntervalUs(), raw));
        Quota q = s.quota();
        ObjectNode qn = n.putObject("quotas");
        qn.put("time_ms", DamoText.timeMsExact(q.timeMs(), raw));
        qn.put("sz_bytes", DamoText.sz(q.szBytes(), raw));
        qn.put("reset_interval_ms", DamoText.timeMsExact(q.resetIntervalMs(), raw));
        qn.put("fail_charge_num", DamoText.nr(q.failChargeNum(), raw));
        qn.put("fail_charge_denom", DamoText.nr(q.failChargeDenom(), raw));
        ArrayNode gs = qn.putArray("goals");
        for (QuotaGoal g : q.goals()) {
            ObjectNode gn = gs.addObject();
            gn.put("metric", g.metric().keyword());
            if (g.nid() < 0) {
                gn.putNull("nid");
            } else {
                gn.put("nid", DamoText.nr(g.nid(), raw));
            }
            putNullable(gn, "memcg_path", g.memcgPath());
            gn.put("target_value", DamoText.nr(g.targetValue(), raw));
            gn.put("current_value", DamoText.nr(g.currentValue(), raw));
        }
        qn.put("goal_tuner", q.goalTuner().keyword());
        qn.put("effective_sz_bytes", DamoText.sz(0, raw));
        ObjectNode w = qn.putObject("weights");
        w.put("sz_permil", DamoText.permil(q.weightSz(), raw));
        w.put("nr_accesses_permil", DamoText.permil(q.weightNrAccesses(), raw));
        w.put("age_permil", DamoText.permil(q.weightAge(), raw));
        Watermarks wm = s.watermarks();
        ObjectNode wn = n.putObject("watermarks");
        wn.put("metric", wm.metric().keyword());
        wn.put("interval_us", DamoText.timeUsExact(wm.intervalUs(), raw));
        wn.put("high_permil", DamoText.permil(wm.high(), raw));
        wn.put("mid_permil", DamoText.permil(wm.mid(), raw));
        wn.put("low_permil", DamoText.permil(wm.low(), raw));
        ArrayNode fs = n.putArray("filters");
        for (DamosFilter f : s.filters()) {
            ObjectNode fn = fs.addObject();
            fn.put("filter_type", f.type().keyword());
            fn.put("matching", f.matching());
            fn.put("allow", f.allow());
            putNullable(fn, "memcg_path", f.memcgPath());
            if (f.type() == FilterType.ADDR) {
                writeRange(fn.putObject("address_range"), f.addrStart(), f.addrEnd(), raw);
            } else {
                fn.putNull("address_range");
            }
            if (f.type() == FilterType.TARGET) {
                fn.put("damon_target_idx", DamoText.nr(f.targetIdx(), raw));
            } else {
                fn.putNull("damon_target_idx");
            }
            if (f.type() == FilterType.HUGEPAGE_SIZE) {
                ArrayNode hp = fn.putArray("hugepage_size");
                hp.add(DamoText.sz(f.minBytes(), raw));
                hp.add(DamoText.sz(f.maxBytes(), raw));
            } else {
                fn.putNull("hugepage_size");
            }
        }
        if (s.maxNrSnapshots() != 0) {
            n.put("max_nr_snapshots", DamoText.nr(s.maxNrSnapshots(), raw));
        }
    }

    private static void putNullable(ObjectNode n, String key, String value) {
        if (value == null) {
            n.putNull(key);
        } else {
            n.put(key, value);
        }
    }
}
