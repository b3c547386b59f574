package org.jdamon.ops.kernel;

import java.util.ArrayList;
import java.util.List;
import org.jdamon.config.CoreConversion;
import org.jdamon.config.KdamondsConfig;
import org.jdamon.config.SchemeConfig;
import org.jdamon.core.damos.AccessPattern;
import org.jdamon.core.damos.DamosFilter;
import org.jdamon.core.damos.Quota;
import org.jdamon.core.damos.QuotaGoal;
import org.jdamon.core.damos.Watermarks;

/**
 * Maps the kdamonds configuration onto what the sysfs interface takes: one {@link KdamondSpec} per
 * kdamond, patterns converted to samples and aggregation intervals with the context's attributes, "max"
 * bounds to {@code ULONG_MAX}. Settings the writer does not handle yet are refused by name rather than
 * silently dropped; whether the kernel has the files for newer settings is {@link SysfsDamon}'s check.
 */
public final class ConfigToSysfs {
    private ConfigToSysfs() {}

    public static List<KdamondSpec> kdamonds(KdamondsConfig config) {
        List<KdamondSpec> out = new ArrayList<>();
        for (int k = 0; k < config.kdamonds().size(); k++) {
            KdamondsConfig.Kdamond kd = config.kdamonds().get(k);
            if (kd.contexts().size() != 1) {
                throw new KernelDamonException("kdamonds[%d]: the kernel runs exactly one context per kdamond (found %d)"
                        .formatted(k, kd.contexts().size()));
            }
            out.add(new KdamondSpec(List.of(context(kd.contexts().getFirst(), "kdamonds[" + k + "].contexts[0]")),
                    kd.refreshMs()));
        }
        return out;
    }

    static KdamondSpec.Context context(KdamondsConfig.Context c, String where) {
        List<KdamondSpec.TargetSpec> targets = new ArrayList<>();
        for (KdamondsConfig.TargetConfig t : c.targets()) {
            if (t.obsolete()) {
                throw unsupported(where + ".targets", "obsolete targets");
            }
            targets.add(new KdamondSpec.TargetSpec(t.pid() == null ? -1 : t.pid(), t.regions()));
        }
        List<SysfsScheme> schemes = new ArrayList<>();
        for (int i = 0; i < c.schemes().size(); i++) {
            schemes.add(scheme(c.schemes().get(i), c, where + ".schemes[" + i + "]"));
        }
        return new KdamondSpec.Context(c.ops(), c.attributes(), c.addrUnit(), targets, schemes, c.pause());
    }

    static SysfsScheme scheme(SchemeConfig s, KdamondsConfig.Context c, String where) {
        Quota q = s.quota();
        AccessPattern p = CoreConversion.pattern(s.pattern(), c.attributes());
        SysfsScheme.AccessPattern pattern = new SysfsScheme.AccessPattern(
                p.minSzBytes(), unbounded(p.maxSzBytes()),
                p.minNrAccesses(), unbounded(p.maxNrAccesses()),
                p.minAge(), unbounded(p.maxAge()));
        List<SysfsScheme.Goal> goals = new ArrayList<>();
        for (QuotaGoal g : q.goals()) {
            goals.add(new SysfsScheme.Goal(g.metric().keyword(), g.targetValue(), g.currentValue(),
                    Math.max(g.nid(), 0), g.memcgPath()));
        }
        SysfsScheme.Quota quota = new SysfsScheme.Quota(q.timeMs(), q.szBytes(), q.resetIntervalMs(),
                q.weightSz(), q.weightNrAccesses(), q.weightAge(), goals, q.goalTuner().keyword(),
                q.failChargeNum(), q.failChargeDenom());
        Watermarks w = s.watermarks();
        SysfsScheme.Watermarks wm = new SysfsScheme.Watermarks(w.metric().keyword(), w.intervalUs(),
                w.high(), w.mid(), w.low());
        List<SysfsScheme.Filter> filters = new ArrayList<>();
        for (DamosFilter f : s.filters()) {
            filters.add(new SysfsScheme.Filter(f.type().keyword(), f.matching(), f.allow(), f.memcgPath(),
                    f.addrStart(), f.addrEnd(), f.targetIdx(), f.minBytes(), f.maxBytes()));
        }
        List<SysfsScheme.Dest> dests = s.dests().stream().map(d -> new SysfsScheme.Dest(d.nid(), d.weight())).toList();
        return new SysfsScheme(s.action().keyword(), pattern, s.applyIntervalUs(), quota, wm, filters, s.targetNid(),
                dests, s.maxNrSnapshots());
    }

    /** The core's "no bound" ({@code Long/Integer.MAX_VALUE}) is the kernel's {@code ULONG_MAX}. */
    private static long unbounded(long v) {
        return v == Long.MAX_VALUE || v == Integer.MAX_VALUE ? SysfsScheme.UNBOUNDED : v;
    }

    private static KernelDamonException unsupported(String where, String what) {
        return new KernelDamonException(where + ": jdamon does not write " + what + " to the kernel yet");
    }
}
