package org.jdamon.report;

import java.util.List;
import org.jdamon.config.KdamondsConfig;
import org.jdamon.config.KdamondsJson;
import org.jdamon.config.SchemeConfig;
import org.jdamon.config.Values;
import org.jdamon.core.AddressRange;
import org.jdamon.core.Units;
import org.jdamon.core.damos.DamosFilter;
import org.jdamon.core.damos.Quota;
import org.jdamon.core.damos.QuotaGoal;
import org.jdamon.core.damos.Watermarks;
import org.jdamon.record.DamosSideData;
import org.jdamon.record.Recording;
import org.jdamon.record.TargetInfo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code report damon}: the configuration a record was made with and each scheme's final statistics,
 * as an indented summary like damo's {@code report damon}, or as kdamonds JSON with a {@code stats}
 * object per scheme (which {@link KdamondsJson} reads back, ignoring the stats).
 */
public final class DamonReport {
    private DamonReport() {}

    public static String text(Recording rec) {
        KdamondsConfig cfg = SchemesReport.config(rec);
        SchemesReport.Summary sum = SchemesReport.summarize(rec);
        StringBuilder sb = new StringBuilder();
        if (cfg == null) {
            sb.append("kdamond 0\n    context 0\n        ops: ").append(rec.header().operations()).append('\n');
            targetsFromHeader(sb, rec, "        ");
            sb.append("        intervals: ").append(intervals(rec.header().attributes().sampleUs(),
                    rec.header().attributes().aggrUs(), rec.header().attributes().updateUs())).append('\n');
            sb.append("        (no DAMOS configuration recorded)\n");
            return sb.toString();
        }
        int schemeBase = 0;
        for (int k = 0; k < cfg.kdamonds().size(); k++) {
            sb.append("kdamond ").append(k).append('\n');
            List<KdamondsConfig.Context> ctxs = cfg.kdamonds().get(k).contexts();
            for (int c = 0; c < ctxs.size(); c++) {
                KdamondsConfig.Context ctx = ctxs.get(c);
                sb.append("    context ").append(c).append('\n');
                sb.append("        ops: ").append(ctx.ops()).append('\n');
                if (ctx.targets().isEmpty()) {
                    targetsFromHeader(sb, rec, "        ");
                } else {
                    for (int t = 0; t < ctx.targets().size(); t++) {
                        KdamondsConfig.TargetConfig tc = ctx.targets().get(t);
                        sb.append("        target ").append(t).append('\n');
                        sb.append("            pid: ").append(tc.pid() == null ? "none" : tc.pid()).append('\n');
                        for (AddressRange r : tc.regions()) {
                            sb.append("            region ").append(r).append(" (").append(Units.formatSize(r.size()))
                                    .append(")\n");
                        }
                    }
                }
                KdamondsConfig.Intervals iv = ctx.intervals();
                sb.append("        intervals: ").append(intervals(iv.sampleUs(), iv.aggrUs(), iv.opsUpdateUs())).append('\n');
                if (iv.goal().enabled()) {
                    sb.append("        intervals goal: ").append(Units.formatRatioExact(iv.goal().accessBp(), 100))
                            .append(" access per ").append(iv.goal().aggrs()).append(" aggregations, sample in [")
                            .append(Units.formatDurationUs(iv.goal().minSampleUs())).append(", ")
                            .append(Units.formatDurationUs(iv.goal().maxSampleUs())).append("]\n");
                }
                sb.append("        nr_regions: [").append(ctx.nrRegions().min()).append(", ")
                        .append(ctx.nrRegions().max()).append("]\n");
                for (int s = 0; s < ctx.schemes().size(); s++) {
                    SchemesReport.SchemeTotals t = schemeBase + s < sum.schemes().size()
                            ? sum.schemes().get(schemeBase + s) : null;
                    scheme(sb, s, ctx.schemes().get(s), t);
                }
                schemeBase += ctx.schemes().size();
            }
        }
        return sb.toString();
    }

    private static void targetsFromHeader(StringBuilder sb, Recording rec, String indent) {
        for (TargetInfo t : rec.header().targets()) {
            sb.append(indent).append("target ").append(t.id()).append(": ").append(t.name());
            if (t.pid() >= 0) {
                sb.append(" (pid ").append(t.pid()).append(')');
            }
            sb.append('\n');
        }
    }

    private static String intervals(long sampleUs, long aggrUs, long updateUs) {
        return "sample " + Units.formatDurationUs(sampleUs) + ", aggr " + Units.formatDurationUs(aggrUs) + ", update "
                + Units.formatDurationUs(updateUs);
    }

    private static void scheme(StringBuilder sb, int idx, SchemeConfig s, SchemesReport.SchemeTotals t) {
        String in = "            ";
        sb.append("        scheme ").append(idx).append('\n');
        sb.append(in).append("action: ").append(s.action().keyword());
        if (s.targetNid() >= 0) {
            sb.append(" to node ").append(s.targetNid());
        }
        for (var d : s.dests()) {
            sb.append(" node ").append(d.nid()).append(" weight ").append(d.weight());
        }
        sb.append(s.applyIntervalUs() == 0 ? " per aggr interval" : " per " + Units.formatDurationUs(s.applyIntervalUs()))
                .append('\n');
        SchemeConfig.PatternConfig p = s.pattern();
        boolean pct = p.rateUnit() == SchemeConfig.RateUnit.PERCENT;
        boolean time = p.ageUnit() == SchemeConfig.AgeUnit.US;
        sb.append(in).append("target access pattern\n");
        sb.append(in).append("    sz: [").append(Units.formatSizeExact(p.minSzBytes())).append(", ")
                .append(Units.formatSizeExact(p.maxSzBytes())).append("]\n");
        sb.append(in).append("    nr_accesses: [").append(rate(p.minNrAccesses(), pct)).append(", ")
                .append(rate(p.maxNrAccesses(), pct)).append("]\n");
        sb.append(in).append("    age: [").append(age(p.minAge(), time)).append(", ").append(age(p.maxAge(), time))
                .append("]\n");
        Quota q = s.quota();
        sb.append(in).append("quotas\n");
        if (!q.isSet()) {
            sb.append(in).append("    none\n");
        } else {
            sb.append(in).append("    ").append(Values.formatDurationMs(q.timeMs())).append(" / ")
                    .append(Units.formatSizeExact(q.szBytes())).append(" per ")
                    .append(Values.formatDurationMs(q.resetIntervalMs())).append('\n');
            sb.append(in).append("    priority: sz ").append(Units.formatRatioExact(q.weightSz(), 10)).append(", nr_accesses ")
                    .append(Units.formatRatioExact(q.weightNrAccesses(), 10)).append(", age ")
                    .append(Units.formatRatioExact(q.weightAge(), 10)).append('\n');
            for (QuotaGoal g : q.goals()) {
                sb.append(in).append("    goal: ").append(g.metric().keyword()).append(" target ").append(g.targetValue());
                if (g.nid() >= 0) {
                    sb.append(" nid ").append(g.nid());
                }
                if (g.memcgPath() != null) {
                    sb.append(" memcg ").append(g.memcgPath());
                }
                sb.append(" (").append(q.goalTuner().keyword()).append(")\n");
            }
        }
        Watermarks w = s.watermarks();
        sb.append(in).append("watermarks\n");
        if (w.metric() == Watermarks.Metric.NONE) {
            sb.append(in).append("    none\n");
        } else {
            sb.append(in).append("    ").append(w.metric().keyword()).append(" checked every ")
                    .append(Units.formatDurationUs(w.intervalUs())).append(": high ").append(Units.formatRatioExact(w.high(), 10))
                    .append(", mid ").append(Units.formatRatioExact(w.mid(), 10)).append(", low ")
                    .append(Units.formatRatioExact(w.low(), 10)).append('\n');
        }
        sb.append(in).append("filters\n");
        if (s.filters().isEmpty()) {
            sb.append(in).append("    none\n");
        }
        for (DamosFilter f : s.filters()) {
            sb.append(in).append("    ").append(filter(f)).append('\n');
        }
        sb.append(in).append("statistics\n");
        if (t == null) {
            sb.append(in).append("    not recorded\n");
        } else {
            sb.append(in).append("    tried ").append(t.nrTried()).append(" regions (").append(Units.formatSize(t.szTried()))
                    .append(")\n");
            sb.append(in).append("    applied ").append(t.nrApplied()).append(" regions (")
                    .append(Units.formatSize(t.szApplied())).append(")\n");
            sb.append(in).append("    ops filter passed ").append(Units.formatSize(t.szOpsFilterPassed())).append('\n');
            sb.append(in).append("    quota exceeded ").append(t.qtExceeds()).append(" times\n");
        }
    }

    private static String rate(long v, boolean pct) {
        return pct ? Units.formatRatioExact(v, 1) : v == Values.MAX ? "max" : v + " samples";
    }

    private static String age(long v, boolean time) {
        return time ? Units.formatDurationUsExact(v) : v == Values.MAX ? "max" : v + " aggr_intervals";
    }

    /** One filter in damo's current grammar, e.g. {@code reject none addr 4096 8192}. */
    static String filter(DamosFilter f) {
        StringBuilder sb = new StringBuilder(f.allow() ? "allow " : "reject ");
        if (!f.matching()) {
            sb.append("none ");
        }
        sb.append(f.type().keyword());
        switch (f.type()) {
            case MEMCG -> sb.append(' ').append(f.memcgPath());
            case ADDR -> sb.append(' ').append(Long.toUnsignedString(f.addrStart())).append(' ')
                    .append(Long.toUnsignedString(f.addrEnd()));
            case TARGET -> sb.append(' ').append(f.targetIdx());
            case HUGEPAGE_SIZE -> sb.append(' ').append(Units.formatSizeExact(f.minBytes())).append(' ')
                    .append(Units.formatSizeExact(f.maxBytes()));
            default -> {}
        }
        return sb.toString();
    }

    /** The configuration as kdamonds JSON, each scheme with a {@code stats} object of its final numbers. */
    public static String json(Recording rec) {
        KdamondsConfig cfg = SchemesReport.config(rec);
        if (cfg == null) {
            throw new IllegalArgumentException("the record carries no DAMON/DAMOS configuration");
        }
        SchemesReport.Summary sum = SchemesReport.summarize(rec);
        ObjectNode root = KdamondsJson.toTree(cfg);
        int i = 0;
        for (JsonNode k : root.get("kdamonds").values()) {
            for (JsonNode c : k.get("contexts").values()) {
                for (JsonNode s : c.get("schemes").values()) {
                    if (i < sum.schemes().size()) {
                        SchemesReport.SchemeTotals t = sum.schemes().get(i);
                        ObjectNode st = ((ObjectNode) s).putObject("stats");
                        st.put("nr_tried", t.nrTried());
                        st.put("sz_tried", t.szTried());
                        st.put("nr_applied", t.nrApplied());
                        st.put("sz_applied", t.szApplied());
                        st.put("sz_ops_filter_passed", t.szOpsFilterPassed());
                        st.put("qt_exceeds", t.qtExceeds());
                    }
                    i++;
                }
            }
        }
        return root.toPrettyString() + System.lineSeparator();
    }
}
