package org.jdamon.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdamon.core.AddressRange;
import org.jdamon.core.MonitorContext;
import org.jdamon.truth.GroundTruth;

/**
 * One monitored run scored against its truth: a label ({@code damon}, {@code page-granular}), the
 * summary, the windows, the wall time, free-form facts about the input (records, pages, time model) and
 * the run's {@link CoverageSummary} (null when the operations set does not measure it). Pages outside every
 * monitored region are in the summary's recall as misses: the evaluator scores every page the truth
 * reported, monitored or not.
 */
public record EvalRun(String label, EvalSummary summary, List<EvalWindow> windows, long wallNanos,
        Map<String, String> facts, CoverageSummary coverage) {

    public EvalRun {
        windows = List.copyOf(windows);
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    public EvalRun(String label, EvalSummary summary, List<EvalWindow> windows, long wallNanos,
            Map<String, String> facts) {
        this(label, summary, windows, wallNanos, facts, null);
    }

    /** Runs {@code ctx} to its end with an {@link Evaluator} (and a {@link CoverageMeter}) attached. */
    public static EvalRun run(String label, MonitorContext ctx, GroundTruth truth, EvalThresholds th,
            long pageSize, AddressRange focus) throws InterruptedException {
        Evaluator ev = new Evaluator(truth, th, pageSize, focus).attach(ctx);
        CoverageMeter meter = CoverageMeter.attach(ctx, ctx.operations(), null);
        long t0 = System.nanoTime();
        ctx.run();
        long wall = System.nanoTime() - t0;
        return new EvalRun(label, ev.summary(), ev.windows(), wall, Map.of(),
                meter == null || meter.samples().isEmpty() ? null : meter.summary());
    }

    public EvalRun withFacts(Map<String, String> more) {
        return new EvalRun(label, summary, windows, wallNanos, more, coverage);
    }

    public EvalRun withCoverage(CoverageSummary c) {
        return new EvalRun(label, summary, windows, wallNanos, facts, c);
    }
}
