package org.jdamon.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jdamon.bench.PicturesBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jdamon bench heatmap}: heatmap PNG and {@code report site} of a synthetic one-hour record. */
@Command(name = "heatmap", mixinStandardHelpOptions = true,
        description = "Wall and CPU time of a heatmap PNG and of report site for a one-hour record "
                + "(36,000 snapshots x 1,000 regions by default).")
final class BenchHeatmapCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--snapshots", defaultValue = "36000", description = "Snapshots (100 ms each).")
    int snapshots;

    @Option(names = "--regions", defaultValue = "1000", description = "Regions per snapshot (at least 20).")
    int regions;

    @Option(names = "--rounds", defaultValue = "3", description = "Repetitions of each measurement.")
    int rounds;

    @Option(names = "--output", paramLabel = "DIR", description = "Keep the pictures in DIR (default: a temporary directory, removed).")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (snapshots <= 0 || regions < 20 || rounds <= 0) {
            throw new UserException("--snapshots and --rounds must be positive, --regions at least 20", true);
        }
        Path dir = output != null ? output : Files.createTempDirectory("jdamon-bench-heatmap-");
        try {
            PicturesBench.run(snapshots, regions, rounds, dir, spec.commandLine().getOut());
        } finally {
            if (output == null) {
                try (var walk = Files.walk(dir)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        return 0;
    }
}
