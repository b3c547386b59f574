package org.jdamon.eval;

import java.util.Arrays;
import java.util.List;

/**
 * All windows of an evaluation in a few numbers. Precision and recall are micro-averaged (pages summed
 * over windows), NaN when undefined (nothing predicted or nothing true); WSS percentiles are over the
 * windows with a non-empty true working set.
 */
public record EvalSummary(
        int windows,
        EvalThresholds thresholds,
        double wssMape,
        double[] wssApePercentiles,
        double trueWssP50,
        double estimatedWssP50,
        double freqAbsError,
        double freqAbsErrorPercentOfMax,
        double hotPrecision,
        double hotRecall,
        double coldPrecision,
        double coldRecall,
        long damonChecks,
        long pageGranularChecks) {

    /** The percentiles reported for the WSS error distribution. */
    public static final double[] PERCENTILES = {50, 90, 99, 100};

    public static EvalSummary of(List<EvalWindow> ws, long damonChecks, long pageChecks, EvalThresholds th) {
        double[] apes = ws.stream().mapToDouble(EvalWindow::wssAbsPercentError).filter(d -> !Double.isNaN(d))
                .sorted().toArray();
        double mape = apes.length == 0 ? Double.NaN : Arrays.stream(apes).average().orElse(Double.NaN);
        double[] pct = new double[PERCENTILES.length];
        for (int i = 0; i < pct.length; i++) {
            pct[i] = percentile(apes, PERCENTILES[i]);
        }
        double[] trueWss = ws.stream().mapToDouble(EvalWindow::trueWssBytes).sorted().toArray();
        double[] estWss = ws.stream().mapToDouble(EvalWindow::estimatedWssBytes).sorted().toArray();
        double freqErr = 0;
        double freqErrPct = 0;
        long pages = 0;
        double hotTp = 0, hotFp = 0, hotFn = 0, coldTp = 0, coldFp = 0, coldFn = 0;
        for (EvalWindow w : ws) {
            freqErr += w.freqAbsError() * w.pages();
            freqErrPct += w.freqAbsError() * w.pages() * 100.0 / Math.max(w.maxNrAccesses(), 1);
            pages += w.pages();
            hotTp += w.hotTruePositive();
            hotFp += w.hotFalsePositive();
            hotFn += w.hotFalseNegative();
            coldTp += w.coldTruePositive();
            coldFp += w.coldFalsePositive();
            coldFn += w.coldFalseNegative();
        }
        return new EvalSummary(ws.size(), th, mape, pct, percentile(trueWss, 50), percentile(estWss, 50),
                pages == 0 ? Double.NaN : freqErr / pages, pages == 0 ? Double.NaN : freqErrPct / pages,
                ratio(hotTp, hotTp + hotFp), ratio(hotTp, hotTp + hotFn),
                ratio(coldTp, coldTp + coldFp), ratio(coldTp, coldTp + coldFn), damonChecks, pageChecks);
    }

    private static double ratio(double a, double b) {
        return b > 0 ? a / b : Double.NaN;
    }

    /** Nearest-rank percentile of sorted values (damo's wss convention), NaN when empty. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    /** How many times fewer checks DAMON made than a page-granular monitor. */
    public double checkReduction() {
        return damonChecks == 0 ? Double.NaN : (double) pageGranularChecks / damonChecks;
    }
}
