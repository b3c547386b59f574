package org.jdamon.cli;

import java.util.List;
import org.jdamon.record.Recording;
import org.jdamon.report.NrRegionsReport;
import org.jdamon.report.PercentileTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jdamon report nr_regions}: distribution of the number of regions per snapshot. */
@Command(name = "nr_regions", mixinStandardHelpOptions = true,
        description = "Show the distribution of the number of monitoring regions (first 20 snapshots skipped).")
final class ReportNrRegionsCommand implements Runnable {
    enum SortBy { size, time }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RecordInput input;

    @Option(names = {"-r", "--range"}, arity = "3", paramLabel = "N",
            description = "Percentiles to print: start stop step (default: 0 101 25).")
    List<Integer> range;

    @Option(names = {"-s", "--sortby"}, defaultValue = "size", paramLabel = "KEY",
            description = "Sort the values by ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    SortBy sortBy;

    @Option(names = "--json", description = "Print one JSON object: targets with avg_nr_regions and percentiles.")
    boolean json;

    @Override
    public void run() {
        int[] percentiles = range == null ? PercentileTable.range(0, 101, 25)
                : PercentileTable.range(range.get(0), range.get(1), range.get(2));
        for (int p : percentiles) {
            if (p < 0 || p > 100) {
                throw new UserException("--range: percentile " + p + " is outside [0, 100]", true);
            }
        }
        Recording r = input.load(spec.commandLine().getErr());
        boolean bySize = sortBy == SortBy.size;
        spec.commandLine().getOut().print(json ? NrRegionsReport.json(r, percentiles, bySize)
                : NrRegionsReport.text(r, percentiles, bySize));
        spec.commandLine().getOut().flush();
    }
}
