package org.jdamon.cli;

import java.util.List;
import org.jdamon.record.Recording;
import org.jdamon.report.RawReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jdamon report raw}: every region of every snapshot, in damo's raw form. */
@Command(name = "raw", mixinStandardHelpOptions = true,
        description = "Print every snapshot's regions in damo's raw form.")
final class ReportRawCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RecordInput input;

    @Option(names = "--duration", arity = "2", paramLabel = "SECONDS",
            description = "Only snapshots starting within [start, end] seconds of the record.")
    List<Double> duration;

    @Option(names = "--raw_number", description = "Machine-friendly raw numbers.")
    boolean rawNumber;

    @Option(names = "--json", description = "Print damo's JSON record format instead.")
    boolean json;

    @Override
    public void run() {
        Recording r = input.loadWithSnapshots(spec.commandLine().getErr());
        RawReport.TimeWindow w = duration == null ? RawReport.TimeWindow.ALL
                : new RawReport.TimeWindow(duration.get(0), duration.get(1));
        spec.commandLine().getOut().print(json ? RawReport.json(r, w) : RawReport.text(r, w, rawNumber));
        spec.commandLine().getOut().flush();
    }
}
