package org.jdamon.cli;

import java.util.List;
import org.jdamon.record.Recording;
import org.jdamon.report.AccessReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jdamon report access}: damo's detailed snapshot view. */
@Command(name = "access", mixinStandardHelpOptions = true,
        description = "Show a snapshot: heatmap strip, regions with access frequency and age, totals.")
final class ReportAccessCommand implements Runnable {
    enum Color { auto, always, never }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RecordInput input;

    @Option(names = "--snapshot_idx", arity = "1..2", paramLabel = "IDX",
            description = "Snapshot index, or inclusive range START END; negative counts from the end (default: -1, the last).")
    List<Integer> snapshotIdx;

    @Option(names = "--snapshot_heatmap_width", defaultValue = "80", paramLabel = "N",
            description = "Width of the heatmap strip (default: ${DEFAULT-VALUE}).")
    int heatmapWidth;

    @Option(names = "--color", defaultValue = "auto", paramLabel = "WHEN",
            description = "Colour the heatmap strip: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, i.e. on a terminal).")
    Color color;

    @Option(names = "--raw_number", description = "Machine-friendly raw numbers.")
    boolean rawNumber;

    @Option(names = "--raw_form", description = "Print the selected snapshots in damo's raw form (as 'report raw').")
    boolean rawForm;

    @Option(names = "--json", description = "Print the selected snapshots in damo's JSON record format.")
    boolean json;

    @Override
    public void run() {
        if (heatmapWidth <= 0) {
            throw new UserException("--snapshot_heatmap_width must be positive", true);
        }
        int first = snapshotIdx == null ? -1 : snapshotIdx.get(0);
        int last = snapshotIdx == null ? -1 : snapshotIdx.get(snapshotIdx.size() - 1);
        Recording r = input.stream(spec.commandLine().getErr(), s -> AccessReport.select(s, first, last));
        if (r.snapshots().isEmpty()) {
            throw new UserException(input.input + ": no snapshot at --snapshot_idx " + first + " " + last
                    + " (or the record holds none)");
        }
        boolean colored = switch (color) {
            case always -> true;
            case never -> false;
            case auto -> System.console() != null && System.console().isTerminal();
        };
        AccessReport.Options o = new AccessReport.Options(0, -1, rawNumber, colored, heatmapWidth);
        String out = json ? AccessReport.json(r, o) : rawForm ? AccessReport.rawForm(r, o) : AccessReport.text(r, o);
        spec.commandLine().getOut().print(out);
        spec.commandLine().getOut().flush();
    }
}
