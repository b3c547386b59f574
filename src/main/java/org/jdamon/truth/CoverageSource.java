package org.jdamon.truth;

/**
 * An operations set that sees every access (a replayed trace, a simulation) and so can tell how many of
 * them fell outside the regions it monitors. The counts of a sampling interval are settled at its access
 * check, against the regions that check used.
 */
public interface CoverageSource {
    /** The coverage of target {@code targetIndex} since the previous call (or the start), then forgotten. */
    Coverage drainCoverage(int targetIndex);

    /** The coverage of target {@code targetIndex} since the start (distinct pages, all accesses). */
    Coverage totalCoverage(int targetIndex);
}
