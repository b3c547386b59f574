package org.jdamon.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jdamon.ops.sim.MasimConfig;
import org.jdamon.ops.sim.SimWorkloads;
import java.nio.file.Path;
import java.util.Optional;
import org.jdamon.workload.AddressSpaceLayout;
import org.jdamon.workload.NativeWorkload;
import org.jdamon.workload.WorkloadRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jdamon workload run CONFIG}: masim for real. By default in jdamon's native helper (see
 * {@link NativeWorkload}), whose address space is the buffers and little else, so that DAMON's vaddr
 * regions find them as they find masim's; in this JVM ({@link WorkloadRunner}) with {@code --engine jvm},
 * for data files, or when no C compiler is there. stderr says how the address space is laid out (the
 * buffers' share of the mapped bytes); with {@code --verbose} it also gets the pid, every region's
 * address range and each phase's start time, so a monitor's findings can be checked against the truth.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a masim configuration (file or built-in name) with real loads and stores, printing"
                + " accesses/msec per phase like masim.")
public final class WorkloadRunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CONFIG", description = "masim configuration file, or a built-in: demo, zigzag,"
            + " zigzag_30secs, stairs, stairs_30secs, default.")
    String config;

    @Option(names = {"-v", "--verbose"}, description = "Print pid, region addresses and phase starts to stderr.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Do not print the per-phase lines.")
    boolean quiet;

    @Option(names = {"-c", "--repeat"}, paramLabel = "N", defaultValue = "1",
            description = "Run the whole configuration N times (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--nr-accesses-per-region", paramLabel = "N", defaultValue = "131072",
            description = "Accesses per pattern choice, masim's nr_accesses_per_region (default: ${DEFAULT-VALUE}).")
    long accessesPerSelection;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-warm-up", description = "Skip compiling the access loops before the first phase (JVM engine).")
    boolean noWarmUp;

    /** Where the accesses run. */
    enum Engine { AUTO, NATIVE, JVM }

    @Option(names = "--engine", paramLabel = "<auto|native|jvm>", defaultValue = "auto",
            converter = EngineConverter.class,
            description = "native: jdamon's C helper, compiled with cc on first use (its address space is the"
                    + " buffers); jvm: this JVM (hundreds of MiB of reservations around the buffers); auto"
                    + " (default): native when a C compiler is there and no data file is used.")
    Engine engine;

    static final class EngineConverter implements picocli.CommandLine.ITypeConverter<Engine> {
        @Override
        public Engine convert(String v) {
            return switch (v) {
                case "auto" -> Engine.AUTO;
                case "native" -> Engine.NATIVE;
                case "jvm" -> Engine.JVM;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "expected auto, native or jvm, got '" + v + "'");
            };
        }
    }

    @Override
    public Integer call() throws IOException {
        if (repeat < 1) {
            throw new UserException("--repeat must be at least 1", true);
        }
        if (accessesPerSelection < 1) {
            throw new UserException("--nr-accesses-per-region must be at least 1", true);
        }
        MasimConfig cfg = SimWorkloads.load(config).config();
        PrintWriter err = verbose ? spec.commandLine().getErr() : null;
        PrintWriter note = spec.commandLine().getErr();
        long buffers = bufferBytes(cfg);
        if (engine != Engine.JVM) {
            if (!NativeWorkload.supports(cfg)) {
                if (engine == Engine.NATIVE) {
                    throw new UserException("--engine native: the helper takes no data files (use --engine jvm)", true);
                }
            } else {
                StringBuilder why = new StringBuilder();
                Optional<Path> helper = NativeWorkload.helper(why);
                if (helper.isPresent()) {
                    return runNative(helper.get(), cfg, buffers, note);
                }
                if (engine == Engine.NATIVE) {
                    throw new UserException("--engine native: " + why);
                }
                note.println("workload: no native helper (" + why + "); running in this JVM");
            }
        }
        try (WorkloadRunner runner = new WorkloadRunner(cfg, accessesPerSelection, seed)) {
            long pid = ProcessHandle.current().pid();
            if (err != null) {
                err.println("workload: pid " + pid);
                runner.describeRegions().forEach(err::println);
                err.flush();
            }
            AddressSpaceLayout layout = AddressSpaceLayout.of(pid, buffers);
            note.println("workload: pid " + pid + " (this JVM): " + layout.describe()
                    + (layout.bufferShare() < 0.5 ? "; DAMON's vaddr regions will mostly cover the JVM's"
                    + " reservations (the native helper, --engine native, needs a C compiler)" : ""));
            note.flush();
            if (!noWarmUp) {
                long t0 = System.nanoTime();
                runner.warmUp();
                if (err != null) {
                    err.printf("workload: warm-up %d ms%n", (System.nanoTime() - t0) / 1_000_000);
                }
            }
            runner.run(repeat, quiet ? null : spec.commandLine().getOut(), err);
        }
        return 0;
    }

    private int runNative(Path helper, MasimConfig cfg, long buffers, PrintWriter note) throws IOException {
        try {
            int status = NativeWorkload.run(helper, cfg, accessesPerSelection, seed, repeat, verbose, quiet,
                    spec.commandLine().getOut(), note, pid -> announceLayout(pid, buffers, note));
            if (status != 0) {
                throw new IllegalStateException("the native workload helper exited with status " + status);
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** Once the helper has mapped its buffers, one line on how its address space is laid out. */
    private static void announceLayout(long pid, long buffers, PrintWriter note) {
        try {
            for (int tries = 0; tries < 200 && anonymousBytes(pid) < buffers; tries++) {
                Thread.sleep(10);
            }
            AddressSpaceLayout layout = AddressSpaceLayout.of(pid, buffers);
            synchronized (note) {
                note.println("workload: pid " + pid + " (native helper): " + layout.describe());
                note.flush();
            }
        } catch (IOException e) {
            // the helper is already gone; its exit status tells
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long anonymousBytes(long pid) throws IOException {
        long sum = 0;
        for (org.jdamon.ops.linux.procfs.Mapping m : org.jdamon.ops.linux.procfs.ProcMaps.read(pid)) {
            if (m.anonymous()) {
                sum += m.size();
            }
        }
        return sum;
    }

    private static long bufferBytes(MasimConfig cfg) {
        long page = org.jdamon.ops.linux.syscall.Syscalls.pageSize();
        long sum = 0;
        for (MasimConfig.Region r : cfg.regions()) {
            sum += Math.max((r.size() + page - 1) / page * page, page);
        }
        return sum;
    }
}
