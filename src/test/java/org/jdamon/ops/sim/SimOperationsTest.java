package org.jdamon.ops.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.jdamon.core.Attributes;
import org.jdamon.core.damos.DamosAction;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.RegionsView;
import org.jdamon.core.Target;
import org.jdamon.truth.TruthWindow;
import org.junit.jupiter.api.Test;

class SimOperationsTest {
    private static final long SEC = 1_000_000_000L;

    @Test
    void initBuildsTheThreeRegionsAndTheRecordEndsWithThePhases() throws InterruptedException {
        SimOperations ops = SimOperations.of(SimWorkloads.load("default"));
        List<long[]> firstRegions = new ArrayList<>();
        MonitorContext ctx = ops.configure(MonitorContext.builder().seed(1)).afterSample(c -> {
            if (firstRegions.isEmpty()) {
                var r = c.targets().getFirst().regions();
                for (int i = 0; i < r.size(); i++) {
                    firstRegions.add(new long[] {r.start(i), r.end(i)});
                }
            }
        }).build();
        ctx.run();
        SimLayout l = ops.workload(0).layout();
        // three ranges: heap, the mmap area holding a, b, c (one page each), stack; split to >= 10 regions
        assertThat(firstRegions.getFirst()[0]).isEqualTo(l.mappings().getFirst().start());
        assertThat(firstRegions.getLast()[1]).isEqualTo(l.mappings().getLast().end());
        long covered = firstRegions.stream().mapToLong(r -> r[1] - r[0]).sum();
        assertThat(covered).isEqualTo(132 * 1024 + 3 * 4096 + 132 * 1024);
        // masim's default runs 2 s: 400 sampling intervals of 5 ms
        assertThat(ctx.passedSampleIntervals()).isEqualTo(400);
        assertThat(ctx.clock().nowNs()).isEqualTo(2 * SEC);
    }

    @Test
    void stairsHotRegionIsFoundInEveryPhase() throws InterruptedException {
        SimOperations ops = SimOperations.of(SimWorkloads.load("stairs"));
        SimLayout l = ops.workload(0).layout();
        double[] insideHot = new double[10];
        double[] hotBytes = new double[10];
        int[] windows = new int[10];
        MonitorContext ctx = ops.configure(MonitorContext.builder().seed(5)).afterAggregation((c, t0, t1) -> {
            long t = t1 - c.startNs();
            // phase k runs [10 + 5k, 15 + 5k) s; judge the last 3 s of each
            if (t < 12 * SEC) {
                return;
            }
            int k = (int) ((t - 10 * SEC) / (5 * SEC));
            if (k > 9 || (t - 10 * SEC) % (5 * SEC) < 2 * SEC) {
                return;
            }
            RegionsView r = c.targets().getFirst().regions();
            for (int i = 0; i < r.size(); i++) {
                if (r.nrAccesses(i) >= c.attributes().maxNrAccesses() / 2) {
                    hotBytes[k] += r.regionSize(i);
                    long s = Math.max(r.start(i), l.regionStart(k));
                    long e = Math.min(r.end(i), l.regionMappingEnd(k));
                    insideHot[k] += Math.max(0, e - s);
                }
            }
            windows[k]++;
        }).build();
        ctx.run();
        for (int k = 0; k < 10; k++) {
            double size = l.regionMappingEnd(k) - l.regionStart(k);
            assertThat(insideHot[k] / windows[k] / size).as("hot part of s%d found", k).isGreaterThan(0.9);
            assertThat(hotBytes[k] / windows[k] / size).as("hot bytes vs s%d", k).isBetween(0.9, 1.1);
        }
    }

    @Test
    void groundTruthDrainsEveryAccessOfEachWindow() throws InterruptedException {
        SimOperations ops = SimOperations.of(SimWorkloads.load("zigzag_30secs"), 10_000);
        TruthWindow w = new TruthWindow();
        List<double[]> windows = new ArrayList<>();
        MonitorContext ctx = ops.configure(MonitorContext.builder().seed(2)).afterAggregation((c, t0, t1) -> {
            ops.drainWindow(0, w);
            double sum = 0;
            for (int i = 0; i < w.size(); i++) {
                sum += w.accesses(i);
            }
            windows.add(new double[] {t1 - t0, sum, w.wssBytes()});
        }).build();
        ctx.run();
        // 35 s of 100 ms windows; each holds 10,000 accesses/ms x 100 ms = 1,000,000 accesses
        assertThat(windows).hasSize(350);
        for (double[] win : windows) {
            assertThat(win[0]).isEqualTo(100_000_000.0);
            assertThat(win[1]).isCloseTo(1_000_000.0, within(2.0));
        }
        // after the initial phase one region of 100,003,840 B (24,415 pages) is walked per window
        // (1 M accesses > one pass), so the true WSS is exactly that region
        assertThat(windows.get(100)[2]).isEqualTo(24_415 * 4096.0);
    }

    @Test
    void sameSeedSameRegionsDifferentSeedDifferentRegions() throws InterruptedException {
        assertThat(snapshots(11)).isEqualTo(snapshots(11)).isNotEqualTo(snapshots(12));
    }

    private static List<String> snapshots(long seed) throws InterruptedException {
        SimOperations ops = SimOperations.of(SimWorkloads.load("demo"));
        List<String> out = new ArrayList<>();
        MonitorContext ctx = ops.configure(MonitorContext.builder().seed(seed)
                        .attributes(Attributes.DAMO_DEFAULTS).deadlineNs(5 * SEC))
                .afterAggregation((c, t0, t1) -> out.add(c.targets().getFirst().regions().toString()))
                .build();
        ctx.run();
        return out;
    }

    @Test
    void targetsAreFreshPerCallAndNamedAfterTheWorkloads() {
        SimOperations ops = SimOperations.of(List.of(SimWorkloads.load("stairs"), SimWorkloads.load("zigzag")),
                SimMemory.Config.DEFAULTS);
        List<Target> ts = ops.targets();
        assertThat(ts).extracting(Target::index).containsExactly(0, 1);
        assertThat(ts).extracting(Target::name).containsExactly("stairs", "zigzag");
        assertThat(ts).extracting(Target::pid).containsOnly(-1L);
        assertThat(ops.name()).isEqualTo("sim");
        assertThat(ops.mappings(1)).extracting(SimLayout.Mapping::name).containsExactly("[heap]", "a", "b", "[stack]");
    }

    @Test
    void pagingOutRegionsIdleForTwoSecondsOnZigzagCutsRssAsTheStructureImplies() throws InterruptedException {
        SimOperations ops = SimOperations.of(SimWorkloads.load("zigzag"));
        SimMemory mem = ops.memory(0);
        double[] rssSum = new double[1];
        int[] windows = new int[1];
        long[] pagedOut = new long[1];
        MonitorContext ctx = ops.configure(MonitorContext.builder().seed(3)).afterAggregation((c, t0, t1) -> {
            RegionsView r = c.targets().getFirst().regions();
            for (int i = 0; i < r.size(); i++) {
                // idle for >= 2 s: no access in 20 aggregation intervals of 100 ms
                if (r.nrAccesses(i) == 0 && r.age(i) >= 20) {
                    pagedOut[0] += mem.apply(DamosAction.PAGEOUT, r.start(i), r.end(i));
                }
            }
            rssSum[0] += mem.rssBytes();
            windows[0]++;
        }).build();
        ctx.run();
        // both regions (24,415 pages each) are hot for the first 10 s; then in each of the 12 phases of 5 s
        // the idle one is paged out after 2 s of idleness (plus the window that detects it), so it is
        // resident about 2.1 of 5 s: average RSS ~ (10 x 2 + 60 x (1 + 2.1 / 5)) / 70 regions
        double region = 24_415 * 4096.0;
        double other = 2 * 132 * 1024;
        double expected = (10 * 2 * region + 60 * (region + 2.1 / 5 * region)) / 70 + other;
        assertThat(rssSum[0] / windows[0] / expected).isBetween(0.97, 1.03);
        // every page evicted comes back when its region's turn to be hot comes, except those evicted in
        // the last phase: refaults = paged-out pages - pages still out at the end
        long stillOut = ops.workload(0).layout().totalMappedBytes() - mem.rssBytes();
        assertThat(mem.refaults()).isCloseTo((pagedOut[0] - stillOut) / 4096, within(2L));
        // that is about one region per phase after the first: 11 x 24,415 pages (the monitoring regions
        // straddling the two regions' boundary are not always idle)
        assertThat((double) mem.refaults()).isCloseTo(11 * 24_415.0, within(0.03 * 11 * 24_415));
    }
}
