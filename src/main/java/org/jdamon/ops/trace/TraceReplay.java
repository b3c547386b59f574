package org.jdamon.ops.trace;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jdamon.core.Attributes;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.VirtualClock;

/**
 * Builds monitor contexts over a trace (virtual clock, one target) and states what a replay saw; the
 * trace evaluation ({@code session.Evaluation.trace}) runs on these contexts.
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
