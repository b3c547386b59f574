package org.jdamon.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jdamon.config.DamonArgs;
import org.jdamon.config.KdamondsJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jdamon args ...}: prints complete configurations for partial ones, like {@code damo args}. */
@Command(name = "args", description = "Print complete parameters for the given options.",
        subcommands = {ArgsCommand.Damon.class})
public final class ArgsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** {@code jdamon args damon [options]}: the kdamonds JSON for the monitoring and DAMOS options. */
    @Command(name = "damon", mixinStandardHelpOptions = true,
            description = "Print the complete kdamonds JSON configuration for the given DAMON/DAMOS options.")
    public static final class Damon implements Callable<Integer> {
        @Mixin
        DamosOptions damos;

        @Option(names = "--kdamonds", paramLabel = "FILE", description = "Start from this kdamonds JSON file.")
        Path kdamonds;

        @Option(names = "--ops", paramLabel = "<vaddr|fvaddr|paddr|sim|...>", description = "Operations set.")
        String ops;

        @Option(names = "--target_pid", paramLabel = "<pid>", description = "Process to monitor.")
        Long targetPid;

        @Option(names = {"-r", "--regions"}, arity = "1..*", paramLabel = "<start>-<end>",
                description = "Fixed monitoring regions.")
        List<String> regions = new ArrayList<>();

        @Mixin
        MonitoringOptions monitoring;

        @Option(names = "--preset", paramLabel = "<reclaim|lru_sort>",
                description = "Add the schemes of a kernel module with its defaults: reclaim (DAMON_RECLAIM) or "
                        + "lru_sort (DAMON_LRU_SORT).")
        String preset;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            DamonArgs args = new DamonArgs(kdamonds, ops, targetPid, regions, monitoring::toAttributes, preset,
                    damos.toArgs());
            spec.commandLine().getOut().print(KdamondsJson.write(ConfigErrors.convert(args::toConfig)));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
