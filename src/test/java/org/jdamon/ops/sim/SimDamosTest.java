package org.jdamon.ops.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.damos.AccessPattern;
import org.jdamon.core.damos.DamosAction;
import org.jdamon.core.damos.DamosEngine;
import org.jdamon.core.damos.DamosFilter;
import org.jdamon.core.damos.FilterType;
import org.jdamon.core.damos.GoalMetric;
import org.jdamon.core.damos.MemoryState;
import org.jdamon.core.damos.QuotaGoal;
import org.jdamon.core.damos.Scheme;
import org.jdamon.core.damos.SchemeStats;
import org.junit.jupiter.api.Test;

/** The sim operations set under the real DAMOS engine: actions land on the simulated memory. */
class SimDamosTest {
    private static final long PAGE = 4096;

    @Test
    void pageoutOfRegionsIdleForTwoSecondsOnZigzag() throws InterruptedException {
        SimOperations ops = SimOperations.of(SimWorkloads.load("zigzag"));
        SimMemory mem = ops.memory(0);
        // nr_accesses 0, age >= 20 aggregation intervals (2 s at 100 ms)
        Scheme pageout = Scheme.of(new AccessPattern(0, Long.MAX_VALUE, 0, 0, 20, Integer.MAX_VALUE),
                DamosAction.PAGEOUT);
        DamosEngine engine = new DamosEngine(List.of(pageout));
        engine.validateFor(ops);
        double[] rssSum = new double[1];
        int[] windows = new int[1];
        MonitorContext ctx = ops.configure(MonitorContext.builder().seed(4).schemes(engine))
                .afterAggregation((c, t0, t1) -> {
                    rssSum[0] += mem.rssBytes();
                    windows[0]++;
                })
                .build();
        ctx.run();
        SchemeStats st = engine.stats(0);
        // as derived in SimOperationsTest: each idle region resident ~2.1 of its 5 s
        double region = 24_415 * 4096.0;
        double expected = (10 * 2 * region + 60 * (region + 2.1 / 5 * region)) / 70 + 2 * 132 * 1024;
        assertThat(rssSum[0] / windows[0] / expected).isBetween(0.97, 1.03);
        long stillOut = ops.workload(0).layout().totalMappedBytes() - mem.rssBytes();
        assertThat(st.szApplied()).isPositive();
        assertThat(mem.refaults()).isCloseTo((st.szApplied() - stillOut) / PAGE, within(2L));
        assertThat((double) mem.refaults()).isCloseTo(11 * 24_415.0, within(0.03 * 11 * 24_415));
        MemoryState s = ops.memoryState(ctx);
        assertThat(s.rssBytes()).isEqualTo(mem.rssBytes());
        assertThat(s.refaults()).isEqualTo(mem.refaults());
        // refaults at 20 us each are the only extra cost
        assertThat(s.slowdownNs()).isEqualTo(mem.refaults() * 20_000);
    }

    @Test
    void opsFiltersAreEvaluatedPerPiece() throws InterruptedException {
        // x read at random (every page each step), y and z idle: after the 1 s active window only x is
        // active, so "pageout, reject active" leaves exactly x resident
        SimWorkload w = SimWorkload.of("xyz",
                MasimConfig.parse("x, 400K\ny, 400K\nz, 400K\n\np\n3000\nx, 1, 0, 1\n", "xyz"));
        SimOperations ops = SimOperations.of(w);
        Scheme pageout = Scheme.of(AccessPattern.ANY, DamosAction.PAGEOUT)
                .withFilters(List.of(DamosFilter.of(FilterType.ACTIVE, true, false)));
        DamosEngine engine = new DamosEngine(List.of(pageout));
        engine.validateFor(ops);
        MonitorContext ctx = ops.configure(MonitorContext.builder().seed(1).schemes(engine)).build();
        ctx.run();
        SimMemory mem = ops.memory(0);
        assertThat(mem.rssBytes()).isEqualTo(100 * PAGE);
        assertThat(mem.residentBytes(w.layout().regionStart(0), w.layout().regionMappingEnd(0))).isEqualTo(100 * PAGE);
        // heap 33 + y 100 + z 100 + stack 33 pages were paged out, once
        assertThat(engine.stats(0).szApplied()).isEqualTo(266 * PAGE);
        // only the inactive pieces passed the filter, and only while they were resident
        assertThat(engine.stats(0).szOpsFilterPassed()).isEqualTo(266 * PAGE);
        assertThat(mem.refaults()).isZero();
    }

    @Test
    void goalMetricsAndWatermarkRateComeFromTheMemoryModel() {
        SimOperations ops = SimOperations.of(SimWorkloads.load("zigzag"));
        // mapped: 2 x 100,003,840 + 2 x 135,168 = 200,278,016 B; node size 2 x mapped rounded up to
        // 2 MiB: 400,556,032 B is already 191 x 2 MiB
        long mapped = 200_278_016L;
        assertThat(ops.workload(0).layout().totalMappedBytes()).isEqualTo(mapped);
        // node 0 holds all of it: used 200,278,016 / 400,556,032 = exactly one half = 5,000 bp, free the other half
        assertThat(ops.readMetric(null, new QuotaGoal(GoalMetric.NODE_MEM_USED_BP, 1, 0, 0, null))).isEqualTo(5_000);
        assertThat(ops.readMetric(null, new QuotaGoal(GoalMetric.NODE_MEM_FREE_BP, 1, 0, 0, null))).isEqualTo(5_000);
        // node 1 (slow tier) is empty at start
        assertThat(ops.readMetric(null, new QuotaGoal(GoalMetric.NODE_MEM_USED_BP, 1, 0, 1, null))).isZero();
        // everything starts active (touched at time 0)
        assertThat(ops.readMetric(null, QuotaGoal.of(GoalMetric.ACTIVE_MEM_BP, 1))).isEqualTo(10_000);
        assertThat(ops.readMetric(null, QuotaGoal.of(GoalMetric.INACTIVE_MEM_BP, 1))).isZero();
        assertThat(ops.readMetric(null, QuotaGoal.of(GoalMetric.SOME_MEM_PSI_US, 1))).isZero();
        // free per mille over both nodes: (801,112,064 - 200,278,016) / 801,112,064 = 3/4 = 750
        assertThat(ops.freeMemRatePermil(null)).isEqualTo(750);
        assertThat(ops.supportsFilter(FilterType.MEMCG)).isFalse();
        assertThat(ops.supportsMetric(GoalMetric.NODE_MEMCG_USED_BP)).isFalse();
    }

    @Test
    void triedRegionsCarryTheBytesThatPassedTheOpsFilters() throws InterruptedException {
        // the workload of opsFiltersAreEvaluatedPerPiece: x (100 pages) read every step, y, z, heap and
        // stack idle; a stat scheme "allow active" (everything else rejected by default) passes exactly
        // x's 100 active pages in its last pass, and the per-region sizes add up to them
        SimWorkload w = SimWorkload.of("xyz",
                MasimConfig.parse("x, 400K\ny, 400K\nz, 400K\n\np\n3000\nx, 1, 0, 1\n", "xyz"));
        SimOperations ops = SimOperations.of(w);
        Scheme stat = Scheme.of(AccessPattern.ANY, DamosAction.STAT)
                .withFilters(List.of(DamosFilter.of(FilterType.ACTIVE, true, true)));
        DamosEngine engine = new DamosEngine(List.of(stat));
        engine.validateFor(ops);
        engine.collectTriedRegions(true);
        // the last pass the run makes comes after the workload ended (no target to try): keep the last
        // non-empty one, as a snapshot taken while the target lives would see
        List<List<org.jdamon.core.damos.TriedRegion>> last = new java.util.ArrayList<>(List.of(List.of()));
        MonitorContext ctx = ops.configure(MonitorContext.builder().seed(1).schemes(engine))
                .afterAggregation((c, t0, t1) -> {
                    if (!engine.triedRegions(0).isEmpty()) {
                        last.set(0, engine.triedRegions(0));
                    }
                })
                .build();
        ctx.run();
        List<org.jdamon.record.TargetSnapshot> snaps = org.jdamon.record.TargetSnapshot.ofTried(last.getFirst());
        assertThat(snaps).hasSize(1);
        org.jdamon.record.TargetSnapshot t = snaps.getFirst();
        assertThat(t.totalFilterPassed()).isEqualTo(100 * PAGE);
        long xStart = w.layout().regionStart(0);
        long xEnd = w.layout().regionMappingEnd(0);
        for (int i = 0; i < t.size(); i++) {
            boolean outsideX = t.ends()[i] <= xStart || t.starts()[i] >= xEnd;
            if (outsideX) {
                assertThat(t.filterPassed()[i]).as("region %d outside x", i).isZero();
            }
            assertThat(t.filterPassed()[i]).isBetween(0L, t.regionSize(i));
        }
    }
}
