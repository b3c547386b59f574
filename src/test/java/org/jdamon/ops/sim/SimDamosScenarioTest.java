package org.jdamon.ops.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jdamon.config.CoreConversion;
import org.jdamon.config.Presets;
import org.jdamon.core.Attributes;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.UnsignedMath;
import org.jdamon.core.damos.AccessPattern;
import org.jdamon.core.damos.DamosAction;
import org.jdamon.core.damos.DamosEngine;
import org.jdamon.core.damos.DamosFilter;
import org.jdamon.core.damos.MemoryState;
import org.jdamon.core.damos.Scheme;
import org.jdamon.record.DamosSideData;
import org.jdamon.record.SideData;
import org.jdamon.record.capture.DamosCapture;
import org.junit.jupiter.api.Test;

/** DAMOS actions through the engine on simulated memory, and whole scenarios with their expected savings. */
class SimDamosScenarioTest {
    private static final long MIB = 1L << 20;
    private static final long SEC = 1_000_000_000L;

    /** "hot" is accessed all the time; "cold" is written once in the first 500 ms and then left alone. */
    private static final String HOT_COLD = """
            hot, 8M, none
            cold, 8M, none

            startup
            500
            hot, 0, 4K, 1
            cold, 0, 4K, 1

            steady
            10000
            hot, 1, 64, 1
            """;

    private record Run(SimOperations ops, DamosEngine engine, MonitorContext ctx, List<SideData> side) {
        SimMemory memory() {
            return ops.memory(0);
        }

        SimLayout.Mapping mapping(String name) {
            return ops.mappings(0).stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
        }
    }

    private static Run run(String config, long durationNs, SimMemory.Config memory, Scheme... schemes)
            throws InterruptedException {
        SimOperations ops = SimOperations.of(List.of(SimWorkload.of("test", MasimConfig.parse(config, "test"))), memory);
        DamosEngine engine = new DamosEngine(List.of(schemes));
        List<SideData> side = new ArrayList<>();
        MonitorContext ctx = ops.configure(MonitorContext.builder().seed(7).attributes(Attributes.DAMO_DEFAULTS))
                .schemes(engine).deadlineNs(durationNs).afterAggregation(DamosCapture.listener(engine, side::add)).build();
        ctx.run();
        return new Run(ops, engine, ctx, side);
    }

    private static Run hotCold(long durationNs, Scheme... schemes) throws InterruptedException {
        return run(HOT_COLD, durationNs, SimMemory.Config.DEFAULTS, schemes);
    }

    /** Every region of the "cold" mapping, matched by an allow-addr filter (unmatched memory is rejected). */
    private static Scheme onCold(Run probe, DamosAction action, long applyIntervalUs) {
        SimLayout.Mapping cold = probe.mapping("cold");
        return Scheme.of(AccessPattern.ANY, action).withApplyIntervalUs(applyIntervalUs)
                .withFilters(List.of(DamosFilter.addr(cold.start(), cold.end(), true, true)));
    }

    private static Run probe() throws InterruptedException {
        return hotCold(100_000_000L);
    }

    @Test
    void pageoutEvictsAndWillneedBringsBack() throws InterruptedException {
        Run p = probe();
        SimLayout.Mapping cold = p.mapping("cold");
        // at 1 s: pageout, then (same pass, same regions) willneed from the second scheme at 2 s only
        Run r = hotCold(1_500_000_000L, onCold(p, DamosAction.PAGEOUT, 1_000_000));
        assertThat(r.memory().residentBytes(cold.start(), cold.end())).isZero();
        assertThat(r.engine().stats(0).szApplied()).isEqualTo(8 * MIB);
        // the mapped total minus the cold 8 MiB stays resident
        assertThat(r.memory().rssBytes()).isEqualTo(r.ops().workload(0).layout().totalMappedBytes() - 8 * MIB);
        assertThat(r.memory().refaults()).isZero();
        Run back = hotCold(1_500_000_000L, onCold(p, DamosAction.PAGEOUT, 1_000_000),
                onCold(p, DamosAction.WILLNEED, 1_000_000));
        assertThat(back.memory().residentBytes(cold.start(), cold.end())).isEqualTo(8 * MIB);
        assertThat(back.engine().stats(1).szApplied()).isEqualTo(8 * MIB);
    }

    @Test
    void coldAndLruPrioMoveAlongTheLru() throws InterruptedException {
        Run p = probe();
        long coldStart = p.mapping("cold").start();
        // Written until 0.5 s, the cold mapping stays active for the model's 1 s window: still active at 1.2 s.
        assertThat(hotCold(1_200_000_000L).memory().isActive(coldStart)).isTrue();
        // cold (at 1 s) pushes it to the inactive end.
        assertThat(hotCold(1_200_000_000L, onCold(p, DamosAction.COLD, 1_000_000)).memory().isActive(coldStart)).isFalse();
        assertThat(hotCold(1_200_000_000L, onCold(p, DamosAction.LRU_DEPRIO, 1_000_000)).memory().isActive(coldStart))
                .isFalse();
        // Untouched for 2.5 s it is inactive; lru_prio at 2 s makes it active again.
        assertThat(hotCold(2_500_000_000L).memory().isActive(coldStart)).isFalse();
        Run prio = hotCold(2_500_000_000L, onCold(p, DamosAction.LRU_PRIO, 2_000_000));
        assertThat(prio.memory().isActive(coldStart)).isTrue();
        assertThat(prio.engine().stats(0).szApplied()).isEqualTo(8 * MIB);
    }

    @Test
    void hugePageActionsChangeCoverage() throws InterruptedException {
        Run p = probe();
        SimLayout.Mapping cold = p.mapping("cold");
        long blocks = UnsignedMath.alignDown(cold.end(), 2 * MIB) - UnsignedMath.alignUp(cold.start(), 2 * MIB);
        // collapse (like MADV_COLLAPSE) backs the 2 MiB-aligned blocks lying wholly inside each region it is
        // applied to: the expected coverage is computed from the regions the engine tried.
        List<long[]> tried = new ArrayList<>();
        SimOperations ops = SimOperations.of(List.of(SimWorkload.of("test", MasimConfig.parse(HOT_COLD, "test"))),
                SimMemory.Config.DEFAULTS);
        DamosEngine engine = new DamosEngine(List.of(onCold(p, DamosAction.COLLAPSE, 1_000_000)));
        engine.setWalkListener((si, t, start, end, nr, age, passed) -> tried.add(new long[] {start, end}));
        ops.configure(MonitorContext.builder().seed(7)).schemes(engine).deadlineNs(1_050_000_000L).build().run();
        long expected = 0;
        for (long[] r : tried) {
            expected += Math.max(0, UnsignedMath.alignDown(r[1], 2 * MIB) - UnsignedMath.alignUp(r[0], 2 * MIB));
        }
        assertThat(tried).isNotEmpty();
        assertThat(ops.memory(0).hugePageBytes()).isEqualTo(expected);
        assertThat(engine.stats(0).szApplied()).isEqualTo(expected);
        // hugepage only marks (the whole mapping); the simulated khugepaged collapses every aligned block of
        // the marked memory at the next 100 ms step
        Run marked = hotCold(1_250_000_000L, onCold(p, DamosAction.HUGEPAGE, 1_000_000));
        assertThat(marked.engine().stats(0).szApplied()).isEqualTo(8 * MIB);
        assertThat(marked.memory().hugePageBytes()).isEqualTo(blocks);
        // nohugepage after hugepage (same pass) leaves nothing to collapse
        Run split = hotCold(1_250_000_000L, onCold(p, DamosAction.HUGEPAGE, 1_000_000),
                onCold(p, DamosAction.NOHUGEPAGE, 1_000_000));
        assertThat(split.memory().hugePageBytes()).isZero();
    }

    @Test
    void migrationsMoveBetweenTiers() throws InterruptedException {
        Run p = probe();
        SimLayout.Mapping cold = p.mapping("cold");
        Run slow = hotCold(1_050_000_000L, onCold(p, DamosAction.MIGRATE_COLD, 1_000_000));
        assertThat(slow.memory().tierOf(cold.start())).isEqualTo(SimMemory.SLOW_TIER);
        assertThat(slow.memory().tierBytes(SimMemory.SLOW_TIER)).isEqualTo(8 * MIB);
        // to an explicit node: target_nid 1 is the slow tier
        Run nid = hotCold(1_050_000_000L, onCold(p, DamosAction.MIGRATE_HOT, 1_000_000).withTargetNid(1));
        assertThat(nid.memory().tierBytes(SimMemory.SLOW_TIER)).isEqualTo(8 * MIB);
        // migrate_cold then migrate_hot (same pass) ends on the fast tier again
        Run back = hotCold(1_050_000_000L, onCold(p, DamosAction.MIGRATE_COLD, 1_000_000),
                onCold(p, DamosAction.MIGRATE_HOT, 1_000_000));
        assertThat(back.memory().tierBytes(SimMemory.SLOW_TIER)).isZero();
        assertThat(back.engine().stats(1).szApplied()).isEqualTo(8 * MIB);
    }

    @Test
    void statChangesNothing() throws InterruptedException {
        Run p = probe();
        Run r = hotCold(1_050_000_000L, onCold(p, DamosAction.STAT, 1_000_000));
        assertThat(r.engine().stats(0).szTried()).isEqualTo(8 * MIB);
        assertThat(r.engine().stats(0).szApplied()).isZero();
        assertThat(r.memory().rssBytes()).isEqualTo(r.ops().workload(0).layout().totalMappedBytes());
    }

    @Test
    void opsFiltersSeeSimulatedPages() throws InterruptedException {
        Run p = probe();
        SimLayout.Mapping cold = p.mapping("cold");
        // hugepage at 1 s, khugepaged backs the cold mapping's aligned blocks at 1.1 s; at 2 s a pageout with
        // "allow hugepage_size 2M 2M" (unmatched pages rejected) evicts exactly the huge-page-backed bytes.
        long blocks = UnsignedMath.alignDown(cold.end(), 2 * MIB) - UnsignedMath.alignUp(cold.start(), 2 * MIB);
        Scheme hugepage = onCold(p, DamosAction.HUGEPAGE, 1_000_000).withApplyIntervalUs(1_000_000);
        Scheme pageoutHuge = onCold(p, DamosAction.PAGEOUT, 2_000_000).withFilters(List.of(
                DamosFilter.addr(cold.start(), cold.end(), true, true),
                DamosFilter.hugepageSize(2 * MIB, 2 * MIB, true, true)));
        Run r = hotCold(2_050_000_000L, hugepage, pageoutHuge);
        assertThat(r.engine().stats(1).szOpsFilterPassed()).isEqualTo(blocks);
        assertThat(r.engine().stats(1).szApplied()).isEqualTo(blocks);
        assertThat(r.memory().residentBytes(cold.start(), cold.end())).isEqualTo(8 * MIB - blocks);
    }

    /**
     * masim's zigzag: a and b (100,000,000 B each) are both walked for 10 s, then take turns being hot for
     * 5 s each (a first), six times. With "page out what has been idle for 2 s", each region is out for
     * the last 3 s of each 5 s idle phase: 12 idle phases x 3 s = 36 region-seconds out of 2 x 60 in the
     * alternating part (30 %), of 2 x 70 over the run (25.7 %). Every eviction except a's last (65-70 s)
     * is followed by a hot phase that touches every page again: 11 x pages-per-region refaults.
     */
    @Test
    void zigzagPageoutSavesWhatTheStructureImplies() throws InterruptedException {
        SimOperations ops = SimOperations.of(SimWorkloads.load("zigzag"));
        Scheme s = Scheme.of(new AccessPattern(4096, Long.MAX_VALUE, 0, 0,
                AccessPattern.ageUsToAggregations(2_000_000, 100_000), Integer.MAX_VALUE), DamosAction.PAGEOUT);
        DamosEngine engine = new DamosEngine(List.of(s));
        List<SideData> side = new ArrayList<>();
        MonitorContext ctx = ops.configure(MonitorContext.builder().seed(3)).schemes(engine)
                .afterAggregation(DamosCapture.listener(engine, side::add)).build();
        ctx.run();
        SimLayout l = ops.workload(0).layout();
        long regionBytes = UnsignedMath.alignUp(100_000_000L, 4096);
        long mapped = l.totalMappedBytes();
        double sumAll = 0;
        double sumAlt = 0;
        int nAll = 0;
        int nAlt = 0;
        for (SideData d : side) {
            if (!d.kind().equals(DamosSideData.MEMORY)) {
                continue;
            }
            MemoryState m = DamosSideData.decodeMemory(d);
            sumAll += m.rssBytes();
            nAll++;
            if (d.timeNs() > 10 * SEC) {
                sumAlt += m.rssBytes();
                nAlt++;
            }
        }
        double cutAll = 1 - sumAll / nAll / mapped;
        double cutAlt = 1 - sumAlt / nAlt / mapped;
        double expectedAll = 36.0 / 140;
        double expectedAlt = 36.0 / 120;
        assertThat(cutAlt).as("RSS cut over the alternating phases").isBetween(expectedAlt - 0.05, expectedAlt + 0.05);
        assertThat(cutAll).as("RSS cut over the run").isBetween(expectedAll - 0.05, expectedAll + 0.05);
        long pagesPerRegion = regionBytes / 4096;
        long refaults = ops.memory(0).refaults();
        assertThat((double) refaults).as("refaults vs 11 re-touched regions")
                .isBetween(11 * pagesPerRegion * 0.97, 11 * pagesPerRegion * 1.0);
        // Conservation: every evicted page was re-touched (a refault) or is still out at the end.
        long evicted = engine.stats(0).szApplied() / 4096;
        long stillOut = (mapped - ops.memory(0).rssBytes()) / 4096;
        assertThat(refaults).isBetween(evicted - stillOut - 2, evicted - stillOut + 2);
    }

    /**
     * DAMON_RECLAIM on a workload with a 256 MiB tail written once and a 16 MiB hot set, on a node of
     * 400 MiB (so free memory starts at (400 - 272) / 400 = 32 %, below the 40 % mid watermark). The
     * module's documentation: regions idle for 120 s or more are paged out, oldest first, within 10 ms and
     * 128 MiB per 1 s window, and only while free memory is below the high watermark (50 %). So nothing
     * happens before ~120 s; then the tail is reclaimed window by window until free memory passes 50 %
     * (RSS below 200 MiB), which deactivates the scheme; the hot set stays resident. With the same
     * workload on a roomy node (free memory above 50 %) nothing is reclaimed.
     */
    @Test
    void reclaimPresetBehavesAsDocumented() throws InterruptedException {
        String tail = """
                hot, 16M, none
                tail, 256M, none

                startup
                2000
                hot, 0, 4K, 1
                tail, 0, 4K, 1

                steady
                150000
                hot, 1, 64, 1
                """;
        Scheme reclaim = CoreConversion.scheme(Presets.RECLAIM.schemes().getFirst(), Attributes.DAMO_DEFAULTS, "preset");
        SimMemory.Config tight = SimMemory.Config.DEFAULTS.withTiers(400 * MIB, 4096);
        Run r = run(tail, 152 * SEC, tight, reclaim);
        long mapped = r.ops().workload(0).layout().totalMappedBytes();
        long before = -1;
        long firstReclaimNs = -1;
        long maxPerWindow = 0;
        List<MemoryState> mem = new ArrayList<>();
        long lastApplied = 0;
        for (SideData d : r.side()) {
            if (d.kind().equals(DamosSideData.STATS)) {
                long applied = DamosSideData.decodeStats(d).getFirst().stats().szApplied();
                if (applied > 0 && firstReclaimNs < 0) {
                    firstReclaimNs = d.timeNs();
                }
                maxPerWindow = Math.max(maxPerWindow, applied - lastApplied);
                lastApplied = applied;
            } else if (d.kind().equals(DamosSideData.MEMORY)) {
                MemoryState m = DamosSideData.decodeMemory(d);
                mem.add(m);
                if (d.timeNs() <= 119 * SEC) {
                    before = m.rssBytes();
                }
            }
        }
        assertThat(before).as("RSS before 120 s of idleness").isEqualTo(mapped);
        // the heap and stack mappings, never touched, qualify after 1200 aggregations (120 s); the tail,
        // idle from 2 s, at about 122 s
        assertThat(firstReclaimNs).isBetween(120 * SEC, 124 * SEC);
        // per pass at most the quota: the first window's guess (4 MiB/ms x 10 ms = 40 MiB), under 128 MiB
        assertThat(maxPerWindow).isLessThanOrEqualTo(40 * MIB);
        long rssEnd = r.memory().rssBytes();
        long freeAtHigh = 200 * MIB; // RSS at which free memory reaches 50 % of 400 MiB
        assertThat(rssEnd).isLessThan(freeAtHigh + 4096).isGreaterThan(freeAtHigh - 40 * MIB);
        assertThat(r.engine().activated(0)).as("deactivated above the high watermark").isFalse();
        assertThat(r.engine().stats(0).qtExceeds()).as("took more than one window").isGreaterThanOrEqualTo(1);
        SimLayout.Mapping hot = r.mapping("hot");
        assertThat(r.memory().residentBytes(hot.start(), hot.end())).isEqualTo(16 * MIB);

        Run roomy = run(tail, 152 * SEC, SimMemory.Config.DEFAULTS, reclaim);
        assertThat(roomy.engine().stats(0).szApplied()).isZero();
        assertThat(roomy.memory().rssBytes()).isEqualTo(mapped);
    }

    /**
     * A node_mem_free_bp goal on simulated memory: 400 MiB touched at random, 20 accesses per ms (so each
     * 100 ms step re-touches ~2 % of the pages, refaulting that share of what was paged out), on a
     * 500 MiB node: free memory starts at 20 %; the goal asks for 40 %. The consist tuner starts at one
     * byte per window and doubles while the goal is far (2^27 B = 128 MiB after ~27 windows of 100 ms),
     * so 38 % is reached within 70 windows (7 s). Stated requirement: over the last 30 s of a 60 s run
     * free memory stays within 37..43 % and averages 39..41 %.
     */
    @Test
    void freeMemoryGoalHoldsSimulatedFreeMemory() throws InterruptedException {
        String warm = """
                warm, 400M, none

                init
                1000
                warm, 0, 4K, 1

                run
                60000
                warm, 1, 4K, 1
                """;
        SimWorkload w = SimWorkload.of("warm", MasimConfig.parse(warm, "warm")).withAccessesPerMs(20);
        SimOperations ops = SimOperations.of(List.of(w), SimMemory.Config.DEFAULTS.withTiers(500 * MIB, 4096));
        Scheme s = Scheme.of(new AccessPattern(4096, Long.MAX_VALUE, 0, 0, 0, Integer.MAX_VALUE), DamosAction.PAGEOUT)
                .withQuota(new org.jdamon.core.damos.Quota(0, 0, 100, 0, 0, 0).withGoals(List.of(
                        new org.jdamon.core.damos.QuotaGoal(org.jdamon.core.damos.GoalMetric.NODE_MEM_FREE_BP, 4000, 0, 0,
                                null))));
        DamosEngine engine = new DamosEngine(List.of(s));
        List<long[]> free = new ArrayList<>();
        MonitorContext ctx = ops.configure(MonitorContext.builder().seed(5)).schemes(engine)
                .afterAggregation((c, t0, t1) -> free.add(new long[] {t1 - c.startNs(),
                        SimMemory.goalMetric(org.jdamon.core.damos.GoalMetric.NODE_MEM_FREE_BP, 0, ops.memory(0))}))
                .build();
        ctx.run();
        long reachedNs = -1;
        long min = Long.MAX_VALUE;
        long max = 0;
        long sum = 0;
        int n = 0;
        for (long[] p : free) {
            if (reachedNs < 0 && p[1] >= 3800) {
                reachedNs = p[0];
            }
            if (p[0] > 31 * SEC) {
                min = Math.min(min, p[1]);
                max = Math.max(max, p[1]);
                sum += p[1];
                n++;
            }
        }
        assertThat(free.getFirst()[1]).as("free memory at start (bp)").isBetween(1900L, 2000L);
        assertThat(reachedNs).as("time to reach 38 %% free").isBetween(1 * SEC, 7 * SEC);
        assertThat(min).isGreaterThanOrEqualTo(3700);
        assertThat(max).isLessThanOrEqualTo(4300);
        assertThat(sum / n).isBetween(3900L, 4100L);
    }
}
