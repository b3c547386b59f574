package org.jdamon.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdamon.config.DamonArgs;
import org.jdamon.config.KdamondsConfig;
import org.jdamon.ops.kernel.ConfigToSysfs;
import org.jdamon.ops.kernel.KdamondSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The DAMON/DAMOS options of {@code start}, {@code tune} and {@code args damon}, like damo's: a deducible target (a pid or
 * {@code paddr}), {@code --kdamonds FILE}, monitoring and {@code --damos_*} options, presets.
 */
final class KernelConfigOptions {
    @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET",
            description = "A process id, or 'paddr' for the physical address space.")
    String target;

    @Option(names = "--kdamonds", paramLabel = "FILE", description = "Start from this kdamonds JSON file.")
    Path kdamonds;

    @Option(names = "--ops", paramLabel = "<vaddr|fvaddr|paddr>", description = "Operations set.")
    String ops;

    @Option(names = "--target_pid", paramLabel = "<pid>", description = "Process to monitor.")
    Long targetPid;

    @Option(names = {"-r", "--regions"}, arity = "1..*", paramLabel = "<start>-<end>",
            description = "Fixed monitoring regions (fvaddr for a process, or parts of paddr).")
    List<String> regions = new ArrayList<>();

    @Option(names = "--preset", paramLabel = "<reclaim|lru_sort>",
            description = "Add the schemes of a kernel module with its defaults.")
    String preset;

    @Option(names = "--pause_ctx", description = "Start (or tune) the context paused: the kdamond stays, but "
            + "neither monitors nor applies schemes until resumed (kernel with contexts/<C>/pause, mm.git).")
    boolean pauseCtx;

    @Mixin
    MonitoringOptions monitoring;

    @Mixin
    DamosOptions damos;

    KdamondsConfig config() {
        return config(true);
    }

    /** The complete configuration; {@code requireTarget} for commands that start monitoring. */
    KdamondsConfig config(boolean requireTarget) {
        Long pid = targetPid;
        String operations = ops;
        if (target != null) {
            if (target.equals("paddr")) {
                operations = operations == null ? "paddr" : operations;
            } else {
                try {
                    pid = Long.parseLong(target);
                } catch (NumberFormatException e) {
                    throw new UserException("TARGET must be a process id or 'paddr', not '" + target + "'", true);
                }
            }
        }
        if (requireTarget && pid == null && kdamonds == null && !"paddr".equals(operations)) {
            throw new UserException("give a target: a process id, 'paddr', --target_pid or --kdamonds FILE", true);
        }
        RegionsOption.parse(regions);
        DamonArgs args = new DamonArgs(kdamonds, operations, pid, regions, monitoring::toAttributes, preset,
                damos.toArgs());
        KdamondsConfig cfg = ConfigErrors.convert(args::toConfig);
        if ("paddr".equals(operations) && cfg.kdamonds().getFirst().contexts().getFirst().targets().isEmpty()) {
            KdamondsConfig.Context c = cfg.kdamonds().getFirst().contexts().getFirst();
            c = new KdamondsConfig.Context(c.ops(), c.addrUnit(),
                    List.of(new KdamondsConfig.TargetConfig(null, false, List.of())), c.intervals(), c.nrRegions(),
                    c.pause(), c.schemes());
            cfg = KdamondsConfig.single(c);
        }
        if (pauseCtx) {
            KdamondsConfig.Kdamond k = cfg.kdamonds().getFirst();
            cfg = new KdamondsConfig(List.of(new KdamondsConfig.Kdamond(k.refreshMs(),
                    List.of(k.contexts().getFirst().withPause(true)))));
        }
        return cfg;
    }

    List<KdamondSpec> specs() {
        return ConfigToSysfs.kdamonds(config());
    }
}
