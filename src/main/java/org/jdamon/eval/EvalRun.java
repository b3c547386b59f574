package org.jdamon.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdamon.core.AddressRange;
import org.jdamon.core.MonitorContext;

/**
 * One monitored run scored against its truth: a label ({@code damon}, {@code page-granular}), the
 * summary, the windows, the wall time and free-form facts about the input (records, pages, time model).
 */
public record EvalRun(String label, EvalSummary summary, List<EvalWindow> windows, long wallNanos,
        Map<String, String> facts) {

    public EvalRun {
        windows = List.copyOf(windows);
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /** Runs {@code ctx} to its end with an {@link Evaluator} attached and returns the scored run. */
    public static EvalRun run(String label, MonitorContext ctx, GroundTruth truth, EvalThresholds th,
            long pageSize, AddressRange focus) throws InterruptedException {
        Evaluator ev = new Evaluator(truth, th, pageSize, focus).attach(ctx);
        long t0 = System.nanoTime();
        ctx.run();
        long wall = System.nanoTime() - t0;
        return new EvalRun(label, ev.summary(), ev.windows(), wall, Map.of());
    }

    public EvalRun withFacts(Map<String, String> more) {
        return new EvalRun(label, summary, windows, wallNanos, more);
    }
}
