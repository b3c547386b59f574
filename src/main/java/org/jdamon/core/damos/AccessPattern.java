package org.jdamon.core.damos;

/**
 * The regions a scheme targets (design §8.1): inclusive ranges of size in bytes, {@code nr_accesses} in
 * samples per aggregation interval, and age in aggregation intervals. Upper bounds of
 * {@link Long#MAX_VALUE} / {@link Integer#MAX_VALUE} mean "no bound".
 */
public record AccessPattern(
        long minSzBytes, long maxSzBytes, int minNrAccesses, int maxNrAccesses, int minAge, int maxAge) {

    /** Matches every region. */
    public static final AccessPattern ANY =
            new AccessPattern(0, Long.MAX_VALUE, 0, Integer.MAX_VALUE, 0, Integer.MAX_VALUE);

    public AccessPattern {
        check("sz", minSzBytes, maxSzBytes);
        check("nr_accesses", minNrAccesses, maxNrAccesses);
        check("age", minAge, maxAge);
    }

    private static void check(String what, long min, long max) {
        if (min < 0 || max < 0) {
            throw new IllegalArgumentException("access pattern " + what + " must not be negative");
        }
        if (min > max) {
            throw new IllegalArgumentException(
                    "access pattern " + what + ": min (" + min + ") > max (" + max + ")");
        }
    }

    /** {@code nrAccesses} is the kernel's {@code nr_accesses_bp / 10000}. */
    public boolean matches(long size, int nrAccesses, int age) {
        return minSzBytes <= size && size <= maxSzBytes
                && minNrAccesses <= nrAccesses && nrAccesses <= maxNrAccesses
                && minAge <= age && age <= maxAge;
    }

    /** Converts a damo access-rate percentage to samples: {@code pct * max_nr_accesses / 100}. */
    public static int percentToSamples(long percent, int maxNrAccesses) {
        if (percent >= Integer.MAX_VALUE) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.min((long) percent * maxNrAccesses / 100, Integer.MAX_VALUE);
    }

    /** Converts microseconds to aggregation intervals: {@code us / aggr_us}. */
    public static int ageUsToAggregations(long us, long aggrUs) {
        if (us == Long.MAX_VALUE) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.min(us / Math.max(aggrUs, 1), Integer.MAX_VALUE);
    }
}
