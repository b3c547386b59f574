package org.jdamon.cli;

import org.jdamon.record.Recording;
import org.jdamon.report.SchemesReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jdamon report schemes}: DAMOS stats and the memory state over a record's time. */
@Command(name = "schemes", mixinStandardHelpOptions = true,
        description = "Show what the schemes did and the memory state (RSS, refaults, tiers, slowdown) over time.")
final class ReportSchemesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RecordInput input;

    @Option(names = "--json", description = "One JSON object: summary, final stats per scheme and the timeline.")
    boolean json;

    @Option(names = "--max_rows", defaultValue = "40", paramLabel = "N",
            description = "Rows of the time table, evenly spaced (default: ${DEFAULT-VALUE}; 0 for every aggregation).")
    int maxRows;

    @Override
    public void run() {
        Recording rec = input.load(spec.commandLine().getErr());
        SchemesReport.Summary s = ReportErrors.run(input, () -> SchemesReport.summarize(rec));
        var out = spec.commandLine().getOut();
        out.print(json ? SchemesReport.json(s) : SchemesReport.text(s, maxRows));
        out.flush();
    }
}
