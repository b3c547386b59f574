package org.jdamon.ops.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdamon.record.capture.ContextCapture;
import org.jdamon.core.Attributes;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Target;
import org.jdamon.core.WallClock;
import org.jdamon.ops.linux.access.SoftDirty;
import org.jdamon.ops.linux.VaddrOperations;
import org.jdamon.record.RecordFormat;
import org.jdamon.record.RecordWriter;
import org.jdamon.record.TargetSnapshot;
import org.jdamon.record.capture.KernelRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel's DAMON and jdamon's user-space engine (vaddr, soft-dirty) on a real {@code jdamon workload
 * run} zigzag inside the guest-run VM: each must find the hot 32 MiB region at the right addresses with
 * the p50 working set within 10% of it, and both together must agree. The same runs give the overhead
 * measurements of docs/benchmarks/kernel.md (CPU, workload throughput, record size).
 */
@EnabledIfEnvironmentVariable(named = "JDAMON_GUEST", matches = "1")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealWorkloadIT {
    static final Attributes ATTRS = new Attributes(5_000, 100_000, 1_000_000, 10, 1000, null);
    static final Map<String, String> MEASURED = new LinkedHashMap<>();

    @TempDir
    Path dir;

    @BeforeEach
    void inGuest() throws IOException {
        Guest.requireGuest();
    }

    @Test
    @Order(1)
    void baselineWithoutMonitoring() throws Exception {
        try (ZigzagWorkload w = ZigzagWorkload.start(dir)) {
            w.await();
            MEASURED.put("throughput.none.first", fmt(w.measuredRate()));
            Guest.report("baseline", "no monitoring (first run): " + w.accessesPerMs + " accesses/ms per phase");
            assertThat(w.measuredRate()).isPositive();
        }
    }

    @Test
    @Order(2)
    void kernelDamonFindsTheZigzagHotRegion() throws Exception {
        try (ZigzagWorkload w = ZigzagWorkload.start(dir)) {
            TimedSnapshots snaps = new TimedSnapshots();
            KernelRun k = recordKernel(w, snaps, dir.resolve("kernel.jdr"));
            w.await();
            k.finish();
            TimedSnapshots.Summary s = TimedSnapshots.summarize(snaps.evaluate(w));
            Guest.report("kernel-zigzag", s + " (" + snaps.all.size() + " snapshots in all)");
            MEASURED.put("throughput.kernel", fmt(w.measuredRate()));
            MEASURED.put("cpu.kdamond", fmt(k.cpuPercent()));
            MEASURED.put("record.kernel", k.recordSummary());
            Guest.report("kernel-zigzag", "kdamond " + fmt(k.cpuPercent()) + "% of a CPU, workload "
                    + w.accessesPerMs + " accesses/ms, record " + k.recordSummary());
            assertThat(s.points()).isGreaterThanOrEqualTo(6);
            assertThat(Math.abs(s.error())).isLessThanOrEqualTo(0.10);
            assertThat(s.recall()).isGreaterThanOrEqualTo(0.90);
            assertThat(s.precision()).isGreaterThanOrEqualTo(0.80);
        }
    }

    @Test
    @Order(3)
    void userSpaceSoftDirtyFindsTheZigzagHotRegion() throws Exception {
        try (ZigzagWorkload w = ZigzagWorkload.start(dir)) {
            TimedSnapshots snaps = new TimedSnapshots();
            UserRun u = recordUserSpace(w, snaps, dir.resolve("user.jdr"));
            w.await();
            u.finish();
            TimedSnapshots.Summary s = TimedSnapshots.summarize(snaps.evaluate(w));
            Guest.report("vaddr-soft-dirty-zigzag", s + " (" + snaps.all.size() + " snapshots in all)");
            MEASURED.put("throughput.jdamon", fmt(w.measuredRate()));
            MEASURED.put("cpu.jdamon", fmt(u.cpuPercent()));
            MEASURED.put("record.jdamon", u.recordSummary());
            Guest.report("vaddr-soft-dirty-zigzag", "jdamon engine " + fmt(u.cpuPercent()) + "% of a CPU, workload "
                    + w.accessesPerMs + " accesses/ms, record " + u.recordSummary());
            assertThat(s.points()).isGreaterThanOrEqualTo(6);
            assertThat(Math.abs(s.error())).isLessThanOrEqualTo(0.10);
            assertThat(s.recall()).isGreaterThanOrEqualTo(0.90);
            assertThat(s.precision()).isGreaterThanOrEqualTo(0.80);
        }
    }

    @Test
    @Order(4)
    void kernelAndUserSpaceAgreeOnTheSameProcess() throws Exception {
        try (ZigzagWorkload w = ZigzagWorkload.start(dir)) {
            TimedSnapshots kernel = new TimedSnapshots();
            TimedSnapshots user = new TimedSnapshots();
            KernelRun k = recordKernel(w, kernel, dir.resolve("both-kernel.jdr"));
            UserRun u = recordUserSpace(w, user, dir.resolve("both-user.jdr"));
            w.await();
            k.finish();
            u.finish();
            // per measured phase: each engine's hot region (bytes accessed in most of its snapshots)
            StringBuilder perPhase = new StringBuilder();
            double sum = 0;
            int n = 0;
            for (String phase : List.of("low", "high", "low again")) {
                double j = TimedSnapshots.jaccard(kernel.majorityHot(w, phase), user.majorityHot(w, phase));
                perPhase.append(String.format(Locale.ROOT, " %s=%.3f", phase.replace(' ', '_'), j));
                sum += j;
                n++;
            }
            List<Double> nearest = new ArrayList<>();
            for (TimedSnapshots.Point p : kernel.evaluate(w)) {
                nearest.add(TimedSnapshots.jaccard(kernel.accessedNear(p.epochMs()), user.accessedNear(p.epochMs())));
            }
            double mean = sum / n;
            double nearestMedian = TimedSnapshots.medianD(nearest.stream().mapToDouble(Double::doubleValue).toArray());
            Guest.report("agreement", String.format(Locale.ROOT,
                    "hot region per phase (bytes accessed in most snapshots), kernel vs user space, Jaccard:%s;"
                            + " mean %.3f. Single nearest snapshots: median %.3f over %d", perPhase, mean,
                    nearestMedian, nearest.size()));
            MEASURED.put("agreement", String.format(Locale.ROOT, "%.3f", mean));
            assertThat(nearest).hasSizeGreaterThanOrEqualTo(6);
            assertThat(mean).isGreaterThanOrEqualTo(0.80);
        }
    }

    @Test
    @Order(5)
    void baselineAgainAfterTheMonitoredRuns() throws Exception {
        try (ZigzagWorkload w = ZigzagWorkload.start(dir)) {
            w.await();
            MEASURED.put("throughput.none.last", fmt(w.measuredRate()));
            Guest.report("baseline", "no monitoring (last run): " + w.accessesPerMs + " accesses/ms per phase");
            assertThat(w.measuredRate()).isPositive();
        }
    }

    @AfterAll
    static void printMeasurements() {
        if (MEASURED.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("zigzag 2x32 MiB, 5 ms/100 ms/1 s:");
        MEASURED.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        String first = MEASURED.get("throughput.none.first");
        String last = MEASURED.get("throughput.none.last");
        String none = first == null || last == null ? null
                : fmt((Double.parseDouble(first) + Double.parseDouble(last)) / 2);
        if (MEASURED.containsKey("cpu.kdamond") && MEASURED.containsKey("cpu.jdamon")) {
            double ratio = Double.parseDouble(MEASURED.get("cpu.jdamon")) / Double.parseDouble(MEASURED.get("cpu.kdamond"));
            sb.append(String.format(Locale.ROOT, " cpu_ratio_jdamon_to_kdamond=%.1f", ratio));
        }
        if (none != null) {
            for (String m : List.of("kernel", "jdamon")) {
                String v = MEASURED.get("throughput." + m);
                if (v != null) {
                    sb.append(String.format(Locale.ROOT, " slowdown.%s=%.1f%%", m,
                            100 * (1 - Double.parseDouble(v) / Double.parseDouble(none))));
                }
            }
        }
        Guest.report("measurements", sb.toString());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    // ---------------------------------------------------------------- the two monitors

    /** The kernel's DAMON recording the workload from its start, in a background thread. */
    static final class KernelRun {
        final Thread thread;
        final long startNs = System.nanoTime();
        volatile long kdamondTicks;
        volatile long lastNs;
        volatile long firstTicks = -1;
        volatile long firstNs;
        volatile long bytes;
        volatile long snapshots;
        volatile Throwable failure;

        KernelRun(Thread thread) {
            this.thread = thread;
        }

        void finish() throws Exception {
            thread.join(60_000);
            if (failure != null) {
                throw new AssertionError("kernel recording failed", failure);
            }
        }

        double cpuPercent() {
            return (kdamondTicks - firstTicks) * 10_000_000.0 * 100 / Math.max(1, lastNs - firstNs);
        }

        String recordSummary() {
            double min = (lastNs - startNs) / 60e9;
            return String.format(Locale.ROOT, "%d snapshots, %d bytes, %.0f bytes/min", snapshots, bytes, bytes / min);
        }
    }

    private KernelRun recordKernel(ZigzagWorkload w, TimedSnapshots sink, Path record) {
        SysfsDamon sysfs = new SysfsDamon(Path.of("/sys"), new Ownership(dir.resolve("state")));
        KdamondSpec spec = KdamondSpec.of(new KdamondSpec.Context("vaddr", ATTRS,
                List.of(KdamondSpec.TargetSpec.process(w.pid())), List.of()));
        KernelRun[] self = new KernelRun[1];
        Thread t = Thread.ofPlatform().unstarted(() -> {
            KernelRun k = self[0];
            try (KernelRecorder rec = KernelRecorder.start(sysfs, spec, true);
                    RecordWriter out = RecordWriter.create(record, rec.header(RecordFormat.VERSION, "it", Map.of()))) {
                long kpid = sysfs.kdamond(rec.kdamondIndex()).pid();
                rec.run(100, () -> !w.alive(), s -> {
                    TargetSnapshot ts = s.target(0);
                    if (ts != null) {
                        sink.add(ts);
                    }
                    try {
                        out.writeSnapshot(s);
                        long ticks = cpuTicks(kpid);
                        if (ticks < 0) {
                            return;
                        }
                        if (k.firstTicks < 0) {
                            k.firstTicks = ticks;
                            k.firstNs = System.nanoTime();
                        }
                        k.kdamondTicks = ticks;
                        k.lastNs = System.nanoTime();
                        k.bytes = out.bytesWritten();
                        k.snapshots = out.snapshotsWritten();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            } catch (Throwable e) {
                k.failure = e;
            }
        });
        self[0] = new KernelRun(t);
        t.start();
        return self[0];
    }

    /** jdamon's engine (vaddr, soft-dirty) recording the workload, in a background thread. */
    static final class UserRun {
        final Thread thread;
        final MonitorContext ctx;
        final RecordWriter out;
        final long startNs = System.nanoTime();
        volatile long cpuNs;
        volatile long endNs;
        volatile Throwable failure;

        UserRun(Thread thread, MonitorContext ctx, RecordWriter out) {
            this.thread = thread;
            this.ctx = ctx;
            this.out = out;
        }

        void finish() throws Exception {
            thread.join(60_000);
            ctx.stop();
            if (failure != null) {
                throw new AssertionError("user-space monitoring failed", failure);
            }
        }

        double cpuPercent() {
            return cpuNs * 100.0 / Math.max(1, endNs - startNs);
        }

        String recordSummary() {
            double min = (endNs - startNs) / 60e9;
            return String.format(Locale.ROOT, "%d snapshots, %d bytes, %.0f bytes/min", out.snapshotsWritten(),
                    out.bytesWritten(), out.bytesWritten() / min);
        }
    }

    private static UserRun recordUserSpace(ZigzagWorkload w, TimedSnapshots sink, Path record) throws IOException {
        MonitorContext ctx = MonitorContext.builder()
                .attributes(ATTRS)
                .operations(VaddrOperations.vaddr(new SoftDirty(4096)))
                .clock(new WallClock())
                .seed(1)
                .addTarget(new Target(0, w.pid(), "workload", List.of()))
                .build();
        ctx.addAfterAggregation((c, s, e) -> sink.add(TargetSnapshot.of(0, c.targets().getFirst().regions())));
        RecordWriter out = ContextCapture.attach(ctx, record, Map.of("primitive", "soft-dirty"));
        UserRun[] self = new UserRun[1];
        Thread t = Thread.ofPlatform().unstarted(() -> {
            UserRun u = self[0];
            try {
                ctx.run();
            } catch (Throwable e) {
                // the target exiting between two samples is the normal end, not a failure
                try {
                    w.process.waitFor(3, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
                if (w.alive()) {
                    u.failure = e;
                }
            } finally {
                u.cpuNs = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                u.endNs = System.nanoTime();
                try {
                    out.close();
                } catch (IOException e) {
                    u.failure = e;
                }
            }
        });
        self[0] = new UserRun(t, ctx, out);
        t.start();
        return self[0];
    }

    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException e) {
            return -1;
        }
    }
}
