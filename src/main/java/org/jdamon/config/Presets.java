package org.jdamon.config;

import java.util.List;
import java.util.Locale;
import org.jdamon.core.damos.DamosAction;
import org.jdamon.core.damos.Quota;
import org.jdamon.core.damos.Watermarks;

/**
 * Schemes with the default parameters of the kernel's special-purpose modules (design §11):
 * {@code reclaim} is DAMON_RECLAIM (page out regions idle for 120 s or more, oldest first, within 10 ms
 * and 128 MiB per second, while free memory is between 20 % and 50 %, starting once it is below 40 %);
 * {@code lru_sort} is DAMON_LRU_SORT (prioritise regions accessed in at least 50 % of samples, deprioritise
 * regions idle for 120 s, 5 ms each per second, while free memory is between 5 % and 20 %).
 */
public enum Presets {
    RECLAIM,
    LRU_SORT;

    /** The modules' monitoring intervals and region bounds: 5 ms / 100 ms, 10..1000 regions. */
    public static final long SAMPLE_US = 5_000;
    public static final long AGGR_US = 100_000;

    private static final long PAGE = 4096;
    private static final long MIN_AGE_US = 120_000_000L;
    private static final Watermarks RECLAIM_WMARKS =
            new Watermarks(Watermarks.Metric.FREE_MEM_RATE, 5_000_000, 500, 400, 200);
    private static final Watermarks LRU_SORT_WMARKS =
            new Watermarks(Watermarks.Metric.FREE_MEM_RATE, 5_000_000, 200, 150, 50);

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Presets fromKeyword(String k) {
        for (Presets p : values()) {
            if (p.keyword().equals(k)) {
                return p;
            }
        }
        throw new ConfigException("--preset", "unknown preset '" + k + "' (expected reclaim or lru_sort)");
    }

    public List<SchemeConfig> schemes() {
        return switch (this) {
            case RECLAIM -> List.of(scheme(DamosAction.PAGEOUT,
                    new SchemeConfig.PatternConfig(PAGE, Values.MAX, 0, 0, SchemeConfig.RateUnit.SAMPLES,
                            MIN_AGE_US, Values.MAX, SchemeConfig.AgeUnit.US),
                    new Quota(10, 128L << 20, 1_000, 0, 0, 1), RECLAIM_WMARKS));
            case LRU_SORT -> {
                Quota half = new Quota(5, 0, 1_000, 0, 1, 1);
                yield List.of(
                        scheme(DamosAction.LRU_PRIO,
                                new SchemeConfig.PatternConfig(PAGE, Values.MAX, 50, Values.MAX,
                                        SchemeConfig.RateUnit.PERCENT, 0, Values.MAX, SchemeConfig.AgeUnit.US),
                                half, LRU_SORT_WMARKS),
                        scheme(DamosAction.LRU_DEPRIO,
                                new SchemeConfig.PatternConfig(PAGE, Values.MAX, 0, 0, SchemeConfig.RateUnit.SAMPLES,
                                        MIN_AGE_US, Values.MAX, SchemeConfig.AgeUnit.US),
                                half, LRU_SORT_WMARKS));
            }
        };
    }

    private static SchemeConfig scheme(DamosAction a, SchemeConfig.PatternConfig p, Quota q, Watermarks w) {
        return SchemeConfig.defaults().withAction(a, -1, List.of()).withPattern(p).withQuota(q).withWatermarks(w);
    }
}
