package org.jdamon.ops.trace;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a trace replay saw (records, time model, trace time, distinct pages), for reports. */
public final class TraceReplay {
    private TraceReplay() {}

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
