package org.jdamon.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jdamon.core.AddressRange;
import org.jdamon.core.Attributes;
import org.jdamon.core.MonitorContext;
import org.jdamon.eval.EvalRun;
import org.jdamon.eval.EvalThresholds;
import org.jdamon.ops.trace.TraceOperations;
import org.jdamon.ops.trace.TraceOptions;
import org.jdamon.ops.trace.TraceReader;
import org.jdamon.ops.trace.TraceReplay;
import org.jdamon.truth.GroundTruth;

/**
 * Scores a monitoring run of any source whose operations set knows its ground truth, and a trace replay
 * with its page-granular baseline: the one place evaluations run.
 */
public final class Evaluation {
    private Evaluation() {}

    /**
     * Runs {@code source} to its end (or {@code durationNs} of monitored time when positive) with an
     * evaluator attached; the source's operations set must implement {@link GroundTruth}.
     */
    public static EvalRun run(String label, MonitorSource source, Attributes attrs, long seed, long durationNs,
            EvalThresholds th, AddressRange focus) throws InterruptedException {
        if (!(source.operations() instanceof GroundTruth truth)) {
            throw new IllegalArgumentException(source.operations().name() + " has no ground truth to evaluate against");
        }
        try (source) {
            MonitorContext ctx = source.contextBuilder(attrs, seed, durationNs).build();
            return EvalRun.run(label, ctx, truth, th, source.minRegionSize(), focus)
                    .withFacts(Map.copyOf(source.properties()));
        }
    }

    /**
     * Evaluates DAMON on the trace {@code open} yields and, with {@code baseline}, the page-granular
     * monitor on a second opening of the same trace.
     */
    public static List<EvalRun> trace(Supplier<TraceReader> open, TraceOptions opts, Attributes attrs,
            long seed, EvalThresholds th, AddressRange focus, boolean baseline) throws InterruptedException {
        List<EvalRun> runs = new ArrayList<>();
        runs.add(evaluateOnce("damon", new TraceSource(open.get(), opts.withGroundTruth(true)), attrs, seed, th,
                focus));
        if (baseline) {
            TraceOptions pg = opts.withGroundTruth(true).withPageGranular(true);
            runs.add(evaluateOnce("page-granular", new TraceSource(open.get(), pg), attrs, seed, th, focus));
        }
        return runs;
    }

    private static EvalRun evaluateOnce(String label, TraceSource source, Attributes attrs, long seed,
            EvalThresholds th, AddressRange focus) throws InterruptedException {
        TraceOperations ops = source.traceOperations();
        MonitorContext ctx = source.contextBuilder(attrs, seed, 0).build();
        EvalRun run = EvalRun.run(label, ctx, ops, th, ops.options().pageSize(), focus);
        Map<String, String> f = TraceReplay.facts(ops);
        if (focus != null) {
            f.put("focus", focus.toString());
        }
        return run.withFacts(f);
    }
}
