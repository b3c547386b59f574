package org.jdamon.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jdamon.ops.sim.MasimConfig;
import org.jdamon.ops.sim.SimWorkloads;
import org.jdamon.workload.WorkloadRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jdamon workload run CONFIG}: masim for real in this process (see {@link WorkloadRunner}). With
 * {@code --verbose}, stderr gets the pid, every region's address range and each phase's start time, so a
 * monitor's findings can be checked against the truth.
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

    @Option(names = "--no-warm-up", description = "Skip compiling the access loops before the first phase.")
    boolean noWarmUp;

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
        try (WorkloadRunner runner = new WorkloadRunner(cfg, accessesPerSelection, seed)) {
            if (err != null) {
                err.println("workload: pid " + ProcessHandle.current().pid());
                runner.describeRegions().forEach(err::println);
                err.flush();
            }
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
}
