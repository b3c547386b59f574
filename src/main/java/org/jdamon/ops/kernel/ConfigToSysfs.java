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
 * silently dropped.
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
        if (c.pause()) {
            throw unsupported(where + ".pause", "pausing a context");
        }
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
        return new KdamondSpec.Context(c.ops(), c.attributes(), c.addrUnit(), targets, schemes);
    }

    static SysfsScheme scheme(SchemeConfig s, KdamondsConfig.Context c, String where) {
        if (!s.dests().isEmpty()) {
            throw unsupported(where + ".dests", "migration destinations (dests)");
        }
        if (s.maxNrSnapshots() != 0) {
            throw unsupported(where + ".max_nr_snapshots", "max_nr_snapshots");
        }
        Quota q = s.quota();
        if (q.goalTuner() != Quota.GoalTuner.CONSIST || q.failChargeDenom() != 0) {
            throw unsupported(where + ".quotas", "goal_tuner and fail_charge");
        }
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
                q.weightSz(), q.weightNrAccesses(), q.weightAge(), goals);
        Watermarks w = s.watermarks();
        SysfsScheme.Watermarks wm = new SysfsScheme.Watermarks(w.metric().keyword(), w.intervalUs(),
                w.high(), w.mid(), w.low());
        List<SysfsScheme.Filter> filters = new ArrayList<>();
        for (DamosFilter f : s.filters()) {
            filters.add(new SysfsScheme.Filter(f.type().keyword(), f.matching(), f.allow(), f.memcgPath(),
                    f.addrStart(), f.addrEnd(), f.targetIdx(), f.minBytes(), f.maxBytes()));
        }
        return new SysfsScheme(s.action().keyword(), pattern, s.applyIntervalUs(), quota, wm, filters, s.targetNid());
    }

    /** The core's "no bound" ({@code Long/Integer.MAX_VALUE}) is the kernel's {@code ULONG_MAX}. */
    private static long unbounded(long v) {
        return v == Long.MAX_VALUE || v == Integer.MAX_VALUE ? SysfsScheme.UNBOUNDED : v;
    }

    private static KernelDamonException unsupported(String where, String what) {
        return new KernelDamonException(where + ": jdamon does not write " + what + " to the kernel yet");
    }
}
