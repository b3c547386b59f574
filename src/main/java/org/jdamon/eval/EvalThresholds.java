package org.jdamon.eval;

/**
 * The thresholds the evaluator states with its results.
 *
 * @param hotMinNrAccesses a region counts as hot from this {@code nr_accesses} on (damo's default WSS
 *     threshold, 1)
 * @param coldMinAgeUs a byte counts as cold once idle for at least this long: for DAMON, {@code
 *     nr_accesses == 0} and {@code age} at least this many aggregation intervals (rounded up); for the
 *     truth, that many whole windows without an access
 */
public record EvalThresholds(int hotMinNrAccesses, long coldMinAgeUs) {
    public static final EvalThresholds DEFAULTS = new EvalThresholds(1, 1_000_000);

    public EvalThresholds {
        if (hotMinNrAccesses < 1) {
            throw new IllegalArgumentException("hot threshold must be at least 1 nr_accesses");
        }
        if (coldMinAgeUs < 0) {
            throw new IllegalArgumentException("cold age must not be negative");
        }
    }
}
