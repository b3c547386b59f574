package org.jdamon.cli;

import java.nio.file.Path;
import java.util.List;
import org.jdamon.config.DamonArgs;
import org.jdamon.session.SchemeSetup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** DAMOS for commands that run jdamon's engine: damo's {@code --damos_*} options, a kdamonds file, presets. */
public final class SchemeOptions {
    @Mixin
    DamosOptions damos;

    @Option(names = "--kdamonds", paramLabel = "FILE",
            description = "Monitoring attributes and schemes from a kdamonds JSON file (see 'jdamon args damon').")
    Path kdamonds;

    @Option(names = "--preset", paramLabel = "<reclaim|lru_sort>",
            description = "Add a kernel module's schemes with its defaults: reclaim (DAMON_RECLAIM) or lru_sort "
                    + "(DAMON_LRU_SORT).")
    String preset;

    SchemeSetup setup(MonitoringOptions monitoring) {
        return ConfigErrors.convert(() -> SchemeSetup.of(new DamonArgs(kdamonds, null, null, List.of(),
                monitoring::toAttributes, preset, damos.toArgs())));
    }
}
