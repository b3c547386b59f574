package org.jdamon.session;

import java.util.List;
import java.util.Map;
import org.jdamon.core.Clock;
import org.jdamon.core.Operations;
import org.jdamon.core.Target;
import org.jdamon.core.VirtualClock;
import org.jdamon.ops.trace.TraceInput;
import org.jdamon.ops.trace.TraceOperations;
import org.jdamon.ops.trace.TraceOptions;
import org.jdamon.profile.ProfileSink;
import org.jdamon.profile.ProfilingTraceReader;

/** A replayed memory trace (Lackey text, gzip, binary or stdin) in virtual time taken from the trace. */
public final class TraceSource implements MonitorSource {
    private final TraceOperations ops;
    private final List<Target> targets;
    private final VirtualClock clock = new VirtualClock();

    public TraceSource(String pathOrDash, TraceOptions options) {
        this.ops = TraceOperations.open(pathOrDash, options);
        this.targets = List.of(ops.newTarget());
    }

    /** Also hands every instruction address, at its trace time, to {@code profile} ({@code --profile}). */
    public TraceSource(String pathOrDash, TraceOptions options, ProfileSink profile) {
        this.ops = new TraceOperations(
                new ProfilingTraceReader(TraceInput.open(pathOrDash), profile, options.instructionsPerUs()), options);
        this.targets = List.of(ops.newTarget());
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
    public long minRegionSize() {
        return ops.options().pageSize();
    }

    @Override
    public Map<String, String> properties() {
        return Map.of("trace", ops.inputName(), "access_primitive", "replayed trace (reads and writes)",
                "time", "virtual (trace)");
    }
}
