package org.jdamon.ops.sim;

import java.util.ArrayList;
import java.util.List;
import org.jdamon.core.AddressRange;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Operations;
import org.jdamon.core.Regions;
import org.jdamon.core.Target;
import org.jdamon.core.damos.ApplyRequest;
import org.jdamon.core.damos.DamosAction;
import org.jdamon.core.damos.DamosFilter;
import org.jdamon.core.damos.DamosOperations;
import org.jdamon.core.damos.FilterType;
import org.jdamon.core.damos.GoalMetric;
import org.jdamon.core.damos.MemoryState;
import org.jdamon.core.damos.MigrationDest;
import org.jdamon.core.damos.PageProperties;
import org.jdamon.core.damos.QuotaGoal;
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
 * <p>DAMOS ({@link DamosOperations}): actions change the target's {@link SimMemory}. Unlike the kernel's
 * vaddr, operations-level filters ({@code anon, active, young, hugepage_size, unmapped}) work for every
 * action, evaluated per uniform piece of simulated memory; there are no cgroups, so no {@code memcg}.
 * Migrations go to the tier given as {@code target_nid} (0 fast, 1 slow); weighted destinations split the
 * region in proportion to their weights. Goal and watermark metrics sum every target's memory. The
 * action's time is modelled, not measured ({@link #ACTION_NS_PER_PAGE}, {@link #SCAN_NS_PER_PAGE}), so
 * time quotas behave the same on every machine.
 *
 * <p>Workload time starts when the monitor starts; a target stays valid until its last phase ends.
 */
public final class SimOperations implements Operations, GroundTruth, DamosOperations {
    /** Modelled cost of an action per page it takes effect on: I/O for pageout/willneed, copies for migration. */
    static final long[] ACTION_NS_PER_PAGE = actionCosts();
    /** Modelled cost of visiting a page, whether the action takes effect or not. */
    static final long SCAN_NS_PER_PAGE = 20;

    private final SimPage page = new SimPage();

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

    // ---- DAMOS -----------------------------------------------------------------------------------

    private static long[] actionCosts() {
        long[] c = new long[DamosAction.values().length];
        java.util.Arrays.fill(c, 50);
        c[DamosAction.PAGEOUT.ordinal()] = 2_000;
        c[DamosAction.WILLNEED.ordinal()] = 2_000;
        c[DamosAction.MIGRATE_HOT.ordinal()] = 1_000;
        c[DamosAction.MIGRATE_COLD.ordinal()] = 1_000;
        c[DamosAction.COLLAPSE.ordinal()] = 500;
        c[DamosAction.STAT.ordinal()] = 0;
        return c;
    }

    @Override
    public boolean supportsFilter(FilterType type) {
        return type != FilterType.MEMCG;
    }

    @Override
    public boolean supportsMetric(GoalMetric metric) {
        return switch (metric) {
            case SOME_MEM_PSI_US, NODE_MEM_USED_BP, NODE_MEM_FREE_BP, ACTIVE_MEM_BP, INACTIVE_MEM_BP -> true;
            default -> false;
        };
    }

    @Override
    public boolean supportsFreeMemRate() {
        return true;
    }

    @Override
    public long applyScheme(MonitorContext ctx, Target target, long start, long end, ApplyRequest req) {
        SimMemory m = memories[target.index()];
        DamosAction action = req.action();
        SimMemory.Action simAction = SimMemory.Action.valueOf(action.name());
        long applied = 0;
        if (!req.hasOpsFilters()) {
            applied = applyTo(m, simAction, start, end, req);
        } else {
            page.memory = m;
            long passed = 0;
            for (long a = start; a < end; ) {
                long pieceEnd = m.pieceEnd(a, end);
                page.addr = a;
                if (!req.filterOut(page)) {
                    passed += pieceEnd - a;
                    applied += applyTo(m, simAction, a, pieceEnd, req);
                }
                a = pieceEnd;
            }
            req.addFilterPassed(passed);
        }
        long pages = (end - start) / SimMemory.PAGE;
        req.chargeTimeNs(pages * SCAN_NS_PER_PAGE + applied / SimMemory.PAGE * ACTION_NS_PER_PAGE[action.ordinal()]);
        return action == DamosAction.STAT ? 0 : applied;
    }

    private static long applyTo(SimMemory m, SimMemory.Action action, long start, long end, ApplyRequest req) {
        List<MigrationDest> dests = req.scheme().dests();
        if (!req.action().isMigration() || dests.isEmpty()) {
            return m.apply(action, start, end, req.scheme().targetNid());
        }
        long total = 0;
        for (MigrationDest d : dests) {
            total += d.weight();
        }
        if (total == 0) {
            return 0;
        }
        long applied = 0;
        long s = start;
        long cum = 0;
        for (MigrationDest d : dests) {
            cum += d.weight();
            long e = start + org.jdamon.core.UnsignedMath.alignDown(
                    org.jdamon.core.UnsignedMath.mulDiv(end - start, cum, total), SimMemory.PAGE);
            if (cum == total) {
                e = end;
            }
            if (e > s) {
                applied += m.apply(action, s, e, d.nid());
            }
            s = e;
        }
        return applied;
    }

    /** The page-level properties of one piece of simulated memory, reused for every piece. */
    private static final class SimPage implements PageProperties {
        SimMemory memory;
        long addr;

        @Override
        public boolean has(DamosFilter f) {
            return switch (f.type()) {
                case ANON -> memory.isAnon(addr);
                case ACTIVE -> memory.isActive(addr);
                case YOUNG -> memory.isYoung(addr);
                case UNMAPPED -> !memory.isMapped(addr);
                case HUGEPAGE_SIZE -> {
                    long sz = memory.hugepageSize(addr);
                    yield sz != 0 && f.minBytes() <= sz && sz <= f.maxBytes();
                }
                case MEMCG, ADDR, TARGET -> false;
            };
        }
    }

    @Override
    public long readMetric(MonitorContext ctx, QuotaGoal goal) {
        return switch (goal.metric()) {
            case SOME_MEM_PSI_US -> {
                double ns = 0;
                for (SimMemory m : memories) {
                    ns += m.estimatedSlowdown() * m.nowNs();
                }
                yield Math.max(0, Math.round(ns / 1_000));
            }
            case NODE_MEM_USED_BP, NODE_MEM_FREE_BP -> {
                long total = 0;
                long free = 0;
                for (SimMemory m : memories) {
                    total += m.nodeTotalBytes(goal.nid());
                    free += m.nodeFreeBytes(goal.nid());
                }
                boolean used = goal.metric() == GoalMetric.NODE_MEM_USED_BP;
                if (total == 0) {
                    yield used ? 0 : 10_000;
                }
                yield org.jdamon.core.UnsignedMath.mulDiv(used ? total - free : free, 10_000, total);
            }
            case ACTIVE_MEM_BP, INACTIVE_MEM_BP -> {
                long active = 0;
                long inactive = 0;
                for (SimMemory m : memories) {
                    active += m.activeBytes();
                    inactive += m.inactiveBytes();
                }
                long total = active + inactive;
                long part = goal.metric() == GoalMetric.ACTIVE_MEM_BP ? active : inactive;
                yield total == 0 ? 0 : org.jdamon.core.UnsignedMath.mulDiv(part, 10_000, total);
            }
            default -> throw new UnsupportedOperationException(goal.metric().keyword());
        };
    }

    @Override
    public long freeMemRatePermil(MonitorContext ctx) {
        long total = 0;
        long free = 0;
        for (SimMemory m : memories) {
            for (int nid = SimMemory.FAST_TIER; nid <= SimMemory.SLOW_TIER; nid++) {
                total += m.nodeTotalBytes(nid);
                free += m.nodeFreeBytes(nid);
            }
        }
        return total == 0 ? 0 : org.jdamon.core.UnsignedMath.mulDiv(free, 1_000, total);
    }

    @Override
    public MemoryState memoryState(MonitorContext ctx) {
        long rss = 0;
        long refaults = 0;
        long fast = 0;
        long slow = 0;
        long active = 0;
        long inactive = 0;
        long huge = 0;
        double slowdownNs = 0;
        for (SimMemory m : memories) {
            rss += m.rssBytes();
            refaults += m.refaults();
            fast += m.tierBytes(SimMemory.FAST_TIER);
            slow += m.tierBytes(SimMemory.SLOW_TIER);
            active += m.activeBytes();
            inactive += m.inactiveBytes();
            huge += m.hugePageBytes();
            slowdownNs += m.estimatedSlowdown() * m.nowNs();
        }
        return new MemoryState(rss, refaults, fast, slow, active, inactive, huge, Math.round(slowdownNs));
    }
}
