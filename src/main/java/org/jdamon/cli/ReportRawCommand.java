package org.jdamon.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.jdamon.record.RecordSource;
import org.jdamon.record.RecordStream;
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
        RawReport.TimeWindow w = duration == null ? RawReport.TimeWindow.ALL
                : new RawReport.TimeWindow(duration.get(0), duration.get(1));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (json) {
            out.print(RawReport.json(input.loadWithSnapshots(err), w));
            out.flush();
            return;
        }
        RecordSource source = RecordInputs.source(input.path(err));
        try {
            try (RecordStream s = source.open()) {
                RecordInputs.noteAccessPrimitive(input.path(), s.header(), err);
                if (s.nextSnapshot() == null) {
                    RecordInputs.printWarnings(input.path(), s.warnings(), err);
                    throw new UserException(input.path() + ": the record holds no snapshot", true);
                }
            }
            List<String> warnings = RawReport.write(source, w, rawNumber, out);
            out.flush();
            RecordInputs.printWarnings(input.path(), warnings, err);
        } catch (IOException e) {
            throw RecordInputs.failure(input.path(), e);
        }
    }
}
