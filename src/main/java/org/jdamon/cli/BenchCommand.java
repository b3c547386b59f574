package org.jdamon.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jdamon.bench.EngineBench;
import org.jdamon.bench.TraceBench;
import org.jdamon.core.Attributes;
import org.jdamon.core.Units;
import org.jdamon.core.VirtualClock;
import org.jdamon.core.WallClock;
import org.jdamon.ops.sim.SimWorkload;
import org.jdamon.ops.sim.SimWorkloads;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jdamon bench}: the engine's speed and overhead targets, printed with what they measure. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the monitoring engine: per-region cost, real-time CPU, size scaling, "
                + "virtual-time speed.",
        subcommands = {BenchCommand.Engine.class, BenchCommand.RealTime.class, BenchCommand.Scaling.class,
            BenchCommand.Speed.class, BenchCommand.Workloads.class, BenchCommand.Trace.class, BenchHeatmapCommand.class,
            BenchCommand.DamoRecord.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing benchmark (engine, realtime, scaling, speed, workloads, trace, heatmap, damo_record)");
    }

    /** min = max = n regions; 0 keeps damo's default range (10..1000). */
    static Attributes forcedRegions(int n) {
        return n == 0 ? Attributes.DAMO_DEFAULTS : Attributes.DAMO_DEFAULTS.withNrRegions(n, n);
    }

    @Command(name = "engine", mixinStandardHelpOptions = true,
            description = "CPU ns per region per sampling iteration (whole worker loop, virtual time).")
    static final class Engine implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--regions", defaultValue = "1000", description = "Regions to hold (min = max = N).")
        int regions;

        @Option(names = "--duration", defaultValue = "300s", description = "Simulated time per run.")
        String duration;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            long d = CliParsing.durationNs("--duration", duration);
            for (String w : List.of("zigzag", "stairs")) {
                EngineBench.run(EngineBench.builtin(w), forcedRegions(regions), d / 10, 1); // JIT warm-up
                out.println(EngineBench.describe(
                        EngineBench.run(EngineBench.builtin(w), forcedRegions(regions), d, 1)));
                out.println(EngineBench.describe(
                        EngineBench.run(EngineBench.builtin(w), Attributes.DAMO_DEFAULTS, d, 1))
                        + "  (default 10..1000 regions)");
            }
            return 0;
        }
    }

    @Command(name = "realtime", mixinStandardHelpOptions = true,
            description = "Monitor CPU share in real time at default intervals (5 ms / 100 ms): a simulation "
                    + "paced to the wall clock, then a wake-up per sample as a live target needs.")
    static final class RealTime implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--regions", defaultValue = "1000",
                description = "Regions to hold (min = max = N; 0: damo's default 10..1000).")
        int regions;

        @Option(names = "--duration", defaultValue = "30s", description = "Wall time measured per run.")
        String duration;

        @Option(names = "--warmup", defaultValue = "5s", description = "Wall time run before measuring.")
        String warmup;

        @Option(names = "--sim", paramLabel = "CONFIG",
                description = "Workload (default: a 1 GiB synthetic one, half randomly accessed).")
        String workload;

        @Override
        public Integer call() throws Exception {
            long d = CliParsing.durationNs("--duration", duration);
            long w = CliParsing.durationNs("--warmup", warmup);
            Attributes attrs = forcedRegions(regions);
            SimWorkload sim = workload == null ? EngineBench.synthetic(1L << 30) : EngineBench.builtin(workload);
            EngineBench.run(sim, attrs, 60_000_000_000L, 1);
            PrintWriter out = spec.commandLine().getOut();
            EngineBench.Run paced = EngineBench.run(sim, attrs,
                    VirtualClock.paced(new WallClock(), 1.0, VirtualClock.paceWindowNs(attrs)), w, d, 1);
            out.println(EngineBench.describe(paced) + "  (simulation paced to the wall clock: a wake-up per "
                    + Units.formatDurationUs(VirtualClock.paceWindowNs(attrs) / 1000) + " window)");
            EngineBench.Run perSample = EngineBench.run(sim, attrs, new WallClock(), w, d, 1);
            out.println(EngineBench.describe(perSample) + "  (a wake-up per sample, as a live target needs)");
            double sleepNs = EngineBench.sleepCpuNs(attrs.sampleUs(), 400);
            double engineShare = Math.max(0, perSample.threadCpuNs() - sleepNs * perSample.samples())
                    / (double) perSample.simulatedNs();
            out.printf(Locale.ROOT, "bare %s sleep: %.1f us of thread CPU each on this machine; per-sample run "
                    + "without that floor: %.3f%% of a core%n", Units.formatDurationUs(attrs.sampleUs()),
                    sleepNs / 1000, 100 * engineShare);
            return 0;
        }
    }

    @Command(name = "scaling", mixinStandardHelpOptions = true,
            description = "Cost at 1 GiB vs 64 TiB, same attributes (forced region count, then defaults).")
    static final class Scaling implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--regions", defaultValue = "1000", description = "Regions to hold (min = max = N).")
        int regions;

        @Option(names = "--duration", defaultValue = "600s", description = "Simulated time per run.")
        String duration;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            long d = CliParsing.durationNs("--duration", duration);
            for (Attributes a : List.of(forcedRegions(regions), Attributes.DAMO_DEFAULTS)) {
                EngineBench.run(EngineBench.synthetic(1L << 30), a, d / 5, 1);
                EngineBench.run(EngineBench.synthetic(64L << 40), a, d / 5, 1);
                EngineBench.Run small = EngineBench.run(EngineBench.synthetic(1L << 30), a, d, 1);
                EngineBench.Run huge = EngineBench.run(EngineBench.synthetic(64L << 40), a, d, 1);
                out.println(EngineBench.describe(small));
                out.println(EngineBench.describe(huge));
                out.printf(Locale.ROOT, "%s: cost per region per sample, 64 TiB / 1 GiB: %.3f%n",
                        a.minNrRegions() == regions ? "min = max = " + regions + " regions" : "default attributes",
                        huge.nsPerRegionSample() / small.nsPerRegionSample());
            }
            return 0;
        }
    }

    @Command(name = "speed", mixinStandardHelpOptions = true,
            description = "Simulated seconds per wall second on the bundled workloads (default attributes).")
    static final class Speed implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            EngineBench.run(EngineBench.builtin("zigzag"), Attributes.DAMO_DEFAULTS, EngineBench.TO_THE_END_NS, 1);
            for (String w : List.of("demo", "zigzag", "stairs")) {
                out.println(EngineBench.describe(EngineBench.run(EngineBench.builtin(w), Attributes.DAMO_DEFAULTS,
                        EngineBench.TO_THE_END_NS, 1)));
            }
            return 0;
        }
    }

    @Command(name = "workloads", mixinStandardHelpOptions = true,
            description = "Every bundled workload to its end, the 1 GiB / 64 TiB pair and 300 regions with DAMOS "
                    + "actions: best of 7 runs each (docs/benchmarks/sim.md).")
    static final class Workloads implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Parameters(paramLabel = "WORKLOAD", arity = "0..*",
                description = "Bundled workloads to run (default: all of them).")
        List<String> names;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            EngineBench.workloads(names == null || names.isEmpty() ? SimWorkloads.names() : names, out);
            out.flush();
            return 0;
        }
    }

    /** {@code jdamon bench trace}: the replay-throughput and eval benchmarks of docs/benchmarks/trace.md. */
    @Command(name = "trace", mixinStandardHelpOptions = true,
            description = "Measure Lackey parsing (lines/s), binary decoding (accesses/s) and eval on a 100M-access trace.")
    static final class Trace implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--lines", paramLabel = "N", defaultValue = "20000000",
                description = "synthetic Lackey lines for the parse benchmarks (default 20M)")
        long lines;

        @Option(names = "--eval-accesses", paramLabel = "N", defaultValue = "100000000",
                description = "accesses of the eval benchmark trace (default 100M; 0 skips it)")
        long evalAccesses;

        @Option(names = "--dir", paramLabel = "DIR", description = "where to put the generated traces (default: a temp dir)")
        Path dir;

        @Override
        public Integer call() throws Exception {
            TraceBench.run(dir, lines, evalAccesses, spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "damo_record", mixinStandardHelpOptions = true,
            description = "Write a damo-format record of a given length (damo's default 5 ms / 100 ms intervals, "
                    + "one target) to benchmark the damo formats with damo and jdamon side by side.")
    static final class DamoRecord implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "File to write.")
        Path output;

        @Option(names = "--duration", defaultValue = "10m", description = "Recorded time: 100 ms snapshots (default: ${DEFAULT-VALUE}).")
        String duration;

        @Option(names = "--regions", defaultValue = "100", description = "Regions per snapshot, at least 20 (default: ${DEFAULT-VALUE}).")
        int regions;

        @Option(names = "--output_type", defaultValue = "json_compressed", paramLabel = "json|json_compressed",
                description = "damo's file type (default: ${DEFAULT-VALUE}).")
        String outputType;

        @Override
        public Integer call() throws Exception {
            long snapshots = CliParsing.durationNs("--duration", duration) / 100_000_000L;
            if (snapshots <= 0 || snapshots > Integer.MAX_VALUE || regions < 20) {
                throw new UserException("--duration must be at least 100ms and --regions at least 20", true);
            }
            boolean compressed = switch (outputType) {
                case "json" -> false;
                case "json_compressed" -> true;
                default -> throw new UserException("--output_type: json or json_compressed, not '" + outputType + "'", true);
            };
            long t0 = System.nanoTime();
            long size = org.jdamon.bench.DamoRecordGenerator.write(output, (int) snapshots, regions, compressed);
            spec.commandLine().getOut().printf(Locale.ROOT, "%s: %s, %d snapshots x %d regions, %d bytes, %.1f s%n",
                    output, outputType, snapshots, regions, size, (System.nanoTime() - t0) / 1e9);
            return 0;
        }
    }
}
