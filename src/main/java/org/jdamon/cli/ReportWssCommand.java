package org.jdamon.cli;

import java.util.Map;
import org.jdamon.report.Distribution;
import org.jdamon.report.WorkingSetSize;
import org.jdamon.report.WssReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jdamon report wss}: damo's working-set-size percentile table. */
@Command(name = "wss", mixinStandardHelpOptions = true,
        description = "Show the distribution of the working set size.")
final class ReportWssCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RecordInput input;

    @Mixin
    PercentileOptions distribution;

    @Option(names = "--exclude_samples", defaultValue = "20", paramLabel = "N",
            description = "Number of first snapshots to exclude (default: ${DEFAULT-VALUE}).")
    int excludeSamples;

    @Option(names = {"-t", "--acc_thres"}, defaultValue = "1", paramLabel = "N",
            description = "Minimum nr_accesses (samples) of working-set regions (default: ${DEFAULT-VALUE}).")
    int accThres;

    @Option(names = "--sz_thres", defaultValue = "1", paramLabel = "SIZE",
            converter = CliParsing.SizeConverter.class,
            description = "Minimum size of working-set regions, e.g. 4K (default: ${DEFAULT-VALUE}).")
    long szThres;

    @Option(names = "--nr_cols_bar", defaultValue = "59", paramLabel = "N",
            description = "Columns of the bars (default: ${DEFAULT-VALUE}; 0 for none).")
    int nrColsBar;

    @Option(names = "--work_time", paramLabel = "US",
            description = "Supposed time of one unit of work in microseconds: snapshots are merged into windows "
                    + "this long before their working set is taken (default: each snapshot alone).")
    Long workTimeUs;

    @Option(names = "--raw_number", description = "Machine-friendly raw numbers.")
    boolean rawNumber;

    @Option(names = "--all_wss", description = "Print every value instead of percentiles.")
    boolean allWss;

    @Option(names = "--per_target", description = "One table per target (default: targets collapsed, like damo).")
    boolean perTarget;

    @Option(names = "--collapse_targets", description = "Sum the targets into one table (the default).")
    boolean collapseTargets;

    @Option(names = "--json", description = "Print one JSON object: targets with avg_bytes and percentiles.")
    boolean json;

    @Override
    public void run() {
        if (perTarget && collapseTargets) {
            throw new UserException("--per_target and --collapse_targets exclude each other", true);
        }
        if (excludeSamples < 0) {
            throw new UserException("--exclude_samples must not be negative", true);
        }
        int[] percentiles = distribution.percentiles();
        WorkingSetSize wss = new WorkingSetSize(accThres, szThres, excludeSamples);
        WssReport.Options o = new WssReport.Options(wss, percentiles, distribution.sortBySize(), rawNumber, allWss,
                perTarget, nrColsBar);
        if (workTimeUs != null && workTimeUs <= 0) {
            throw new UserException("--work_time must be positive", true);
        }
        Map<Integer, Distribution> dists = input.stream(spec.commandLine().getErr(),
                s -> workTimeUs == null ? WssReport.distributions(s, o) : WssReport.distributions(s, o, workTimeUs));
        spec.commandLine().getOut().print(json ? WssReport.json(dists, o) : WssReport.text(dists, o));
        spec.commandLine().getOut().flush();
    }
}
