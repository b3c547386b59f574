package org.jdamon.bench;

import java.lang.management.ManagementFactory;
import java.io.PrintWriter;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import org.jdamon.core.Attributes;
import org.jdamon.core.Clock;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.SchemeEngine;
import org.jdamon.core.VirtualClock;
import org.jdamon.core.WallClock;
import org.jdamon.core.damos.AccessPattern;
import org.jdamon.core.damos.DamosAction;
import org.jdamon.core.damos.DamosEngine;
import org.jdamon.core.damos.Scheme;
import org.jdamon.ops.sim.MasimConfig;
import org.jdamon.ops.sim.SimOperations;
import org.jdamon.ops.sim.SimWorkload;
import org.jdamon.ops.sim.SimWorkloads;

/**
 * The engine's speed and overhead targets, measured on simulated workloads (issue 2 §7): cost per region
 * per sampling iteration, CPU share in real time at default attributes, cost at 1 GiB vs 64 TiB, and
 * simulated seconds per wall second, and every bundled workload to its end ({@link #workloads}). Each
 * measurement runs the whole worker loop, not a fragment. The one engine benchmark; the {@code bench}
 * command drives it.
 */
public final class EngineBench {
    private EngineBench() {}

    /** A deadline no bundled workload reaches: the run ends with the workload's last phase. */
    public static final long TO_THE_END_NS = Long.MAX_VALUE / 2;

    /** One run's counts: sampling iterations, region-iterations (sum of regions over samples), costs. */
    public record Run(String workload, long samples, long regionSamples, long wallNs, long threadCpuNs,
            long simulatedNs) {
        public double nsPerRegionSample() {
            return (double) threadCpuNs / Math.max(regionSamples, 1);
        }

        public double averageRegions() {
            return (double) regionSamples / Math.max(samples, 1);
        }

        public double nsPerSample() {
            return (double) threadCpuNs / Math.max(samples, 1);
        }

        public double speedup() {
            return (double) simulatedNs / Math.max(wallNs, 1);
        }

        /** CPU time over simulated time: the share of one core the monitor used. */
        public double cpuShare() {
            return (double) threadCpuNs / Math.max(simulatedNs, 1);
        }
    }

    /** Runs the monitor on {@code workload} in virtual time for {@code durationNs}. */
    public static Run run(SimWorkload workload, Attributes attrs, long durationNs, long seed)
            throws InterruptedException {
        return run(workload, attrs, new VirtualClock(), 0, durationNs, seed);
    }

    /**
     * Runs the monitor on {@code workload} for {@code warmupNs + durationNs} of {@code clock}'s time and
     * counts only what follows the warm-up, so one-time costs (JIT compilation, deoptimisation when a new
     * clock class shows up, the first splits) stay out of a steady-state figure.
     */
    public static Run run(SimWorkload workload, Attributes attrs, Clock clock, long warmupNs, long durationNs,
            long seed) throws InterruptedException {
        return run(workload, attrs, clock, warmupNs, durationNs, seed, SchemeEngine.NONE);
    }

    /** The same with DAMOS {@code schemes} applied to the simulated memory. */
    public static Run run(SimWorkload workload, Attributes attrs, Clock clock, long warmupNs, long durationNs,
            long seed, SchemeEngine schemes) throws InterruptedException {
        SimOperations ops = SimOperations.of(workload);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] regionSamples = new long[1];
        long[] samples = new long[1];
        long[] from = {-1, 0, 0}; // clock time, wall time and thread CPU when the warm-up ended
        long startNs = clock.nowNs();
        MonitorContext ctx = ops.configure(MonitorContext.builder())
                .attributes(attrs)
                .schemes(schemes)
                .clock(clock)
                .seed(seed)
                .deadlineNs(startNs + warmupNs + durationNs)
                .afterSample(c -> {
                    if (from[0] < 0) {
                        if (c.clock().nowNs() - startNs < warmupNs) {
                            return;
                        }
                        from[0] = c.clock().nowNs();
                        from[1] = System.nanoTime();
                        from[2] = threads.getCurrentThreadCpuTime();
                    }
                    samples[0]++;
                    regionSamples[0] += c.totalRegions();
                })
                .build();
        ctx.run();
        long wall = System.nanoTime() - from[1];
        long cpu = threads.getCurrentThreadCpuTime() - from[2];
        return new Run(workload.name(), samples[0], regionSamples[0], wall, cpu, clock.nowNs() - from[0]);
    }

    /**
     * Thread CPU time of one bare sleep of {@code us} microseconds on this machine (the floor any real-time
     * monitor pays per sampling interval, whatever it does), averaged over {@code n} sleeps.
     */
    public static double sleepCpuNs(long us, int n) throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        WallClock clock = new WallClock();
        long cpu0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            clock.sleepUs(us);
        }
        return (double) (threads.getCurrentThreadCpuTime() - cpu0) / n;
    }

    /** A workload of {@code bytes} in two halves: one randomly accessed, one idle. */
    public static SimWorkload synthetic(long bytes) {
        long half = bytes / 2 / 4096 * 4096;
        String text = """
                hot, %d
                cold, %d

                forever
                3600000
                hot, 1, 64, 1
                """.formatted(half, half);
        return SimWorkload.of("synthetic-" + bytes, MasimConfig.parse(text, "synthetic"));
    }

    public static SimWorkload builtin(String name) {
        return SimWorkloads.load(name);
    }

    public static String describe(Run r) {
        return String.format(Locale.ROOT,
                "%-22s %8d samples  %7.1f regions  %7.1f ns/region/sample  %9.1f us/sample  %8.1fx real time  "
                        + "cpu %.3f%% of a core",
                r.workload(), r.samples(), r.averageRegions(), r.nsPerRegionSample(), r.nsPerSample() / 1000,
                r.speedup(), 100 * r.cpuShare());
    }

    /**
     * The fastest of seven runs of {@code workload} to its end (seeds 1..7; the first ones warm the JIT up,
     * the machine is shared), with a fresh engine for {@code schemes} each time.
     */
    public static Run bestToEnd(SimWorkload workload, Attributes attrs, List<Scheme> schemes)
            throws InterruptedException {
        Run best = null;
        for (int seed = 1; seed <= 7; seed++) {
            Run r = run(workload, attrs, new VirtualClock(), 0, TO_THE_END_NS, seed,
                    schemes.isEmpty() ? SchemeEngine.NONE : new DamosEngine(schemes));
            if (best == null || r.threadCpuNs() < best.threadCpuNs()) {
                best = r;
            }
        }
        return best;
    }

    /**
     * Every bundled workload {@code names} to its end at damo's default attributes, then the address-space
     * size pair (1 GiB and 64 TiB cold beside 64 MiB hot, random, 10..1000 regions) and 300 regions at 13
     * access levels, bare and with one DAMOS action on every region: the whole engine, memory model
     * included (docs/benchmarks/sim.md).
     */
    public static void workloads(List<String> names, PrintWriter out) throws InterruptedException {
        Attributes attrs = Attributes.DAMO_DEFAULTS;
        // warm the JIT up on every code path first: on a loaded machine its compiler threads lag
        for (String name : SimWorkloads.names()) {
            for (int seed = 0; seed < 3; seed++) {
                run(builtin(name), attrs, new VirtualClock(), 0, TO_THE_END_NS, seed, SchemeEngine.NONE);
            }
        }
        for (String name : names) {
            out.println(describe(bestToEnd(builtin(name), attrs, List.of())));
        }
        for (String size : List.of("1G", "64T")) {
            String cfg = "cold, " + size + "\nhot, 64M\n\nrun\n30000\ncold, 1, 0, 1\nhot, 1, 0, 99\n";
            SimWorkload w = SimWorkload.of("random-" + size, MasimConfig.parse(cfg, "random-" + size));
            out.println(describe(bestToEnd(w, attrs.withNrRegions(10, 1000), List.of())));
        }
        StringBuilder cfg = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            cfg.append("r").append(i).append(", 4M\n");
        }
        cfg.append("\nrun\n30000\n");
        for (int i = 0; i < 300; i++) {
            cfg.append("r").append(i).append(", 1, 0, ").append(1 + (i * 7) % 13 * (i % 3)).append('\n');
        }
        SimWorkload levels = SimWorkload.of("levels-300", MasimConfig.parse(cfg.toString(), "levels-300"));
        out.println(describe(bestToEnd(levels, attrs, List.of())));
        for (DamosAction action : List.of(DamosAction.STAT, DamosAction.PAGEOUT, DamosAction.MIGRATE_COLD)) {
            Run r = bestToEnd(levels, attrs, List.of(Scheme.of(AccessPattern.ANY, action)));
            out.println("  + " + action.keyword() + " on every region: " + describe(r));
        }
    }
}
