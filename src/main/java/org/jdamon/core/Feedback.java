package org.jdamon.core;

/**
 * The kernel's shared proportional controller ({@code damon_feed_loop_next_input}, design §8.6.3), used
 * by the monitoring-intervals tuner and the DAMOS quota-goal tuner. Scores are normalised so that
 * 10,000 means "on target"; values are unsigned and saturate at {@link UnsignedMath#ULONG_MAX}.
 */
public final class Feedback {
    public static final long GOAL = 10_000;
    public static final long MIN_INPUT = 10_000;

    private Feedback() {}

    /** {@code next = last * (1 + (GOAL - score) / GOAL)}, floored at {@link #MIN_INPUT}, saturating. */
    public static long next(long last, long score) {
        if (score == GOAL) {
            return last;
        }
        if (Long.compareUnsigned(score, 2 * GOAL) >= 0) {
            return MIN_INPUT;
        }
        long diff = score > GOAL ? score - GOAL : GOAL - score;
        long comp = Long.compareUnsigned(last, Long.divideUnsigned(UnsignedMath.ULONG_MAX, diff)) < 0
                ? Long.divideUnsigned(last * diff, GOAL)
                : Long.divideUnsigned(last, GOAL) * diff;
        if (score > GOAL) {
            long v = last - comp;
            return Long.compareUnsigned(last, comp) <= 0 || Long.compareUnsigned(v, MIN_INPUT) < 0
                    ? MIN_INPUT
                    : v;
        }
        return Long.compareUnsigned(last, UnsignedMath.ULONG_MAX - comp) < 0
                ? last + comp
                : UnsignedMath.ULONG_MAX;
    }
}
