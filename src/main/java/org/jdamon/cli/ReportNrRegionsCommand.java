package org.jdamon.cli;

import java.util.Map;
import org.jdamon.report.Distribution;
import org.jdamon.report.NrRegionsReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jdamon report nr_regions}: distribution of the number of regions per snapshot. */
@Command(name = "nr_regions", mixinStandardHelpOptions = true,
        description = "Show the distribution of the number of monitoring regions (first 20 snapshots skipped).")
final class ReportNrRegionsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RecordInput input;

    @Mixin
    PercentileOptions distribution;

    @Option(names = "--json", description = "Print one JSON object: targets with avg_nr_regions and percentiles.")
    boolean json;

    @Override
    public void run() {
        int[] percentiles = distribution.percentiles();
        Map<Integer, String> damoIds = new java.util.HashMap<>();
        Map<Integer, Distribution> dists = input.stream(spec.commandLine().getErr(), s -> {
            Map<Integer, Distribution> d = NrRegionsReport.distributions(s.header().targets(), s,
                    distribution.sortBySize());
            damoIds.putAll(NrRegionsReport.damoIds(s.header().targets())); // complete once read
            return d;
        });
        spec.commandLine().getOut().print(json ? NrRegionsReport.json(dists, percentiles)
                : NrRegionsReport.text(dists, percentiles, damoIds));
        spec.commandLine().getOut().flush();
    }
}
