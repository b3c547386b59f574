package org.jdamon.config;

import java.util.List;
import org.jdamon.core.damos.DamosAction;
import org.jdamon.core.damos.DamosFilter;
import org.jdamon.core.damos.MigrationDest;
import org.jdamon.core.damos.Quota;
import org.jdamon.core.damos.Watermarks;

/**
 * One scheme as configured: the core's quota, watermark, filter and destination values, and an access
 * pattern still in the user's units (access rate in percent or samples, age in time or aggregation
 * intervals), which only the monitoring attributes turn into the core's samples and intervals.
 */
public record SchemeConfig(
        DamosAction action,
        int targetNid,
        List<MigrationDest> dests,
        PatternConfig pattern,
        long applyIntervalUs,
        Quota quota,
        Watermarks watermarks,
        List<DamosFilter> filters,
        long maxNrSnapshots) {

    public SchemeConfig {
        dests = List.copyOf(dests);
        filters = List.copyOf(filters);
    }

    /** How {@code nr_accesses} bounds are given. */
    public enum RateUnit {
        PERCENT,
        SAMPLES
    }

    /** How age bounds are given. */
    public enum AgeUnit {
        US,
        AGGR_INTERVALS
    }

    /** Inclusive bounds; {@link Values#MAX} is "max". */
    public record PatternConfig(
            long minSzBytes,
            long maxSzBytes,
            long minNrAccesses,
            long maxNrAccesses,
            RateUnit rateUnit,
            long minAge,
            long maxAge,
            AgeUnit ageUnit) {

        /** Everything: damo's default pattern for a new scheme. */
        public static final PatternConfig ANY =
                new PatternConfig(0, Values.MAX, 0, Values.MAX, RateUnit.PERCENT, 0, Values.MAX, AgeUnit.US);
    }

    /** damo's default scheme: {@code stat} on every region, no quota, watermarks or filters. */
    public static SchemeConfig defaults() {
        return new SchemeConfig(DamosAction.STAT, -1, List.of(), PatternConfig.ANY, 0, Quota.UNLIMITED,
                Watermarks.NONE, List.of(), 0);
    }

    public SchemeConfig withAction(DamosAction a, int nid, List<MigrationDest> d) {
        return new SchemeConfig(a, nid, d, pattern, applyIntervalUs, quota, watermarks, filters, maxNrSnapshots);
    }

    public SchemeConfig withPattern(PatternConfig p) {
        return new SchemeConfig(action, targetNid, dests, p, applyIntervalUs, quota, watermarks, filters, maxNrSnapshots);
    }

    public SchemeConfig withApplyIntervalUs(long us) {
        return new SchemeConfig(action, targetNid, dests, pattern, us, quota, watermarks, filters, maxNrSnapshots);
    }

    public SchemeConfig withQuota(Quota q) {
        return new SchemeConfig(action, targetNid, dests, pattern, applyIntervalUs, q, watermarks, filters, maxNrSnapshots);
    }

    public SchemeConfig withWatermarks(Watermarks w) {
        return new SchemeConfig(action, targetNid, dests, pattern, applyIntervalUs, quota, w, filters, maxNrSnapshots);
    }

    public SchemeConfig withFilters(List<DamosFilter> f) {
        return new SchemeConfig(action, targetNid, dests, pattern, applyIntervalUs, quota, watermarks, f, maxNrSnapshots);
    }
}
