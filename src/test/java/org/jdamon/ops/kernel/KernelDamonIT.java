package org.jdamon.ops.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdamon.core.Attributes;
import org.jdamon.record.Snapshot;
import org.jdamon.record.capture.KernelRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel DAMON backend against a real kernel: runs only inside the guest-run VM
 * ({@code JDAMON_GUEST=1}, started by {@code scripts/kernel-tests.sh}), where writing the guest's
 * {@code /sys/kernel/mm/damon} harms nothing.
 */
@EnabledIfEnvironmentVariable(named = "JDAMON_GUEST", matches = "1")
class KernelDamonIT {
    private static final Path SYS = Path.of("/sys");
    private static final Path KDAMONDS = SYS.resolve("kernel/mm/damon/admin/kdamonds");

    @TempDir
    Path stateDir;

    SysfsDamon sysfs;
    final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        Guest.requireGuest();
        sysfs = new SysfsDamon(SYS, new Ownership(stateDir));
        resetByHand();
    }

    @AfterEach
    void tearDown() throws IOException {
        resetByHand();
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void aKdamondStartedByHandIsRefusedAndKeepsRunning() throws Exception {
        long target = sleeper();
        byHand("nr_kdamonds", "1");
        byHand("0/contexts/nr_contexts", "1");
        byHand("0/contexts/0/targets/nr_targets", "1");
        byHand("0/contexts/0/targets/0/pid_target", Long.toString(target));
        byHand("0/state", "on");
        String pid = Files.readString(KDAMONDS.resolve("0/pid")).strip();
        KdamondSpec mine = processSpec(sleeper());

        assertThatThrownBy(() -> sysfs.start(List.of(mine), false))
                .isInstanceOf(KernelDamonException.class).hasMessageContaining("not started by jdamon");
        assertThatThrownBy(() -> sysfs.start(List.of(mine), true))
                .isInstanceOf(KernelDamonException.class).hasMessageContaining("not started by jdamon");
        assertThatThrownBy(() -> sysfs.stop(0)).hasMessageContaining("not started by jdamon");
        assertThatThrownBy(() -> sysfs.commit(0, mine)).hasMessageContaining("not started by jdamon");
        assertThatThrownBy(() -> sysfs.update(0, "update_schemes_tried_regions"))
                .hasMessageContaining("not started by jdamon");
        assertThat(sysfs.stopAll()).isEmpty();

        assertThat(Files.readString(KDAMONDS.resolve("0/state")).strip()).isEqualTo("on");
        assertThat(Files.readString(KDAMONDS.resolve("0/pid")).strip()).isEqualTo(pid);
        assertThat(Files.readString(Path.of("/proc", pid, "comm")).strip()).isEqualTo("kdamond.0");
        assertThat(Files.readString(KDAMONDS.resolve("0/contexts/0/targets/0/pid_target")).strip())
                .isEqualTo(Long.toString(target));
        assertThat(sysfs.kdamond(0).owner()).isEqualTo(KdamondStatus.Owner.FOREIGN);
        Guest.report("foreign-kdamond", "kdamond 0 pid " + pid
                + " started by hand: start, start --replace-stopped, stop, commit, update all refused; still on, same pid");
    }

    @Test
    void startCommitStopOwnKdamond() throws Exception {
        long target = sleeper();
        List<Integer> started = sysfs.start(List.of(processSpec(target)), false);
        assertThat(started).containsExactly(0);
        KdamondStatus k = sysfs.kdamond(0);
        assertThat(k.running()).isTrue();
        assertThat(k.owner()).isEqualTo(KdamondStatus.Owner.JDAMON);
        assertThat(Files.readString(Path.of("/proc", Long.toString(k.pid()), "comm")).strip()).isEqualTo("kdamond.0");

        Attributes slower = new Attributes(10_000, 200_000, 2_000_000, 10, 500, null);
        KdamondSpec tuned = KdamondSpec.of(new KdamondSpec.Context("vaddr", slower,
                List.of(KdamondSpec.TargetSpec.process(target)), List.of()));
        sysfs.commit(0, tuned);
        KdamondStatus after = sysfs.kdamond(0);
        assertThat(after.pid()).isEqualTo(k.pid());
        assertThat(after.context().aggrUs()).isEqualTo(200_000);
        assertThat(after.context().maxNrRegions()).isEqualTo(500);
        assertThat(after.running()).isTrue();

        assertThat(sysfs.stop(0)).isTrue();
        assertThat(sysfs.kdamond(0).running()).isFalse();
        assertThat(sysfs.kdamond(0).owner()).isEqualTo(KdamondStatus.Owner.JDAMON_STOPPED);
        assertThat(sysfs.start(List.of(processSpec(target)), false)).containsExactly(0);
        assertThat(sysfs.stopAll()).containsExactly(0);
        Guest.report("own-kdamond", "started pid " + k.pid() + ", committed aggr 100->200 ms online (same pid),"
                + " stopped, restarted over its own stopped directory, stopped");
    }

    @Test
    void probedFeaturesMatchTheKernelRelease() throws Exception {
        SysfsScheme withFilterAndGoal = new SysfsScheme("stat", SysfsScheme.AccessPattern.EVERYTHING, 0,
                new SysfsScheme.Quota(0, 0, 0, 0, 0, 0, List.of(new SysfsScheme.Goal("user_input", 100, 50, 0, ""))),
                SysfsScheme.Watermarks.NONE,
                List.of(new SysfsScheme.Filter("anon", false, false, "", 0, 0, 0, 0, 0)), -1);
        KdamondSpec spec = processSpec(sleeper()).withScheme(withFilterAndGoal);
        sysfs.start(List.of(spec), false);
        SysfsFeatures f = sysfs.features();
        String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        int[] v = majorMinor(release);
        List<String> wrong = new ArrayList<>();
        for (SysfsFeature feature : SysfsFeature.values()) {
            // the guest runs a distribution kernel: files only in mm.git are absent
            int[] since = feature.mainline() ? majorMinor(feature.since()) : new int[] {Integer.MAX_VALUE, 0};
            boolean expected = v[0] > since[0] || (v[0] == since[0] && v[1] >= since[1]);
            if (f.has(feature) != expected) {
                wrong.add(feature + (f.has(feature) ? " present" : " missing"));
            }
        }
        assertThat(wrong).as("features against release " + release).isEmpty();
        Guest.report("features", "Linux " + release + ": missing " + f.describeMissing().size() + " of "
                + SysfsFeature.values().length + " optional sysfs features, all introduced after "
                + v[0] + "." + v[1]);
    }

    @Test
    void kernelBackendFindsTheHotBuffer() throws Exception {
        try (Guest.Workload w = Guest.Workload.start(32, 96, 30)) {
            Attributes attrs = new Attributes(5_000, 100_000, 1_000_000, 10, 1000, null);
            KdamondSpec spec = KdamondSpec.of(new KdamondSpec.Context("vaddr", attrs,
                    List.of(KdamondSpec.TargetSpec.process(w.pid())), List.of()));
            List<Snapshot> snapshots = new ArrayList<>();
            long kdamondCpu;
            try (KernelRecorder rec = KernelRecorder.start(sysfs, spec, false)) {
                long kpid = sysfs.kdamond(rec.kdamondIndex()).pid();
                long deadline = System.nanoTime() + 5_000_000_000L;
                rec.run(200, () -> System.nanoTime() > deadline, s -> {});
                long cpu0 = cpuTicks(kpid);
                long t0 = System.nanoTime();
                long end = System.nanoTime() + 12_000_000_000L;
                rec.run(200, () -> System.nanoTime() > end, snapshots::add);
                kdamondCpu = (cpuTicks(kpid) - cpu0) * 10_000_000L * 100 / (System.nanoTime() - t0);
            }
            WorkingSet ws = WorkingSet.of(snapshots, 0, w.hot, 1);
            Guest.report("kernel-hot-buffer", String.format(Locale.ROOT,
                    "32 MiB hot + 96 MiB cold buffer: snapshots=%d p50_wss=%d hot=%d error=%+.1f%% recall=%.3f"
                            + " precision=%.3f, kdamond %d%% of a CPU",
                    snapshots.size(), ws.p50(), w.hot.size(), 100 * ws.p50Error(), ws.medianRecall(),
                    ws.medianPrecision(), kdamondCpu));
            assertThat(Math.abs(ws.p50Error())).isLessThanOrEqualTo(0.10);
            assertThat(ws.medianRecall()).isGreaterThanOrEqualTo(0.9);
        }
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static int[] majorMinor(String release) {
        String[] p = release.split("[.+-]");
        return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
    }

    private static KdamondSpec processSpec(long pid) {
        return KdamondSpec.of(new KdamondSpec.Context("vaddr", Attributes.DAMO_DEFAULTS,
                List.of(KdamondSpec.TargetSpec.process(pid)), List.of()));
    }

    private long sleeper() throws IOException {
        Process p = new ProcessBuilder("sleep", "600").start();
        processes.add(p);
        return p.pid();
    }

    /** Test-only direct sysfs writes (the "other tool"); allowed because requireGuest() passed. */
    private static void byHand(String rel, String value) throws IOException {
        Files.writeString(KDAMONDS.resolve(rel), value);
    }

    private static void resetByHand() throws IOException {
        for (int i = 0; Files.isDirectory(KDAMONDS.resolve(Integer.toString(i))); i++) {
            if (Files.readString(KDAMONDS.resolve(i + "/state")).strip().equals("on")) {
                try {
                    byHand(i + "/state", "off");
                } catch (IOException e) {
                    // EPERM: the kdamond ended by itself (its target exited) after the state was read
                    if (Files.readString(KDAMONDS.resolve(i + "/state")).strip().equals("on")) {
                        throw e;
                    }
                }
            }
        }
        byHand("nr_kdamonds", "0");
    }
}
