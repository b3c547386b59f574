package org.jdamon.ops.sim;

import java.util.ArrayList;
import java.util.List;
import org.jdamon.core.AddressRange;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Operations;
import org.jdamon.core.Regions;
import org.jdamon.core.Target;
import org.jdamon.eval.GroundTruth;
import org.jdamon.eval.TruthWindow;
import org.jdamon.ops.common.ThreeRegions;

/**
 * The {@code sim} operations set: monitors simulated masim workloads, one per target, in a process-like
 * address space (vaddr semantics: three-regions init and update). A sampled page's access is answered by
 * the workload's access model for the sampling interval just ended, so a check costs the same at 1 GiB
 * and at 64 TiB. Each target also has a {@link SimMemory} that DAMOS actions act on, and the exact
 * per-window accesses are available as {@link GroundTruth}.
 *
 * <p>Workload time starts when the monitor starts; a target stays valid until its last phase ends.
 */
public final class SimOperations implements Operations, GroundTruth {
    private final List<SimWorkload> workloads;
    private final SimMemory[] memories;
    private final long[] lastDrainNs;
    private final SimWorkload.Window[] windows;
    private MonitorContext ctx;
    private long originNs;
    private long prepareNs;

    private SimOperations(List<SimWorkload> workloads, SimMemory.Config memoryConfig) {
        if (workloads.isEmpty()) {
            throw new IllegalArgumentException("no simulated workload");
        }
        this.workloads = List.copyOf(workloads);
        this.memories = new SimMemory[workloads.size()];
        for (int i = 0; i < memories.length; i++) {
            memories[i] = new SimMemory(workloads.get(i), memoryConfig);
        }
        this.lastDrainNs = new long[workloads.size()];
        this.windows = new SimWorkload.Window[workloads.size()];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = workloads.get(i).newWindow();
        }
    }

    public static SimOperations of(SimWorkload workload) {
        return new SimOperations(List.of(workload), SimMemory.Config.DEFAULTS);
    }

    /** One workload at {@code accessesPerMs} total accesses per ms, or its own rate when 0. */
    public static SimOperations of(SimWorkload workload, long accessesPerMs) {
        return of(accessesPerMs > 0 ? workload.withAccessesPerMs(accessesPerMs) : workload);
    }

    /** Several workloads (one target each) on memories configured by {@code memoryConfig}. */
    public static SimOperations of(List<SimWorkload> workloads, SimMemory.Config memoryConfig) {
        return new SimOperations(workloads, memoryConfig);
    }

    /** Fresh targets, one per workload, in order, to add to a {@link MonitorContext.Builder}. */
    public List<Target> targets() {
        List<Target> out = new ArrayList<>(workloads.size());
        for (int i = 0; i < workloads.size(); i++) {
            out.add(new Target(i, -1, workloads.get(i).name(), List.of()));
        }
        return out;
    }

    /** Adds this operations set and its targets to {@code builder}. */
    public MonitorContext.Builder configure(MonitorContext.Builder builder) {
        builder.operations(this);
        for (Target t : targets()) {
            builder.addTarget(t);
        }
        return builder;
    }

    public SimWorkload workload(int target) {
        return workloads.get(target);
    }

    public SimMemory memory(int target) {
        return memories[target];
    }

    /** The mappings of target {@code target}, for reports' address guides. */
    public List<SimLayout.Mapping> mappings(int target) {
        return workloads.get(target).layout().mappings();
    }

    /** Current workload time: nanoseconds since the monitor started. */
    public long workloadTimeNs() {
        return ctx == null ? 0 : ctx.clock().nowNs() - originNs;
    }

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public void init(MonitorContext ctx) {
        this.ctx = ctx;
        this.originNs = ctx.startNs();
        for (Target t : ctx.targets()) {
            if (t.regions().size() == 0) {
                updateRanges(ctx, t);
            }
        }
    }

    @Override
    public void update(MonitorContext ctx) {
        for (Target t : ctx.targets()) {
            updateRanges(ctx, t);
        }
    }

    private void updateRanges(MonitorContext ctx, Target t) {
        List<AddressRange> ranges =
                ThreeRegions.of(workloads.get(t.index()).layout().mappedRanges(), ctx.minRegionSize());
        if (!ranges.isEmpty()) {
            ctx.setRegions(t, ranges);
        }
    }

    @Override
    public void prepareAccessChecks(MonitorContext ctx) {
        prepareNs = ctx.clock().nowNs();
        for (Target t : ctx.targets()) {
            Regions r = t.regions();
            for (int i = 0, n = r.size(); i < n; i++) {
                r.setSamplingAddr(i, ctx.randomAddress(r.start(i), r.end(i)));
            }
        }
    }

    /**
     * Answers each region's sampled page for the interval since {@link #prepareAccessChecks}, reusing
     * the previous answer when two consecutive checks of a target fall in the same page (the kernel's
     * one-entry cache, kept for one pass), then advances every target's memory model.
     */
    @Override
    public int checkAccesses(MonitorContext ctx) {
        long now = ctx.clock().nowNs();
        long t0 = prepareNs - originNs;
        long t1 = now - originNs;
        int maxNr = 0;
        for (Target t : ctx.targets()) {
            SimWorkload.Window w = windows[t.index()];
            w.reset(t0, t1);
            Regions r = t.regions();
            long lastPage = -1;
            boolean lastAccessed = false;
            for (int i = 0, n = r.size(); i < n; i++) {
                long addr = r.samplingAddr(i);
                long page = addr & -SimLayout.PAGE_SIZE;
                boolean accessed;
                if (page == lastPage) {
                    accessed = lastAccessed;
                } else {
                    accessed = w.accessed(addr, ctx.random());
                    lastPage = page;
                    lastAccessed = accessed;
                }
                maxNr = Math.max(maxNr, ctx.updateAccess(r, i, accessed));
            }
        }
        for (SimMemory m : memories) {
            m.advanceTo(t1);
        }
        return maxNr;
    }

    @Override
    public boolean targetValid(MonitorContext ctx, Target target) {
        return ctx.clock().nowNs() - originNs < workloads.get(target.index()).durationNs();
    }

    /** The exact accesses of target {@code targetIndex} since the previous drain (or the start). */
    @Override
    public void drainWindow(int targetIndex, TruthWindow out) {
        long t1 = workloadTimeNs();
        workloads.get(targetIndex).truth(lastDrainNs[targetIndex], t1, out);
        lastDrainNs[targetIndex] = t1;
    }
}
