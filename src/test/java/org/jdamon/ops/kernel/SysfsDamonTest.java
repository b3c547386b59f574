package org.jdamon.ops.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jdamon.core.AddressRange;
import org.jdamon.core.Attributes;
import org.jdamon.core.IntervalsGoal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sysfs writer and its ownership rules on fixture trees captured from real kernels. */
class SysfsDamonTest {
    private static final String POISON = "7777777";
    private static final String S = "0/contexts/0/schemes/0/";

    @TempDir
    Path sys;

    @TempDir
    Path state;

    SysfsDamon damon() {
        return new SysfsDamon(sys, new Ownership(state));
    }

    private Path poisoned(String resource) throws IOException {
        return FixtureTree.loadPoisoned(sys, resource, POISON);
    }

    /** The scheme of the design document's §11.1 (DAMON_RECLAIM-like) plus one anon filter, in sysfs units. */
    static SysfsScheme reclaimLike(List<SysfsScheme.Filter> filters) {
        return new SysfsScheme("pageout",
                new SysfsScheme.AccessPattern(4096, SysfsScheme.UNBOUNDED, 0, 0, 10, SysfsScheme.UNBOUNDED),
                0,
                new SysfsScheme.Quota(10, 128L << 20, 1000, 0, 0, 1000,
                        List.of(new SysfsScheme.Goal("user_input", 10_000, 5_000, 0, ""))),
                new SysfsScheme.Watermarks("free_mem_rate", 5_000_000, 500, 400, 200),
                filters, -1);
    }

    static KdamondSpec spec(SysfsScheme scheme) {
        return spec(scheme, "vaddr");
    }

    static KdamondSpec spec(SysfsScheme scheme, String ops) {
        Attributes attrs = new Attributes(10_000, 200_000, 2_000_000, 5, 500, null);
        return KdamondSpec.of(new KdamondSpec.Context(ops, attrs,
                List.of(new KdamondSpec.TargetSpec(4242, List.of(new AddressRange(0x1000, 0x5000)))),
                List.of(scheme)));
    }

    @Test
    void startWritesExactlyTheExpectedFilesOnLinux612() throws IOException {
        Path k = poisoned("guest-6.12-defaults.tree");
        var before = FixtureTree.snapshot(k);
        SysfsScheme scheme = reclaimLike(List.of(new SysfsScheme.Filter("anon", true, false, "", 0, 0, 0, 0, 0)));

        assertThat(damon().start(List.of(spec(scheme)), true)).containsExactly(0);

        // design §9.1: one file per value, sysfs units (us, bytes, samples, aggregations), ULONG_MAX as
        // 18446744073709551615, booleans Y/N; 6.12 has no allow/intervals_goal/addr_unit/refresh_ms files
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("nr_kdamonds", "1"),
                Map.entry("0/contexts/nr_contexts", "1"),
                Map.entry("0/contexts/0/operations", "vaddr"),
                Map.entry("0/contexts/0/monitoring_attrs/intervals/sample_us", "10000"),
                Map.entry("0/contexts/0/monitoring_attrs/intervals/aggr_us", "200000"),
                Map.entry("0/contexts/0/monitoring_attrs/intervals/update_us", "2000000"),
                Map.entry("0/contexts/0/monitoring_attrs/nr_regions/min", "5"),
                Map.entry("0/contexts/0/monitoring_attrs/nr_regions/max", "500"),
                Map.entry("0/contexts/0/targets/nr_targets", "1"),
                Map.entry("0/contexts/0/targets/0/pid_target", "4242"),
                Map.entry("0/contexts/0/targets/0/regions/nr_regions", "1"),
                Map.entry("0/contexts/0/targets/0/regions/0/start", "4096"),
                Map.entry("0/contexts/0/targets/0/regions/0/end", "20480"),
                Map.entry("0/contexts/0/schemes/nr_schemes", "1"),
                Map.entry(S + "action", "pageout"),
                Map.entry(S + "target_nid", "-1"),
                Map.entry(S + "apply_interval_us", "0"),
                Map.entry(S + "access_pattern/sz/min", "4096"),
                Map.entry(S + "access_pattern/sz/max", "18446744073709551615"),
                Map.entry(S + "access_pattern/nr_accesses/min", "0"),
                Map.entry(S + "access_pattern/nr_accesses/max", "0"),
                Map.entry(S + "access_pattern/age/min", "10"),
                Map.entry(S + "access_pattern/age/max", "18446744073709551615"),
                Map.entry(S + "quotas/ms", "10"),
                Map.entry(S + "quotas/bytes", "134217728"),
                Map.entry(S + "quotas/reset_interval_ms", "1000"),
                Map.entry(S + "quotas/weights/sz_permil", "0"),
                Map.entry(S + "quotas/weights/nr_accesses_permil", "0"),
                Map.entry(S + "quotas/weights/age_permil", "1000"),
                Map.entry(S + "quotas/goals/nr_goals", "1"),
                Map.entry(S + "quotas/goals/0/target_metric", "user_input"),
                Map.entry(S + "quotas/goals/0/target_value", "10000"),
                Map.entry(S + "quotas/goals/0/current_value", "5000"),
                Map.entry(S + "watermarks/metric", "free_mem_rate"),
                Map.entry(S + "watermarks/interval_us", "5000000"),
                Map.entry(S + "watermarks/high", "500"),
                Map.entry(S + "watermarks/mid", "400"),
                Map.entry(S + "watermarks/low", "200"),
                Map.entry(S + "filters/nr_filters", "1"),
                Map.entry(S + "filters/0/type", "anon"),
                Map.entry(S + "filters/0/matching", "Y"),
                Map.entry("0/state", "on")));
        assertThat(FixtureTree.changes(before, FixtureTree.snapshot(k))).isEqualTo(expected);
        assertThat(damon().kdamond(0).owner()).isEqualTo(KdamondStatus.Owner.JDAMON);
    }

    @Test
    void filtersGoToTheirLayerOnLinux618() throws IOException {
        Path k = FixtureTree.load(sys, "host-6.18-foreign.tree");
        FixtureTree.write(k.resolve("0/state"), "off");
        FixtureTree.write(k.resolve("0/pid"), "-1");
        Path ops0 = k.resolve(S + "ops_filters/0");
        Path core0 = k.resolve(S + "core_filters/0");
        Files.createDirectories(core0);
        try (Stream<Path> files = Files.list(ops0)) {
            for (Path f : files.toList()) {
                Files.copy(f, core0.resolve(f.getFileName()));
            }
        }
        var before = FixtureTree.snapshot(k);
        SysfsScheme withGoal = reclaimLike(List.of(
                new SysfsScheme.Filter("addr", true, true, "", 0x10000, 0x20000, 0, 0, 0),
                new SysfsScheme.Filter("anon", true, false, "", 0, 0, 0, 0, 0)));
        SysfsScheme.Quota q = withGoal.quota();
        SysfsScheme scheme = new SysfsScheme(withGoal.action(), withGoal.pattern(), 0,
                new SysfsScheme.Quota(q.ms(), q.bytes(), q.resetIntervalMs(), 0, 0, 1000, List.of()),
                withGoal.watermarks(), withGoal.filters(), -1);
        // this machine's kernel offers only paddr (avail_operations)
        damon().start(List.of(spec(scheme, "paddr")), true);
        Map<String, String> changes = FixtureTree.changes(before, FixtureTree.snapshot(k));

        assertThat(changes).containsEntry(S + "core_filters/nr_filters", "1")
                .containsEntry(S + "core_filters/0/type", "addr")
                .containsEntry(S + "core_filters/0/allow", "Y")
                .containsEntry(S + "core_filters/0/addr_start", "65536")
                .containsEntry(S + "core_filters/0/addr_end", "131072")
                .containsEntry(S + "ops_filters/nr_filters", "1")
                .containsEntry("0/contexts/0/targets/0/regions/0/start", "4096")
                .containsEntry("0/state", "on")
                .doesNotContainKey("0/contexts/0/targets/0/pid_target");
        // unchanged because the fixture already held these values: the anon filter, allow=N, filters/ empty
        assertThat(Files.readString(k.resolve(S + "ops_filters/0/type")).strip()).isEqualTo("anon");
        assertThat(Files.readString(k.resolve(S + "ops_filters/0/matching")).strip()).isEqualTo("Y");
        assertThat(Files.readString(k.resolve(S + "ops_filters/0/allow")).strip()).isEqualTo("N");
        assertThat(Files.readString(k.resolve(S + "filters/nr_filters")).strip()).isEqualTo("0");
        // 6.18 has intervals goal files: the disabled goal is written as zeros
        assertThat(changes).doesNotContainKey("0/contexts/0/monitoring_attrs/intervals/intervals_goal/aggrs");
        assertThat(Files.readString(k.resolve("0/contexts/0/monitoring_attrs/intervals/intervals_goal/aggrs")).strip())
                .isEqualTo("0");
    }

    @Test
    void aRunningForeignKdamondIsRefusedAndNothingIsWritten() throws IOException {
        Path k = FixtureTree.load(sys, "host-6.18-foreign.tree");
        var before = FixtureTree.snapshot(k);
        SysfsDamon d = damon();
        KdamondSpec mine = spec(reclaimLike(List.of()));

        assertThat(d.kdamond(0).owner()).isEqualTo(KdamondStatus.Owner.FOREIGN);
        assertThatThrownBy(() -> d.start(List.of(mine), false)).isInstanceOf(KernelDamonException.class)
                .hasMessage("kdamond 0 (pid 77) is running and was not started by jdamon; the kernel cannot add"
                        + " kdamonds while one runs, and jdamon leaves it alone (nothing was written)");
        assertThatThrownBy(() -> d.start(List.of(mine), true)).hasMessageContaining("not started by jdamon");
        assertThatThrownBy(() -> d.stop(0)).hasMessageContaining("was not started by jdamon");
        assertThatThrownBy(() -> d.commit(0, mine)).hasMessageContaining("was not started by jdamon");
        assertThatThrownBy(() -> d.update(0, "update_schemes_stats")).hasMessageContaining("was not started by jdamon");
        assertThat(d.stopAll()).isEmpty();

        assertThat(FixtureTree.snapshot(k)).isEqualTo(before);
        assertThat(new Ownership(state).file()).doesNotExist();
    }

    @Test
    void aRecordWhosePidNoLongerMatchesDoesNotMakeAKdamondOurs() throws IOException {
        Path k = FixtureTree.load(sys, "host-6.18-foreign.tree");
        // jdamon once started kdamond 0 as pid 111; now pid 77 runs there: someone else restarted it
        new Ownership(state).putKdamond(new Ownership.KdamondRecord(0, 111, List.of(0L), 1));
        var before = FixtureTree.snapshot(k);

        assertThat(damon().kdamond(0).owner()).isEqualTo(KdamondStatus.Owner.FOREIGN);
        assertThatThrownBy(() -> damon().stop(0)).hasMessageContaining("not started by jdamon");
        assertThat(FixtureTree.snapshot(k)).isEqualTo(before);
    }

    @Test
    void aStoppedForeignKdamondIsReplacedOnlyWhenAllowed() throws IOException {
        Path k = FixtureTree.load(sys, "guest-6.12-defaults.tree");
        var before = FixtureTree.snapshot(k);
        KdamondSpec mine = spec(reclaimLike(List.of()));

        assertThatThrownBy(() -> damon().start(List.of(mine), false))
                .hasMessageContaining("kdamond 0 is stopped but was not created by jdamon")
                .hasMessageContaining("--replace-stopped");
        assertThat(FixtureTree.snapshot(k)).isEqualTo(before);

        damon().start(List.of(mine), true);
        assertThat(Files.readString(k.resolve("0/state")).strip()).isEqualTo("on");
    }

    @Test
    void ownKdamondIsCommittedAndStoppedButNotStartedTwice() throws IOException {
        Path k = FixtureTree.load(sys, "guest-6.12-defaults.tree");
        SysfsDamon d = damon();
        d.start(List.of(spec(reclaimLike(List.of()))), true);
        FixtureTree.write(k.resolve("0/pid"), "389");
        // the fixture's pid file cannot change by itself: record the pid the kernel would have shown
        new Ownership(state).putKdamond(new Ownership.KdamondRecord(0, 389, List.of(4242L), 1));

        assertThatThrownBy(() -> d.start(List.of(spec(reclaimLike(List.of()))), true))
                .hasMessageContaining("jdamon's kdamond 0 (pid 389) is already running");

        Attributes faster = new Attributes(5_000, 100_000, 1_000_000, 10, 1000, null);
        KdamondSpec tuned = KdamondSpec.of(new KdamondSpec.Context("vaddr", faster,
                List.of(KdamondSpec.TargetSpec.process(4242)), List.of()));
        d.commit(0, tuned);
        assertThat(Files.readString(k.resolve("0/state")).strip()).isEqualTo("commit");
        assertThat(Files.readString(k.resolve("0/contexts/0/monitoring_attrs/intervals/aggr_us")).strip())
                .isEqualTo("100000");
        assertThat(Files.readString(k.resolve("0/contexts/0/schemes/nr_schemes")).strip()).isEqualTo("0");

        FixtureTree.write(k.resolve("0/state"), "on");
        assertThat(d.stop(0)).isTrue();
        assertThat(Files.readString(k.resolve("0/state")).strip()).isEqualTo("off");
        FixtureTree.write(k.resolve("0/pid"), "-1");
        assertThat(d.kdamond(0).owner()).isEqualTo(KdamondStatus.Owner.JDAMON_STOPPED);
        assertThat(d.stop(0)).isFalse();
    }

    @Test
    void featuresMissingFromTheKernelAreNamedBeforeTurningOn() throws IOException {
        Path k = FixtureTree.load(sys, "guest-6.12-defaults.tree");
        Attributes tuned = Attributes.DAMO_DEFAULTS.withIntervalsGoal(IntervalsGoal.RECOMMENDED);
        KdamondSpec spec = KdamondSpec.of(new KdamondSpec.Context("vaddr", tuned,
                List.of(KdamondSpec.TargetSpec.process(1)), List.of()));

        assertThatThrownBy(() -> damon().start(List.of(spec), true)).isInstanceOf(KernelDamonException.class)
                .hasMessage("monitoring intervals auto-tuning needs the DAMON sysfs feature intervals_goal"
                        + " (Linux 6.15+), which this kernel lacks (no"
                        + " contexts/0/monitoring_attrs/intervals/intervals_goal)");
        assertThat(Files.readString(k.resolve("0/state")).strip()).isEqualTo("off");

        SysfsScheme allow = reclaimLike(List.of(new SysfsScheme.Filter("anon", true, true, "", 0, 0, 0, 0, 0)));
        assertThatThrownBy(() -> damon().start(List.of(spec(allow)), true))
                .hasMessageContaining("'allow' filter needs Linux 6.14+");
        assertThat(Files.readString(k.resolve("0/state")).strip()).isEqualTo("off");

        KdamondSpec unknownOps = KdamondSpec.of(new KdamondSpec.Context("cxl", Attributes.DAMO_DEFAULTS,
                List.of(), List.of()));
        assertThatThrownBy(() -> damon().start(List.of(unknownOps), true))
                .hasMessage("this kernel's DAMON has no 'cxl' operations set (avail_operations: vaddr fvaddr paddr)");
    }

    @Test
    void noInterfaceIsAClearError() {
        assertThatThrownBy(() -> damon().kdamonds()).isInstanceOf(KernelDamonException.class)
                .hasMessageContaining("has no DAMON sysfs interface")
                .hasMessageContaining("CONFIG_DAMON_SYSFS");
    }

    @Test
    void writesOutsideTheRootAreImpossibleAndRealSysIsForbiddenInTests() {
        assertThat(Boolean.getBoolean(SysfsDamon.FORBID_SYSTEM_WRITES)).as("surefire sets the guard").isTrue();
        SysfsDamon real = new SysfsDamon(Path.of("/sys"), new Ownership(state));
        assertThatThrownBy(() -> new DamonModules(real).disable(DamonModules.RECLAIM))
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("forbidden", "has no damon_reclaim"));
    }
}
