package org.jdamon.eval;

/**
 * The comparison of one aggregation window of one target with its truth. Page counts are bytes divided
 * by the page size (fractional when a truth source gives touched fractions).
 *
 * @param pages pages the truth has shown to exist so far: the population of the page-level measures
 * @param freqAbsError mean over those pages of |DAMON {@code nr_accesses} - true sampling intervals with
 *     an access|, in {@code nr_accesses} units (divide by {@code maxNrAccesses} for a fraction)
 */
public record EvalWindow(
        int targetId,
        int index,
        long startNs,
        long endNs,
        int nrRegions,
        long pages,
        double trueWssBytes,
        long estimatedWssBytes,
        double freqAbsError,
        int maxNrAccesses,
        double hotTruePositive,
        double hotFalsePositive,
        double hotFalseNegative,
        double coldTruePositive,
        double coldFalsePositive,
        double coldFalseNegative) {

    /** |estimated - true| / true, or NaN when nothing was accessed in the window. */
    public double wssAbsPercentError() {
        return trueWssBytes > 0 ? Math.abs(estimatedWssBytes - trueWssBytes) / trueWssBytes * 100 : Double.NaN;
    }
}
