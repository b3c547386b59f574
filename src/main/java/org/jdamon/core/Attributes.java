package org.jdamon.core;

/**
 * Monitoring attributes ({@code damon_attrs}): intervals in microseconds and region-count bounds.
 * {@link #validate()} applies the kernel's {@code damon_set_attrs} rules.
 */
public record Attributes(
        long sampleUs,
        long aggrUs,
        long updateUs,
        int minNrRegions,
        int maxNrRegions,
        IntervalsGoal intervalsGoal) {

    /** The kernel core's defaults: 5 ms, 100 ms, 60 s, 10..1000 regions, no interval tuning. */
    public static final Attributes KERNEL_DEFAULTS =
            new Attributes(5_000, 100_000, 60_000_000, 10, 1000, IntervalsGoal.OFF);

    /** damo's defaults: like the kernel's, but the ops update interval is 1 s. */
    public static final Attributes DAMO_DEFAULTS =
            new Attributes(5_000, 100_000, 1_000_000, 10, 1000, IntervalsGoal.OFF);

    public Attributes {
        if (intervalsGoal == null) {
            intervalsGoal = IntervalsGoal.OFF;
        }
    }

    /** Throws {@link InvalidAttributesException} naming the first violated rule; returns this. */
    public Attributes validate() {
        if (sampleUs < 0 || aggrUs < 0 || updateUs < 0) {
            throw new InvalidAttributesException("intervals must not be negative");
        }
        IntervalsGoal g = intervalsGoal;
        if (g.enabled()) {
            if (g.minSampleUs() > g.maxSampleUs()) {
                throw new InvalidAttributesException(
                        "intervals goal: min_sample_us (%d) > max_sample_us (%d)"
                                .formatted(g.minSampleUs(), g.maxSampleUs()));
            }
            if (sampleUs < g.minSampleUs() || sampleUs > g.maxSampleUs()) {
                throw new InvalidAttributesException(
                        "intervals goal: sample interval %d us is outside [%d, %d]"
                                .formatted(sampleUs, g.minSampleUs(), g.maxSampleUs()));
            }
            if (g.accessBp() <= 0) {
                throw new InvalidAttributesException("intervals goal: access_bp must be positive");
            }
        }
        if (minNrRegions < 3) {
            throw new InvalidAttributesException(
                    "min_nr_regions (%d) must be at least 3".formatted(minNrRegions));
        }
        if (minNrRegions > maxNrRegions) {
            throw new InvalidAttributesException(
                    "min_nr_regions (%d) > max_nr_regions (%d)".formatted(minNrRegions, maxNrRegions));
        }
        if (sampleUs > aggrUs) {
            throw new InvalidAttributesException(
                    "sample interval (%d us) > aggregation interval (%d us)".formatted(sampleUs, aggrUs));
        }
        return this;
    }

    /**
     * {@code damon_nr_samples_per_aggr}: {@code aggr / sample} (a sampling interval of 0 counting as 1),
     * at least 1: samples per aggregation, the upper bound of {@code nr_accesses}.
     */
    public int maxNrAccesses() {
        long n = aggrUs / Math.max(sampleUs, 1);
        return (int) Math.max(1, Math.min(n, Integer.MAX_VALUE));
    }

    public Attributes withIntervals(long sampleUs, long aggrUs, long updateUs) {
        return new Attributes(sampleUs, aggrUs, updateUs, minNrRegions, maxNrRegions, intervalsGoal);
    }

    public Attributes withNrRegions(int min, int max) {
        return new Attributes(sampleUs, aggrUs, updateUs, min, max, intervalsGoal);
    }

    public Attributes withIntervalsGoal(IntervalsGoal goal) {
        return new Attributes(sampleUs, aggrUs, updateUs, minNrRegions, maxNrRegions, goal);
    }
}
