package org.jdamon.session;

import java.util.List;
import java.util.Map;
import org.jdamon.core.Clock;
import org.jdamon.core.Operations;
import org.jdamon.core.Target;
import org.jdamon.core.VirtualClock;
import org.jdamon.ops.sim.SimOperations;
import org.jdamon.ops.sim.SimWorkload;
import org.jdamon.ops.sim.SimWorkloads;

/**
 * A simulated masim workload in virtual time: as fast as the CPU allows, or paced to the wall clock
 * ({@link VirtualClock#paced}); reproducible by seed either way.
 */
public final class SimSource implements MonitorSource {
    private final SimOperations ops;
    private final List<Target> targets;
    private final VirtualClock clock;
    private final Map<String, String> properties;

    public SimSource(SimWorkload workload, long accessesPerMs) {
        this(workload, accessesPerMs, new VirtualClock());
    }

    public SimSource(SimWorkload workload, long accessesPerMs, VirtualClock clock) {
        this.ops = SimOperations.of(workload, accessesPerMs);
        this.clock = clock;
        this.targets = ops.targets();
        SimWorkload w = ops.workload(0);
        this.properties = Map.of(
                "workload", w.name(),
                "access_primitive", "simulated (reads and writes)",
                "sim_accesses_per_ms", Long.toString(w.accessesPerMs()),
                "time", clock.isPaced() ? "virtual, paced to the wall clock" : "virtual");
    }

    /** A built-in workload name or a masim configuration file. */
    public static SimSource load(String nameOrPath, long accessesPerMs) {
        return new SimSource(SimWorkloads.load(nameOrPath), accessesPerMs);
    }

    public static SimSource load(String nameOrPath, long accessesPerMs, VirtualClock clock) {
        return new SimSource(SimWorkloads.load(nameOrPath), accessesPerMs, clock);
    }

    public SimOperations simOperations() {
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
}
