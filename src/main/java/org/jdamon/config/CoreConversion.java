package org.jdamon.config;

import java.util.ArrayList;
import java.util.List;
import org.jdamon.core.Attributes;
import org.jdamon.core.damos.AccessPattern;
import org.jdamon.core.damos.Scheme;

/**
 * Turns configured schemes into the core's {@link Scheme}s for given monitoring attributes: access
 * rates in percent become samples ({@code pct * max_nr_accesses / 100}) and ages in time become
 * aggregation intervals ({@code us / aggr_us}). Errors name the scheme's JSON path.
 */
public final class CoreConversion {
    private CoreConversion() {}

    public static List<Scheme> schemes(KdamondsConfig.Context ctx) {
        Attributes attrs = ctx.attributes();
        List<Scheme> out = new ArrayList<>();
        for (int i = 0; i < ctx.schemes().size(); i++) {
            out.add(scheme(ctx.schemes().get(i), attrs, "schemes[" + i + "]"));
        }
        return out;
    }

    public static Scheme scheme(SchemeConfig s, Attributes attrs, String where) {
        try {
            return new Scheme(pattern(s.pattern(), attrs), s.action(), s.applyIntervalUs(), s.quota(),
                    s.watermarks(), s.filters(), s.targetNid(), s.dests(), s.maxNrSnapshots());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where, e.getMessage());
        }
    }

    public static AccessPattern pattern(SchemeConfig.PatternConfig p, Attributes attrs) {
        int maxNr = attrs.maxNrAccesses();
        int minNr = p.rateUnit() == SchemeConfig.RateUnit.PERCENT
                ? AccessPattern.percentToSamples(p.minNrAccesses(), maxNr)
                : clampInt(p.minNrAccesses());
        int maxNrBound = p.rateUnit() == SchemeConfig.RateUnit.PERCENT
                ? AccessPattern.percentToSamples(p.maxNrAccesses(), maxNr)
                : clampInt(p.maxNrAccesses());
        int minAge = p.ageUnit() == SchemeConfig.AgeUnit.US
                ? AccessPattern.ageUsToAggregations(p.minAge(), attrs.aggrUs())
                : clampInt(p.minAge());
        int maxAge = p.ageUnit() == SchemeConfig.AgeUnit.US
                ? AccessPattern.ageUsToAggregations(p.maxAge(), attrs.aggrUs())
                : clampInt(p.maxAge());
        return new AccessPattern(p.minSzBytes(), p.maxSzBytes(), minNr, maxNrBound, minAge, maxAge);
    }

    private static int clampInt(long v) {
        return (int) Math.min(v, Integer.MAX_VALUE);
    }
}
