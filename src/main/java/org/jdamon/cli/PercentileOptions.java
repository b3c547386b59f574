package org.jdamon.cli;

import java.util.List;
import org.jdamon.report.PercentileTable;
import picocli.CommandLine.Option;

/** damo's {@code --range} and {@code --sortby} of the distribution reports (wss, nr_regions, footprints). */
final class PercentileOptions {
    enum SortBy { size, time }

    @Option(names = {"-r", "--range"}, arity = "3", paramLabel = "N",
            description = "Percentiles to print: start stop step (default: 0 101 25).")
    List<Integer> range;

    @Option(names = {"-s", "--sortby"}, defaultValue = "size", paramLabel = "KEY",
            description = "Sort the values by ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); with time, a "
                    + "percentile is a point in the run.")
    SortBy sortBy;

    /** The percentiles to print, each checked to lie in [0, 100] (a usage error otherwise). */
    int[] percentiles() {
        int[] ps = range == null ? PercentileTable.range(0, 101, 25)
                : PercentileTable.range(range.get(0), range.get(1), range.get(2));
        for (int p : ps) {
            if (p < 0 || p > 100) {
                throw new UserException("--range: percentile " + p + " is outside [0, 100]", true);
            }
        }
        return ps;
    }

    boolean sortBySize() {
        return sortBy == SortBy.size;
    }
}
