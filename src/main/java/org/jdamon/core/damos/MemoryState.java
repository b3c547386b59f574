package org.jdamon.core.damos;

/**
 * What an operations set can tell about the memory behind its targets at one moment, for scheme
 * evaluation and records: resident bytes, cumulative refaults (accesses to paged-out memory), bytes on
 * the fast and slow tier, LRU split, huge-page coverage, and the cumulative access slowdown its cost
 * model estimates (refault latency plus slow-tier penalties), in nanoseconds. Unknown values are -1.
 */
public record MemoryState(
        long rssBytes,
        long refaults,
        long fastTierBytes,
        long slowTierBytes,
        long activeBytes,
        long inactiveBytes,
        long hugeBytes,
        long slowdownNs) {

    public static final MemoryState UNKNOWN = new MemoryState(-1, -1, -1, -1, -1, -1, -1, -1);

    /** Element-wise sum of two states (unknown stays unknown only if both are). */
    public MemoryState plus(MemoryState o) {
        return new MemoryState(add(rssBytes, o.rssBytes), add(refaults, o.refaults),
                add(fastTierBytes, o.fastTierBytes), add(slowTierBytes, o.slowTierBytes),
                add(activeBytes, o.activeBytes), add(inactiveBytes, o.inactiveBytes),
                add(hugeBytes, o.hugeBytes), add(slowdownNs, o.slowdownNs));
    }

    private static long add(long a, long b) {
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : a + b;
    }
}
