package org.jdamon.session;

import java.util.List;
import java.util.Map;
import org.jdamon.core.Attributes;
import org.jdamon.core.Clock;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Operations;
import org.jdamon.core.Target;

/**
 * What a monitoring run needs from an address space, whatever it is: the operations set, its targets,
 * the clock it runs on (virtual for simulations and traces, wall for live targets) and facts for the
 * record header. {@link #close()} releases what the source holds (a child process, an open trace).
 */
public interface MonitorSource extends AutoCloseable {
    Operations operations();

    List<Target> targets();

    Clock clock();

    /** Facts for the record header: workload, command line, access primitive, ... */
    Map<String, String> properties();

    default long minRegionSize() {
        return 4096;
    }

    /**
     * A context over this source (its operations set, clock, targets and minimum region size) with
     * {@code attrs} and {@code seed}; with a positive {@code durationNs} it stops that much monitored time
     * from now, else at the source's end.
     */
    default MonitorContext.Builder contextBuilder(Attributes attrs, long seed, long durationNs) {
        MonitorContext.Builder b = MonitorContext.builder()
                .attributes(attrs)
                .operations(operations())
                .clock(clock())
                .seed(seed)
                .minRegionSize(minRegionSize());
        for (Target t : targets()) {
            b.addTarget(t);
        }
        if (durationNs > 0) {
            b.deadlineNs(clock().nowNs() + durationNs);
        }
        return b;
    }

    @Override
    default void close() {}
}
