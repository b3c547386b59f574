package org.jdamon.cli;

import org.jdamon.record.Recording;
import org.jdamon.report.DamonReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jdamon report damon}: the DAMON/DAMOS configuration of a record and each scheme's final stats. */
@Command(name = "damon", mixinStandardHelpOptions = true,
        description = "Show the DAMON/DAMOS configuration a record was made with and the schemes' statistics.")
final class ReportDamonCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RecordInput input;

    @Option(names = "--json", description = "The kdamonds JSON, with a stats object per scheme.")
    boolean json;

    @Override
    public void run() {
        Recording rec = input.load(spec.commandLine().getErr());
        String text = ReportErrors.run(input, () -> json ? DamonReport.json(rec) : DamonReport.text(rec));
        var out = spec.commandLine().getOut();
        out.print(text);
        out.flush();
    }
}
