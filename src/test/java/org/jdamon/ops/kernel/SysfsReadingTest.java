package org.jdamon.ops.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jdamon.core.damos.SchemeStats;
import org.jdamon.record.TargetSnapshot;
import org.jdamon.record.capture.KernelRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing of kdamond status, scheme stats, tried regions and feature probing from captured trees. */
class SysfsReadingTest {
    @TempDir
    Path sys;

    @TempDir
    Path state;

    SysfsDamon damon() {
        return new SysfsDamon(sys, new Ownership(state));
    }

    @Test
    void triedRegionsAndStatsOfARunningLinux612Kdamond() throws IOException {
        FixtureTree.load(sys, "guest-6.12-running.tree");
        TriedRegions tried = damon().triedRegions(0, 0);

        // sysfs lists 0, 1, 10, 11, 12, 2, ...: the reader must order them numerically
        assertThat(tried.size()).isEqualTo(13);
        assertThat(tried.starts()[0]).isEqualTo(94913669537792L);
        assertThat(tried.ends()[0]).isEqualTo(94913728356352L);
        assertThat(tried.starts()[2]).isEqualTo(94913786904576L);
        assertThat(tried.starts()[12]).isEqualTo(140731255451648L);
        assertThat(tried.ends()[12]).isEqualTo(140731255586816L);
        assertThat(tried.ages()[11]).isEqualTo(29);
        assertThat(tried.nrAccesses()).containsOnly(0);
        // the kernel's own total_bytes equals the sum of the region sizes
        long sum = 0;
        for (int i = 0; i < tried.size(); i++) {
            sum += tried.ends()[i] - tried.starts()[i];
        }
        assertThat(tried.totalBytes()).isEqualTo(593743872L).isEqualTo(sum);
        // one target: the walk never goes back in address
        assertThat(KernelRecorder.byTarget(tried)).hasSize(1);

        SchemeStats stats = damon().schemeStats(0, 0);
        assertThat(stats).isEqualTo(new SchemeStats(385, 17218572288L, 0, 0, -1, 0, -1));
    }

    @Test
    void kdamondStatusOfTheForeignLinux618Kdamond() throws IOException {
        FixtureTree.load(sys, "host-6.18-foreign.tree");
        List<KdamondStatus> all = damon().kdamonds();

        assertThat(all).hasSize(1);
        KdamondStatus k = all.getFirst();
        assertThat(k.running()).isTrue();
        assertThat(k.pid()).isEqualTo(77);
        assertThat(k.owner()).isEqualTo(KdamondStatus.Owner.FOREIGN);
        var c = k.context();
        assertThat(c.operations()).isEqualTo("paddr");
        assertThat(c.sampleUs()).isEqualTo(500_000);
        assertThat(c.aggrUs()).isEqualTo(5_000_000);
        assertThat(c.minNrRegions()).isEqualTo(1024);
        assertThat(c.targets()).containsExactly(new KdamondStatus.TargetStatus(0, 1));
        var s = c.schemes().getFirst();
        assertThat(s.action()).isEqualTo("pageout");
        assertThat(s.pattern()).isEqualTo(new SysfsScheme.AccessPattern(0, -1L, 0, 1, 12, 4294967295L));
        assertThat(s.stats().szOpsFilterPassed()).isZero();
        assertThat(s.triedBytes()).isZero();
    }

    @Test
    void featuresOfLinux612() throws IOException {
        Path k = FixtureTree.load(sys, "guest-6.12-defaults.tree");
        SysfsFeatures f = SysfsFeatures.probe(k.resolve("0"));
        for (SysfsFeature has : List.of(SysfsFeature.TRIED_REGIONS, SysfsFeature.FILTERS, SysfsFeature.TRIED_BYTES,
                SysfsFeature.APPLY_INTERVAL, SysfsFeature.QUOTA_GOALS, SysfsFeature.EFFECTIVE_QUOTA,
                SysfsFeature.TARGET_NID)) {
            assertThat(f.has(has)).as(has.name()).isTrue();
        }
        // every feature added after 6.12 is missing, and the probe can tell for each (the fixture has a
        // scheme, a filter, a goal and a target)
        for (SysfsFeature missing : List.of(SysfsFeature.OPS_FILTER_PASSED_STAT, SysfsFeature.FILTER_ALLOW,
                SysfsFeature.LAYERED_FILTERS, SysfsFeature.INTERVALS_GOAL, SysfsFeature.GOAL_NID,
                SysfsFeature.REFRESH_MS, SysfsFeature.DESTS, SysfsFeature.ADDR_UNIT, SysfsFeature.OBSOLETE_TARGET,
                SysfsFeature.GOAL_PATH, SysfsFeature.MAX_NR_SNAPSHOTS, SysfsFeature.GOAL_TUNER, SysfsFeature.PAUSE,
                SysfsFeature.FAIL_CHARGE)) {
            assertThat(f.missing(missing)).as(missing.name()).isTrue();
        }
        assertThat(f.describeMissing()).hasSize(14)
                .contains("intervals_goal (6.15+): this kernel has no contexts/0/monitoring_attrs/intervals/intervals_goal")
                .contains("pause (mm.git, not yet in a mainline release): this kernel has no contexts/0/pause");
    }

    @Test
    void theNewerFixtureHasEveryFeature() throws IOException {
        Path k = FixtureTree.load(sys, "newer-7.1-mm.tree");
        SysfsFeatures f = SysfsFeatures.probe(k.resolve("0"));
        for (SysfsFeature feature : SysfsFeature.values()) {
            assertThat(f.has(feature)).as(feature.name()).isTrue();
        }
        assertThat(f.describeMissing()).isEmpty();
    }

    @Test
    void featuresOfLinux618WithUnprobeableOnesUnknown() throws IOException {
        Path k = FixtureTree.load(sys, "host-6.18-foreign.tree");
        SysfsFeatures f = SysfsFeatures.probe(k.resolve("0"));
        assertThat(f.has(SysfsFeature.LAYERED_FILTERS)).isTrue();
        assertThat(f.has(SysfsFeature.FILTER_ALLOW)).as("implied by layered filters").isTrue();
        assertThat(f.has(SysfsFeature.ADDR_UNIT)).isTrue();
        assertThat(f.has(SysfsFeature.REFRESH_MS)).isTrue();
        assertThat(f.has(SysfsFeature.OPS_FILTER_PASSED_STAT)).isTrue();
        assertThat(f.missing(SysfsFeature.OBSOLETE_TARGET)).as("6.19").isTrue();
        // nr_goals is 0: nothing says whether goals have nid/path files
        assertThat(f.known(SysfsFeature.GOAL_NID)).isFalse();
        assertThat(f.known(SysfsFeature.GOAL_PATH)).isFalse();
    }

    @Test
    void noKdamondMeansNothingIsKnown() throws IOException {
        Path k = FixtureTree.kdamonds(sys);
        Files.createDirectories(k);
        FixtureTree.write(k.resolve("nr_kdamonds"), "0");
        SysfsFeatures f = damon().features();
        for (SysfsFeature x : SysfsFeature.values()) {
            assertThat(f.known(x)).isFalse();
        }
        assertThat(damon().kdamonds()).isEmpty();
    }

    @Test
    void triedRegionsSplitIntoTargetsWhereTheWalkGoesBack() {
        // target 0: [100,200) [200,300); target 1: [50,80); target 2: [400,500) [600,700)
        TriedRegions t = new TriedRegions(
                new long[] {100, 200, 50, 400, 600},
                new long[] {200, 300, 80, 500, 700},
                new int[] {1, 2, 3, 4, 5},
                new int[] {6, 7, 8, 9, 10},
                -1);
        List<TargetSnapshot> targets = KernelRecorder.byTarget(t);
        assertThat(targets).hasSize(2);
        assertThat(targets.get(0).starts()).containsExactly(100, 200);
        assertThat(targets.get(1).starts()).containsExactly(50, 400, 600);
        assertThat(targets.get(1).nrAccesses()).containsExactly(3, 4, 5);
        assertThat(targets.get(1).ages()).containsExactly(8, 9, 10);
        assertThat(targets.get(1).targetId()).isEqualTo(1);
        assertThat(KernelRecorder.byTarget(new TriedRegions(new long[0], new long[0], new int[0], new int[0], 0))).isEmpty();
    }

    @Test
    void perRegionFilterPassedBytesAreReadWhereTheKernelHasThem() throws IOException {
        // a 6.14+ tried_regions/ with sz_filter_passed: [4K, 12K) passed 4K, [12K, 16K) passed all 4K
        Path scheme = sys.resolve("schemes/0");
        long[][] regions = {{4096, 12288, 3, 5, 4096}, {12288, 16384, 0, 9, 4096}};
        for (int i = 0; i < regions.length; i++) {
            Path r = Files.createDirectories(scheme.resolve("tried_regions/" + i));
            String[] names = {"start", "end", "nr_accesses", "age", "sz_filter_passed"};
            for (int k = 0; k < names.length; k++) {
                Files.writeString(r.resolve(names[k]), regions[i][k] + "\n");
            }
        }
        Files.writeString(scheme.resolve("tried_regions/total_bytes"), "12288\n");
        TriedRegions tried = SysfsReader.triedRegions(scheme);
        assertThat(tried.filterPassed()).containsExactly(4096L, 4096L);
        TargetSnapshot t = KernelRecorder.byTarget(tried).getFirst();
        assertThat(t.filterPassed()).containsExactly(4096L, 4096L);
        assertThat(t.totalFilterPassed()).isEqualTo(8192);

        // an older kernel has no such file: no sizes rather than zeros
        Files.delete(scheme.resolve("tried_regions/0/sz_filter_passed"));
        Files.delete(scheme.resolve("tried_regions/1/sz_filter_passed"));
        assertThat(SysfsReader.triedRegions(scheme).filterPassed()).isNull();
        assertThat(KernelRecorder.byTarget(SysfsReader.triedRegions(scheme)).getFirst().hasFilterPassed()).isFalse();
    }
}
