package org.jdamon.truth;

/**
 * An operations set that knows what really happened: the simulated workload and the replayed trace.
 * At every aggregation boundary the evaluator drains the exact accesses of the window just ended, so the
 * truth is gathered in the same pass as the monitoring, with memory bounded by the pages touched.
 */
public interface GroundTruth {
    /**
     * Moves the accesses made since the previous call (or the start) for target {@code targetIndex}
     * into {@code out} (cleared first) and forgets them.
     */
    void drainWindow(int targetIndex, TruthWindow out);

    /**
     * Pages that exist in target {@code targetIndex} right now (what a page-granular monitor would check
     * in one sampling interval), or -1 when unknown and the evaluator should count the pages it has seen.
     */
    default long mappedPages(int targetIndex) {
        return -1;
    }
}
