package org.jdamon.ops.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.damos.AccessPattern;
import org.jdamon.core.damos.DamosAction;
import org.jdamon.core.damos.DamosEngine;
import org.jdamon.core.damos.GoalMetric;
import org.jdamon.core.damos.MigrationDest;
import org.jdamon.core.damos.Quota;
import org.jdamon.core.damos.QuotaGoal;
import org.jdamon.core.damos.Scheme;
import org.jdamon.core.damos.Watermarks;
import org.junit.jupiter.api.Test;

/** The sim's DAMOS application parts checked against the kernel functions they model. */
class SimDamosParityTest {
    private static SimWorkload xyz() {
        return SimWorkload.of("t", MasimConfig.parse("x, 400K\ny, 400K\nz, 400K\n\np\n2000\nx, 1, 0, 1\n", "t"))
                .withAccessesPerMs(25_000);
    }

    @Test
    void interleavedShareCountsPagesByIndexModuloTheTotalWeight() {
        // damos_va_migrate_dests_add: pages 5..14, weights {1, 3} (total 4): index mod 4 is
        // 1,2,3,0,1,2,3,0,1,2, so slot [0,1) gets pages 8 and 12 and slots [1,4) the other 8.
        assertThat(SimOperations.interleavedPages(5, 10, 4, 0, 1)).isEqualTo(2);
        assertThat(SimOperations.interleavedPages(5, 10, 4, 1, 3)).isEqualTo(8);
        // whole cycles only: 400 pages, weights {2, 3, 5}: 40 cycles of 10 -> 80, 120, 200
        assertThat(SimOperations.interleavedPages(0, 400, 10, 0, 2)).isEqualTo(80);
        assertThat(SimOperations.interleavedPages(0, 400, 10, 2, 3)).isEqualTo(120);
        assertThat(SimOperations.interleavedPages(0, 400, 10, 5, 5)).isEqualTo(200);
    }

    @Test
    void migrateWithWeightedDestsSplitsPagesByWeightAndNodeEligibleSeesIt() throws InterruptedException {
        SimOperations ops = SimOperations.of(xyz());
        SimMemory mem = ops.memory(0);
        Scheme migrate = new Scheme(AccessPattern.ANY, DamosAction.MIGRATE_COLD, 0, Quota.UNLIMITED, Watermarks.NONE,
                List.of(), -1, List.of(new MigrationDest(0, 1), new MigrationDest(1, 3)), 0);
        QuotaGoal onSlow = new QuotaGoal(GoalMetric.NODE_ELIGIBLE_MEM_BP, 5000, 0, 1, null);
        Scheme probe = Scheme.of(AccessPattern.ANY, DamosAction.STAT)
                .withQuota(new Quota(0, 0, 0, 0, 0, 0).withGoals(List.of(onSlow)));
        DamosEngine engine = new DamosEngine(List.of(migrate, probe));
        MonitorContext ctx = ops.configure(MonitorContext.builder().seed(3).schemes(engine)).build();
        ctx.run();
        double total = mem.tierBytes(SimMemory.FAST_TIER) + mem.tierBytes(SimMemory.SLOW_TIER);
        // weight 3 of 4 on node 1; each region rounds its share to whole pages (at most 3 pages off)
        assertThat(mem.tierBytes(SimMemory.SLOW_TIER) / total).isBetween(0.74, 0.76);
        // node_eligible_mem_bp(nid 1) of the all-matching probe: the slow tier's share of the memory
        assertThat(engine.goalCurrentValues(1)[0]).isBetween(7400L, 7600L);
    }

    @Test
    void hugepageMemBpIsTheHugePageBackedShareOfResidentMemory() {
        SimOperations ops = SimOperations.of(SimWorkload.of("t",
                MasimConfig.parse("x, 8M\n\np\n1000\nx, 1, 0, 1\n", "t")).withAccessesPerMs(1000));
        SimMemory mem = ops.memory(0);
        QuotaGoal g = QuotaGoal.of(GoalMetric.HUGEPAGE_MEM_BP, 5000);
        assertThat(ops.readMetric(null, g)).isZero();
        long x = mem.workload().layout().regionStart(0);
        mem.apply(DamosAction.COLLAPSE, x, mem.workload().layout().regionMappingEnd(0));
        long huge = mem.hugePageBytes();
        assertThat(huge).isGreaterThanOrEqualTo(6L << 20); // at least three whole 2 MiB pages of the 8 MiB
        assertThat(ops.readMetric(null, g)).isEqualTo(huge * 10_000 / mem.rssBytes());
    }

    /**
     * Issue 13's scenario: zigzag_30secs and zigzag monitored together, pageout within 10 MiB/s. When
     * the first target ends its quota resume point may sit in it; the kernel drops it then, so the second
     * target keeps being paged out for the remaining time.
     */
    @Test
    void secondTargetIsStillActedOnAfterTheFirstEnds() throws InterruptedException {
        SimOperations ops = SimOperations.of(List.of(SimWorkloads.load("zigzag_30secs"), SimWorkloads.load("zigzag")),
                SimMemory.Config.DEFAULTS);
        Scheme pageout = Scheme.of(new AccessPattern(0, Long.MAX_VALUE, 0, 0, 5, Integer.MAX_VALUE),
                DamosAction.PAGEOUT).withQuota(new Quota(0, 10L << 20, 1000, 0, 0, 0));
        DamosEngine engine = new DamosEngine(List.of(pageout));
        long[] lateBytes = new long[1];
        MonitorContext[] box = new MonitorContext[1];
        engine.setWalkListener((s, t, start, end, nr, age, passed) -> {
            if (t.index() == 1 && box[0].clock().nowNs() > 32_000_000_000L) {
                lateBytes[0] += end - start;
            }
        });
        MonitorContext ctx = ops.configure(MonitorContext.builder().seed(5).schemes(engine)).build();
        box[0] = ctx;
        ctx.run();
        // zigzag runs 70 s; from 32 s on it still has cold regions to page out
        assertThat(lateBytes[0]).isPositive();
    }

    @Test
    void nodeMemGoalsOnAMissingNodeReadZeroUsedAndAllFree() {
        // the newest kernel's invalid_mem_node() guard in damos_get_node_mem_bp
        SimOperations ops = SimOperations.of(xyz());
        assertThat(ops.readMetric(null, new QuotaGoal(GoalMetric.NODE_MEM_USED_BP, 1, 0, 7, null))).isZero();
        assertThat(ops.readMetric(null, new QuotaGoal(GoalMetric.NODE_MEM_FREE_BP, 1, 0, 7, null))).isEqualTo(10_000);
    }
}
