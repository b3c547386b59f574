package org.jdamon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jdamon.ops.kernel.FixtureTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** start/tune/stop/status/module on fixture sysfs trees (never the machine's /sys). */
class KernelCommandsTest {
    @TempDir
    Path sys;

    @TempDir
    Path state;

    private CliRunner run(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--sysfs";
        all[args.length + 1] = sys.toString();
        all[args.length + 2] = "--state_dir";
        all[args.length + 3] = state.toString();
        return CliRunner.run(all);
    }

    @Test
    void statusShowsAForeignKdamondAsNotOurs() throws IOException {
        FixtureTree.load(sys, "/org/jdamon/ops/kernel/host-6.18-foreign.tree");
        CliRunner r = run("status");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("kdamond 0: on (pid 77), not ours")
                .contains("ops paddr, intervals sample 500 ms aggr 5 s")
                .contains("scheme 0: pageout, sz 0..max, nr_accesses 0..1, age 12..max")
                .contains("obsolete_target (6.19+)")
                .contains("damon_reclaim: not in this kernel");
    }

    @Test
    void startStopAndTuneLeaveAForeignKdamondAlone() throws IOException {
        Path k = FixtureTree.load(sys, "/org/jdamon/ops/kernel/host-6.18-foreign.tree");
        Map<String, String> before = FixtureTree.snapshot(k);

        CliRunner start = run("start", "paddr");
        assertThat(start.exitCode()).isEqualTo(1);
        assertThat(start.err()).isEqualTo("jdamon: kdamond 0 (pid 77) is running and was not started by jdamon;"
                + " the kernel cannot add kdamonds while one runs, and jdamon leaves it alone (nothing was written)\n");
        CliRunner stop = run("stop");
        assertThat(stop.exitCode()).isZero();
        assertThat(stop.out()).contains("left kdamond 0 (pid 77) running: jdamon did not start it")
                .contains("no kdamond started by jdamon was running");
        assertThat(run("stop", "--kdamond", "0").err()).contains("was not started by jdamon");
        assertThat(run("tune", "paddr").err()).contains("no kdamond started by jdamon is running");
        assertThat(FixtureTree.snapshot(k)).isEqualTo(before);
    }

    @Test
    void startWritesTheOptionsInKernelUnits() throws IOException {
        Path k = FixtureTree.load(sys, "/org/jdamon/ops/kernel/guest-6.12-defaults.tree");
        CliRunner r = run("start", "4242", "--replace_stopped", "-s", "10ms", "-a", "200ms", "-u", "2s",
                "--damos_action", "pageout", "--damos_access_rate", "0%", "0%", "--damos_age", "4s", "max");
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("started kdamond 0 (pid -1)\n");
        String s = "0/contexts/0/schemes/0/";
        assertThat(read(k, "0/contexts/0/targets/0/pid_target")).isEqualTo("4242");
        assertThat(read(k, "0/contexts/0/monitoring_attrs/intervals/sample_us")).isEqualTo("10000");
        assertThat(read(k, "0/contexts/0/monitoring_attrs/intervals/aggr_us")).isEqualTo("200000");
        assertThat(read(k, s + "action")).isEqualTo("pageout");
        // 4 s at 200 ms aggregations = 20 aggregation intervals; "max" age = ULONG_MAX
        assertThat(read(k, s + "access_pattern/age/min")).isEqualTo("20");
        assertThat(read(k, s + "access_pattern/age/max")).isEqualTo("18446744073709551615");
        assertThat(read(k, s + "access_pattern/nr_accesses/max")).isEqualTo("0");
        assertThat(read(k, "0/state")).isEqualTo("on");
    }

    @Test
    void damosOptionsOfNewerKernelsReachSysfsAndStatus() throws IOException {
        Path k = FixtureTree.load(sys, "/org/jdamon/ops/kernel/newer-7.1-mm.tree");
        CliRunner r = run("start", "4242", "--replace_stopped", "--pause_ctx", "--damos_action", "migrate_hot", "0", "3",
                "1", "7", "--damos_max_nr_snapshots", "5", "--damos_quota_goal_tuner", "temporal",
                "--damos_quota_fail_charge_ratio", "1", "4096");
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        String s = "0/contexts/0/schemes/0/";
        assertThat(read(k, "0/contexts/0/pause")).isEqualTo("Y");
        assertThat(read(k, s + "dests/nr_dests")).isEqualTo("2");
        assertThat(read(k, s + "dests/1/id")).isEqualTo("1");
        assertThat(read(k, s + "dests/1/weight")).isEqualTo("7");
        assertThat(read(k, s + "stats/max_nr_snapshots")).isEqualTo("5");
        assertThat(read(k, s + "quotas/goal_tuner")).isEqualTo("temporal");
        assertThat(read(k, s + "quotas/fail_charge_num")).isEqualTo("1");
        assertThat(read(k, s + "quotas/fail_charge_denom")).isEqualTo("4096");

        String status = run("status").out();
        assertThat(status).contains("regions 10..1000, paused\n")
                .contains("    dests node 0 weight 3, node 1 weight 7; stops after 5 snapshots (0 done);"
                        + " goal tuner temporal; failed bytes charged 1/4096\n");
    }

    @Test
    void aNewerOptionOnLinux612IsAOneLineErrorAndWritesNothing() throws IOException {
        Path k = FixtureTree.load(sys, "/org/jdamon/ops/kernel/guest-6.12-defaults.tree");
        var before = FixtureTree.snapshot(k);
        CliRunner r = run("start", "4242", "--replace_stopped", "--damos_action", "stat", "--damos_max_nr_snapshots", "5");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).doesNotContain("\n").endsWith("kdamonds[0].contexts[0].schemes[0].max_nr_snapshots:"
                + " this kernel has no kernel/mm/damon/admin/kdamonds/0/contexts/0/schemes/0/stats/max_nr_snapshots"
                + " (added in Linux 7.0)");
        assertThat(FixtureTree.snapshot(k)).isEqualTo(before);
    }

    @Test
    void badTargetIsAUsageError() {
        CliRunner r = run("start", "firefox");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("TARGET must be a process id or 'paddr', not 'firefox'");
    }

    @Test
    void moduleShowAndEnable() throws IOException {
        Files.createDirectories(sys.resolve("kernel/mm/damon/admin/kdamonds"));
        FixtureTree.module(sys, "damon_lru_sort", Map.of("enabled", "N", "commit_inputs", "N",
                "hot_thres_access_freq", "500", "kdamond_pid", "-1"));
        assertThat(run("module", "lru_sort").out()).contains("hot_thres_access_freq=500");
        CliRunner r = run("module", "lru_sort", "enable", "hot_thres_access_freq=300");
        assertThat(r.exitCode()).isZero();
        Path p = sys.resolve("module/damon_lru_sort/parameters");
        assertThat(Files.readString(p.resolve("hot_thres_access_freq")).strip()).isEqualTo("300");
        assertThat(Files.readString(p.resolve("enabled")).strip()).isEqualTo("Y");
        assertThat(run("status").out()).contains("damon_lru_sort: enabled, kdamond pid -1 (jdamon's)");
        assertThat(run("module", "nope").exitCode()).isEqualTo(2);
    }

    private static String read(Path k, String rel) throws IOException {
        return Files.readString(k.resolve(rel)).strip();
    }
}
