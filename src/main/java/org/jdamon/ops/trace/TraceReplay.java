package org.jdamon.ops.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jdamon.core.AddressRange;
import org.jdamon.core.Attributes;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.VirtualClock;
import org.jdamon.eval.EvalRun;
import org.jdamon.eval.EvalThresholds;

/**
 * Builds monitor contexts over a trace (virtual clock, one target) and runs the trace evaluation: DAMON
 * and, when the input can be read twice, the page-granular baseline on the same engine.
 */
public final class TraceReplay {
    private TraceReplay() {}

    /** A context builder over {@code ops} with a virtual clock, the given attributes and seed. */
    public static MonitorContext.Builder builder(TraceOperations ops, Attributes attrs, long seed) {
        return MonitorContext.builder()
                .attributes(ops.options().pageGranular() ? TraceOperations.pageGranularAttributes(attrs) : attrs)
                .operations(ops)
                .clock(new VirtualClock())
                .seed(seed)
                .minRegionSize(ops.options().pageSize())
                .addTarget(ops.newTarget());
    }

    /**
     * Evaluates DAMON on the trace {@code open} yields and, with {@code baseline}, the page-granular
     * monitor on a second opening of the same trace.
     */
    public static List<EvalRun> evaluate(Supplier<TraceReader> open, TraceOptions opts, Attributes attrs,
            long seed, EvalThresholds th, AddressRange focus, boolean baseline) throws InterruptedException {
        List<EvalRun> runs = new ArrayList<>();
        runs.add(evaluateOnce("damon", new TraceOperations(open.get(), opts.withGroundTruth(true)), attrs, seed, th,
                focus));
        if (baseline) {
            TraceOptions pg = opts.withGroundTruth(true).withPageGranular(true);
            runs.add(evaluateOnce("page-granular", new TraceOperations(open.get(), pg), attrs, seed, th, focus));
        }
        return runs;
    }

    private static EvalRun evaluateOnce(String label, TraceOperations ops, Attributes attrs, long seed,
            EvalThresholds th, AddressRange focus) throws InterruptedException {
        MonitorContext ctx = builder(ops, attrs, seed).build();
        EvalRun run = EvalRun.run(label, ctx, ops, th, ops.options().pageSize(), focus);
        Map<String, String> f = facts(ops);
        if (focus != null) {
            f.put("focus", focus.toString());
        }
        return run.withFacts(f);
    }

    /** What a replay saw, for reports. */
    public static Map<String, String> facts(TraceOperations ops) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("records", "%,d".formatted(ops.recordsReplayed()));
        f.put("time model", ops.instructionTime()
                ? "%,d instructions at %s per us".formatted(ops.instructionsReplayed(), fmt(ops.options().instructionsPerUs()))
                : "%,d accesses at %s per us".formatted(ops.recordsReplayed(), fmt(ops.options().accessesPerUs())));
        f.put("trace time", org.jdamon.core.Units.formatDurationUs((long) ops.traceTimeUs()));
        f.put("distinct pages", "%,d".formatted(ops.distinctPages()));
        return f;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
