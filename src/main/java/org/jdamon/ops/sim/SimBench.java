package org.jdamon.ops.sim;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import org.jdamon.core.Attributes;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.SchemeEngine;
import org.jdamon.core.damos.AccessPattern;
import org.jdamon.core.damos.DamosAction;
import org.jdamon.core.damos.DamosEngine;
import org.jdamon.core.damos.Scheme;

/**
 * Measures the monitor on simulated workloads: wall nanoseconds per region per sampling iteration
 * (the whole engine: sampling, access checks, aggregation, merge, split, and the memory model; optionally
 * a DAMOS scheme on every region) and simulated seconds per wall second. Run: {@code java -cp target/classes org.jdamon.ops.sim.SimBench [workload ...]}.
 */
public final class SimBench {
    private SimBench() {}

    /** One measured run. */
    public record Result(String workload, long samples, long regionSamples, long wallNs, long cpuNs, long simNs) {
        /** CPU time of the monitoring thread per region per sample (robust on a loaded machine). */
        public double nsPerRegionSample() {
            return regionSamples == 0 ? 0 : (double) cpuNs / regionSamples;
        }

        public double simSecondsPerWallSecond() {
            return wallNs == 0 ? 0 : (double) simNs / wallNs;
        }

        public double simSecondsPerCpuSecond() {
            return cpuNs == 0 ? 0 : (double) simNs / cpuNs;
        }

        public double avgRegions() {
            return samples == 0 ? 0 : (double) regionSamples / samples;
        }
    }

    /** Runs {@code workload} once at {@code attrs} with {@code seed} until its phases end. */
    public static Result run(SimWorkload workload, Attributes attrs, long seed) throws InterruptedException {
        return run(workload, attrs, seed, SchemeEngine.NONE);
    }

    /** The same with DAMOS schemes applied to the simulated memory. */
    public static Result run(SimWorkload workload, Attributes attrs, long seed, SchemeEngine schemes)
            throws InterruptedException {
        SimOperations ops = SimOperations.of(workload);
        long[] regionSamples = new long[1];
        MonitorContext ctx = ops.configure(MonitorContext.builder().seed(seed).attributes(attrs).schemes(schemes))
                .afterSample(c -> regionSamples[0] += c.totalRegions())
                .build();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        ctx.run();
        long wall = System.nanoTime() - t0;
        long cpu = threads.getCurrentThreadCpuTime() - c0;
        return new Result(workload.name(), ctx.passedSampleIntervals(), regionSamples[0], wall, cpu,
                ctx.clock().nowNs() - ctx.startNs());
    }

    private static void print(Result r) {
        System.out.printf(Locale.ROOT,
                "%-14s %6d samples %6.1f regions/sample %7.1f ns/region/sample %7.0fx sim-s/cpu-s %7.0fx sim-s/wall-s%n",
                r.workload(), r.samples(), r.avgRegions(), r.nsPerRegionSample(), r.simSecondsPerCpuSecond(),
                r.simSecondsPerWallSecond());
    }

    /** The fastest of several runs (the first ones warm the JIT up; the machine is shared). */
    public static Result best(SimWorkload w, Attributes attrs) throws InterruptedException {
        return best(w, attrs, List.of());
    }

    /** The fastest of several runs with a fresh engine for {@code schemes} each time. */
    public static Result best(SimWorkload w, Attributes attrs, List<Scheme> schemes) throws InterruptedException {
        Result best = null;
        for (int i = 0; i < 7; i++) {
            Result r = run(w, attrs, i + 1, schemes.isEmpty() ? SchemeEngine.NONE : new DamosEngine(schemes));
            if (best == null || r.cpuNs() < best.cpuNs()) {
                best = r;
            }
        }
        return best;
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> names = args.length > 0 ? List.of(args) : SimWorkloads.names();
        Attributes attrs = Attributes.DAMO_DEFAULTS;
        // warm the JIT up on every code path first: on a loaded machine its compiler threads lag
        for (String name : SimWorkloads.names()) {
            for (int i = 0; i < 3; i++) {
                run(SimWorkloads.load(name), attrs, i);
            }
        }
        for (String name : names) {
            Result r = best(SimWorkloads.load(name), attrs);
            print(r);
        }
        for (String size : List.of("1G", "64T")) {
            String cfg = "cold, " + size + "\nhot, 64M\n\nrun\n30000\ncold, 1, 0, 1\nhot, 1, 0, 99\n";
            SimWorkload w = SimWorkload.of("random-" + size, MasimConfig.parse(cfg, "random-" + size));
            Attributes many = attrs.withNrRegions(10, 1000);
            Result r = best(w, many);
            print(r);
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
        print(best(levels, attrs));
        for (DamosAction action : List.of(DamosAction.STAT, DamosAction.PAGEOUT, DamosAction.MIGRATE_COLD)) {
            Result r = best(levels, attrs, List.of(Scheme.of(AccessPattern.ANY, action)));
            System.out.print("  + " + action.keyword() + " on every region: ");
            print(r);
        }
    }
}
