package org.jdamon.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.jdamon.core.Attributes;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Operations;
import org.jdamon.core.Regions;
import org.jdamon.core.Target;
import org.jdamon.truth.GroundTruth;
import org.jdamon.truth.TruthWindow;
import org.junit.jupiter.api.Test;

/**
 * The evaluator on scripted regions and a truth that gives counts and touched fractions only (as the
 * simulator does for random patterns), so the sample counts are estimated. Sampling 5 ms, aggregation
 * 100 ms: 20 samples per window.
 */
class EvaluatorTest {
    static final long K4 = 4096;

    /** Scripted truth: one list of ranges per window, {start, end, accesses, touched}. */
    static final class ScriptedTruth implements Operations, GroundTruth {
        final List<double[][]> windows = new ArrayList<>();
        int next;

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public void prepareAccessChecks(MonitorContext ctx) {}

        @Override
        public int checkAccesses(MonitorContext ctx) {
            return 0;
        }

        @Override
        public void drainWindow(int targetIndex, TruthWindow out) {
            out.clear();
            for (double[] r : windows.get(next++)) {
                out.add((long) r[0], (long) r[1], r[2], r[3]);
            }
        }
    }

    @Test
    void scoresFractionalTruthAndEstimatesSampleCounts() {
        ScriptedTruth truth = new ScriptedTruth();
        truth.windows.add(new double[][] {{0, K4, 100, 1.0}, {2 * K4, 3 * K4, 2, 0.5}});
        truth.windows.add(new double[][] {});
        truth.windows.add(new double[][] {});
        Target t = new Target(0, -1, "t", List.of());
        MonitorContext ctx = MonitorContext.builder().operations(truth).addTarget(t)
                .attributes(Attributes.DAMO_DEFAULTS).build();
        Regions r = t.regions();
        r.add(0, 2 * K4);
        r.setNrAccesses(0, 10);
        r.add(2 * K4, 4 * K4);
        r.setAge(1, 5);
        Evaluator ev = new Evaluator(truth, new EvalThresholds(1, 100_000), K4);
        for (int w = 0; w < 3; w++) {
            ev.afterAggregation(ctx, w * 100_000_000L, (w + 1) * 100_000_000L);
        }
        List<EvalWindow> ws = ev.windows();

        // Window 0. The universe is the reported pages [0,4K) and [8K,12K).
        // Hot: region 0 (nr 10) covers [0,4K), touched -> 1 page TP; region 1 (nr 0) misses half of
        // [8K,12K) -> 0.5 page FN. True WSS 4K + 0.5*4K = 6K, DAMON's 8K -> APE 33.3%.
        // Samples, Poisson: 100 accesses over 20 intervals -> 20(1 - e^-5); 2 -> 20(1 - e^-0.1).
        EvalWindow w0 = ws.get(0);
        assertThat(w0.pages()).isEqualTo(2);
        assertThat(w0.trueWssBytes()).isEqualTo(6144.0);
        assertThat(w0.estimatedWssBytes()).isEqualTo(8192);
        assertThat(w0.wssAbsPercentError()).isCloseTo(100.0 / 3, within(1e-9));
        assertThat(w0.hotTruePositive()).isEqualTo(1.0);
        assertThat(w0.hotFalsePositive()).isZero();
        assertThat(w0.hotFalseNegative()).isEqualTo(0.5);
        double s1 = 20 * (1 - Math.exp(-5));
        double s2 = 20 * (1 - Math.exp(-0.1));
        assertThat(w0.freqAbsError()).isCloseTo((Math.abs(10 - s1) + s2) / 2, within(1e-9));
        // Cold = idle >= 1 whole window. Region 1 (nr 0, age 5) calls [8K,12K) cold, but it was just used.
        assertThat(w0.coldFalsePositive()).isEqualTo(1.0);
        assertThat(w0.coldTruePositive()).isZero();

        // Window 1: nothing accessed; both pages idle for 0 whole windows -> not yet cold. DAMON still says
        // [0,4K) is hot (nr 10): 1 page FP; region 1's page is a cold FP again.
        EvalWindow w1 = ws.get(1);
        assertThat(w1.trueWssBytes()).isZero();
        assertThat(w1.wssAbsPercentError()).isNaN();
        assertThat(w1.hotFalsePositive()).isEqualTo(1.0);
        assertThat(w1.coldFalsePositive()).isEqualTo(1.0);
        assertThat(w1.freqAbsError()).isEqualTo(5.0);

        // Window 2: both pages idle for one whole window -> truly cold; DAMON gets [8K,12K), misses [0,4K).
        EvalWindow w2 = ws.get(2);
        assertThat(w2.coldTruePositive()).isEqualTo(1.0);
        assertThat(w2.coldFalseNegative()).isEqualTo(1.0);

        EvalSummary s = ev.summary();
        assertThat(s.hotPrecision()).isEqualTo(1.0 / 3); // TP 1 of 1 + 1 + 1 predicted
        assertThat(s.hotRecall()).isCloseTo(1 / 1.5, within(1e-12));
        assertThat(s.coldPrecision()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(s.coldRecall()).isEqualTo(0.5);
        assertThat(s.wssMape()).isCloseTo(100.0 / 3, within(1e-9));
    }

    @Test
    void expectedSamplesFollowsThePoissonModel() {
        assertThat(Evaluator.expectedSamples(0, 20)).isZero();
        assertThat(Evaluator.expectedSamples(20, 20)).isCloseTo(20 * (1 - Math.exp(-1)), within(1e-12));
        assertThat(Evaluator.expectedSamples(1e9, 20)).isCloseTo(20, within(1e-9));
    }
}
