package org.jdamon.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdamon.core.Attributes;
import org.jdamon.core.Clock;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Operations;
import org.jdamon.core.Target;
import org.jdamon.core.VirtualClock;
import org.jdamon.ops.trace.TraceInput;
import org.jdamon.ops.trace.TraceOperations;
import org.jdamon.ops.trace.TraceOptions;
import org.jdamon.ops.trace.TraceReader;

/**
 * A replayed memory trace (Lackey text, {@code .gz}, jdamon binary, or standard input) in virtual time:
 * the source behind {@code record --trace}, {@code trace record} and {@code eval --trace}.
 */
public final class TraceSource implements MonitorSource {
    private final TraceOperations ops;
    private final List<Target> targets;
    private final VirtualClock clock = new VirtualClock();
    private final Map<String, String> properties = new LinkedHashMap<>();

    /** Opens {@code pathOrDash} ({@code -} is standard input); errors are one-line TraceFormatExceptions. */
    public TraceSource(String pathOrDash, TraceOptions options) {
        this(TraceInput.open(pathOrDash), options);
    }

    /** Replays an already open trace (for example Lackey's pipe in {@code trace record}). */
    public TraceSource(TraceReader reader, TraceOptions options) {
        this.ops = new TraceOperations(reader, options);
        this.targets = List.of(ops.newTarget());
        properties.put("trace", reader.name());
        properties.put("access_primitive", "replayed trace (page accessed during the sampling interval)");
        properties.put("trace_instructions_per_us", Double.toString(options.instructionsPerUs()));
        properties.put("trace_accesses_per_us", Double.toString(options.accessesPerUs()));
        properties.put("trace_instruction_fetches", Boolean.toString(options.instructionFetches()));
        properties.put("time", "virtual (trace time)");
    }

    public TraceOperations traceOperations() {
        return ops;
    }

    @Override
    public Operations operations() {
        return ops;
    }

    @Override
    public List<Target> targets() {
        return targets;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Map<String, String> properties() {
        return properties;
    }

    @Override
    public long minRegionSize() {
        return ops.options().pageSize();
    }

    /** The page-granular replay monitors with its own attributes (one region per page, every sample). */
    @Override
    public MonitorContext.Builder contextBuilder(Attributes attrs, long seed, long durationNs) {
        Attributes a = ops.options().pageGranular() ? TraceOperations.pageGranularAttributes(attrs) : attrs;
        return MonitorSource.super.contextBuilder(a, seed, durationNs);
    }
}
