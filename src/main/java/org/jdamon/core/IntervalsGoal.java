package org.jdamon.core;

/**
 * Target of the monitoring-intervals auto-tuner (design §6): observe {@code accessBp} basis points of the
 * maximum possible access events, re-evaluated every {@code aggrs} aggregations, keeping the sampling
 * interval within {@code [minSampleUs, maxSampleUs]}. {@code aggrs == 0} turns tuning off.
 */
public record IntervalsGoal(long accessBp, long aggrs, long minSampleUs, long maxSampleUs) {
    public static final IntervalsGoal OFF = new IntervalsGoal(0, 0, 0, 0);

    /** damo's and DAMON_STAT's recommended goal: 4%, 3 aggregations, 5 ms to 10 s. */
    public static final IntervalsGoal RECOMMENDED = new IntervalsGoal(400, 3, 5_000, 10_000_000);

    public boolean enabled() {
        return aggrs != 0;
    }
}
