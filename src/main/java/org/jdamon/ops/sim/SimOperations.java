package org.jdamon.ops.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdamon.core.AddressRange;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Operations;
import org.jdamon.core.Regions;
import org.jdamon.core.RegionsView;
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
import org.jdamon.core.damos.Scheme;
import org.jdamon.truth.Coverage;
import org.jdamon.truth.CoverageSource;
import org.jdamon.truth.GroundTruth;
import org.jdamon.truth.TruthWindow;
import org.jdamon.ops.common.ThreeRegions;

/**
 * The {@code sim} operations set: monitors simulated masim workloads, one per target, in a process-like
 * address space (vaddr semantics: three-regions init and update). A sampled page's access is answered by
 * the workload's access model for the sampling interval just ended, so a check costs the same at 1 GiB
 * and at 64 TiB. Each target also has a {@link SimMemory} that DAMOS actions act on, and the exact
 * per-window accesses are available as {@link GroundTruth}.
 *
 * <p>Workload time starts when the monitor starts; a target stays valid until its last phase ends.
 * Use one instance per run: the memory models keep their state.
 *
 * <p>DAMOS: every action applies to the target's {@link SimMemory}; operations-level filters
 * ({@code anon, active, young, hugepage_size, unmapped}; no memcg) are evaluated piece by piece of
 * uniform memory state for every action (the kernel skips them for vaddr madvise actions); goal
 * metrics and {@code free_mem_rate} are read from the memory models, {@code some_mem_psi_us} being the
 * cumulative refault stall. Node 0 is the fast tier, node 1 the slow one; a migration without a target
 * node goes to the fast tier for {@code migrate_hot} and the slow one for {@code migrate_cold}, and
 * with weighted destinations to the heaviest one.
 *
 * <p>Coverage ({@link CoverageSource}) compares each window's exact accesses with the regions at its
 * end; its page counts are the workload model's expectations, rounded, and a run's distinct pages are
 * those of the byte ranges it accessed. The three-regions rule spans every mapping of the static
 * layout, so a simulated workload is always fully covered unless its target was given narrower ranges.
 */
public final class SimOperations implements Operations, DamosOperations, GroundTruth, CoverageSource {
    private final List<SimWorkload> workloads;
    private final SimMemory[] memories;
    private final long[] lastDrainNs;
    private final SimWorkload.Window[] windows;
    private final Page page = new Page();
    private final long[] lastCoverageNs;
    private final TruthWindow coverageScratch = new TruthWindow();
    private final List<TreeMap<Long, Long>> touchedRanges = new ArrayList<>();
    private final List<TreeMap<Long, Long>> outsideRanges = new ArrayList<>();
    private final long[] totalAccesses;
    private final double[] totalAccessesOutside;
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
        this.lastCoverageNs = new long[workloads.size()];
        this.totalAccesses = new long[workloads.size()];
        this.totalAccessesOutside = new double[workloads.size()];
        for (int i = 0; i < workloads.size(); i++) {
            touchedRanges.add(new TreeMap<>());
            outsideRanges.add(new TreeMap<>());
        }
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

    // ---- coverage -----------------------------------------------------------------------------------

    @Override
    public Coverage drainCoverage(int targetIndex) {
        long t1 = workloadTimeNs();
        TruthWindow tw = coverageScratch;
        workloads.get(targetIndex).truth(lastCoverageNs[targetIndex], t1, tw);
        lastCoverageNs[targetIndex] = t1;
        RegionsView regions = ctx.targets().get(targetIndex).regions();
        double pages = 0;
        double pagesOutside = 0;
        double accesses = 0;
        double accessesOutside = 0;
        for (int i = 0; i < tw.size(); i++) {
            long s = tw.start(i);
            long e = tw.end(i);
            if (tw.accesses(i) <= 0 || e == s) {
                continue;
            }
            double bytes = e - s;
            double outsideBytes = bytes - coveredBytes(regions, s, e);
            pages += bytes * tw.touchedFraction(i) / SimLayout.PAGE_SIZE;
            pagesOutside += outsideBytes * tw.touchedFraction(i) / SimLayout.PAGE_SIZE;
            accesses += tw.accesses(i);
            accessesOutside += tw.accesses(i) * outsideBytes / bytes;
            addRange(touchedRanges.get(targetIndex), s, e);
            if (outsideBytes > 0) {
                addUncovered(outsideRanges.get(targetIndex), regions, s, e);
            }
        }
        long acc = Math.round(accesses);
        totalAccesses[targetIndex] += acc;
        totalAccessesOutside[targetIndex] += accessesOutside;
        long pg = Math.round(pages);
        return new Coverage(pg, Math.min(pg, Math.round(pagesOutside)), acc, Math.min(acc, Math.round(accessesOutside)));
    }

    @Override
    public Coverage totalCoverage(int targetIndex) {
        long pg = pagesOf(touchedRanges.get(targetIndex));
        long acc = totalAccesses[targetIndex];
        return new Coverage(pg, Math.min(pg, pagesOf(outsideRanges.get(targetIndex))), acc,
                Math.min(acc, Math.round(totalAccessesOutside[targetIndex])));
    }

    /** Bytes of {@code [s, e)} inside the (sorted, disjoint) regions. */
    private static long coveredBytes(RegionsView r, long s, long e) {
        long covered = 0;
        for (int i = 0; i < r.size(); i++) {
            long a = Math.max(s, r.start(i));
            long b = Math.min(e, r.end(i));
            if (a < b) {
                covered += b - a;
            }
        }
        return covered;
    }

    /** Adds the parts of {@code [s, e)} outside the regions to {@code ranges}. */
    private static void addUncovered(TreeMap<Long, Long> ranges, RegionsView r, long s, long e) {
        long pos = s;
        for (int i = 0; i < r.size() && pos < e; i++) {
            if (r.end(i) <= pos) {
                continue;
            }
            if (r.start(i) > pos) {
                addRange(ranges, pos, Math.min(e, r.start(i)));
            }
            pos = Math.max(pos, r.end(i));
        }
        if (pos < e) {
            addRange(ranges, pos, e);
        }
    }

    /** Adds {@code [s, e)} to a map of disjoint ranges (start to end), merging what it overlaps or touches. */
    private static void addRange(TreeMap<Long, Long> ranges, long s, long e) {
        Map.Entry<Long, Long> before = ranges.floorEntry(s);
        if (before != null && before.getValue() >= s) {
            s = before.getKey();
            e = Math.max(e, before.getValue());
        }
        Map.Entry<Long, Long> next = ranges.ceilingEntry(s);
        while (next != null && next.getKey() <= e) {
            e = Math.max(e, next.getValue());
            ranges.remove(next.getKey());
            next = ranges.ceilingEntry(s);
        }
        ranges.put(s, e);
    }

    private static long pagesOf(TreeMap<Long, Long> ranges) {
        long bytes = 0;
        for (Map.Entry<Long, Long> r : ranges.entrySet()) {
            bytes += r.getValue() - r.getKey();
        }
        return (bytes + SimLayout.PAGE_SIZE - 1) / SimLayout.PAGE_SIZE;
    }

    // ---- DAMOS --------------------------------------------------------------------------------------

    @Override
    public boolean supportsFilter(FilterType type) {
        return type != FilterType.MEMCG;
    }

    @Override
    public boolean supportsMetric(GoalMetric metric) {
        return switch (metric) {
            case SOME_MEM_PSI_US, NODE_MEM_USED_BP, NODE_MEM_FREE_BP, ACTIVE_MEM_BP, INACTIVE_MEM_BP,
                    NODE_ELIGIBLE_MEM_BP, HUGEPAGE_MEM_BP -> true;
            default -> false;
        };
    }

    @Override
    public boolean supportsFreeMemRate() {
        return true;
    }

    @Override
    public long applyScheme(MonitorContext ctx, Target target, long start, long end, ApplyRequest req) {
        SimMemory mem = memories[target.index()];
        mem.syncTo(ctx.clock().nowNs() - originNs);
        DamosAction action = req.action();
        long applied = 0;
        long passed = 0;
        if (!req.hasOpsFilters()) {
            passed = mem.residentBytes(start, end);
            applied = applyToDests(mem, action, start, end, req.scheme());
        } else {
            page.memory = mem;
            for (long a = start; a < end; ) {
                long next = mem.pieceEnd(a, end);
                page.addr = a;
                if (!req.filterOut(page)) {
                    passed += mem.residentBytes(a, next);
                    applied += applyToDests(mem, action, a, next, req.scheme());
                }
                a = next;
            }
        }
        req.addFilterPassed(passed);
        req.chargeTimeNs(SimMemory.actionCostNs(action, applied));
        return action == DamosAction.STAT ? 0 : applied;
    }

    /**
     * Applies the action; a migration with weighted {@code dests} interleaves pages over them like the
     * kernel's {@code damos_va_migrate_dests_add} (page index modulo the total weight picks the
     * destination). The model moves each destination's exact share of pages as one contiguous piece, so
     * its segment count does not grow with every page.
     */
    private static long applyToDests(SimMemory mem, DamosAction action, long start, long end, Scheme scheme) {
        List<MigrationDest> dests = scheme.dests();
        long totalWeight = 0;
        for (MigrationDest d : dests) {
            totalWeight += d.weight();
        }
        if (!action.isMigration() || totalWeight == 0) {
            return mem.apply(action, start, end, action.isMigration() ? scheme.targetNid() : -1);
        }
        long firstPage = Long.divideUnsigned(start, SimMemory.PAGE);
        long pages = Long.divideUnsigned(end - start + SimMemory.PAGE - 1, SimMemory.PAGE);
        long applied = 0;
        long at = start;
        long slotFrom = 0;
        for (MigrationDest d : dests) {
            long share = interleavedPages(firstPage, pages, totalWeight, slotFrom, d.weight());
            slotFrom += d.weight();
            long to = Math.min(end, at + share * SimMemory.PAGE);
            if (to > at) {
                applied += mem.apply(action, at, to, d.nid());
            }
            at = to;
        }
        return applied;
    }

    /** How many of the pages {@code [first, first + n)} have {@code index mod w} in {@code [slot, slot + len)}. */
    static long interleavedPages(long first, long n, long w, long slot, long len) {
        long count = n / w * len;
        long rest = n % w;
        long s = Long.remainderUnsigned(first, w);
        for (long k = 0; k < rest; k++) {
            long pos = (s + k) % w;
            if (pos >= slot && pos < slot + len) {
                count++;
            }
        }
        return count;
    }

    /** The page-level view ops filters test, at one address of one memory model; reused, no allocation. */
    private static final class Page implements PageProperties {
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
                    long size = memory.hugepageSize(addr);
                    yield size != 0 && f.minBytes() <= size && size <= f.maxBytes();
                }
                default -> false;
            };
        }
    }

    @Override
    public long readMetric(MonitorContext ctx, QuotaGoal goal) {
        return SimMemory.goalMetric(goal.metric(), goal.nid(), memories);
    }

    @Override
    public long presentBytes(MonitorContext ctx, Target target, long start, long end, int nid) {
        SimMemory mem = memories[target.index()];
        return nid < 0 ? mem.residentBytes(start, end) : mem.residentBytesOnTier(start, end, nid);
    }

    @Override
    public long freeMemRatePermil(MonitorContext ctx) {
        return SimMemory.freeMemRatePermil(memories);
    }

    @Override
    public MemoryState memoryState(MonitorContext ctx) {
        MemoryState sum = MemoryState.UNKNOWN;
        for (SimMemory m : memories) {
            sum = sum.plus(new MemoryState(m.rssBytes(), m.refaults(), m.tierBytes(SimMemory.FAST_TIER),
                    m.tierBytes(SimMemory.SLOW_TIER), m.activeBytes(), m.inactiveBytes(), m.hugePageBytes(),
                    m.extraNs()));
        }
        return sum;
    }
}
