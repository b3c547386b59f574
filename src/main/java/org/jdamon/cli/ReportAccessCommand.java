package org.jdamon.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jdamon.record.Recording;
import org.jdamon.report.AccessReport;
import org.jdamon.report.AccessStyle;
import org.jdamon.report.DamoFormat;
import org.jdamon.report.RegionOrder;
import org.jdamon.report.SnapshotFilter;
import org.jdamon.report.TemperatureWeights;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jdamon report access}: damo's snapshot viewer, its styles, region order and filters. */
@Command(name = "access", mixinStandardHelpOptions = true,
        description = "Show a snapshot: heatmap strip, regions with access frequency and age, totals; or boxes, "
                + "idle-time/temperature percentiles or size histograms (--style).")
final class ReportAccessCommand implements Runnable {
    enum Color { auto, always, never }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RecordInput input;

    @Option(names = "--snapshot_idx", arity = "1..2", paramLabel = "IDX",
            description = "Snapshot index, or inclusive range START END; negative counts from the end (default: every snapshot, as damo).")
    List<Integer> snapshotIdx;

    @Mixin
    AccessFilterOptions filters;

    @Option(names = "--style", defaultValue = "detailed", paramLabel = "STYLE",
            description = "detailed (default), simple-boxes, recency-percentiles (idle-time-percentiles), "
                    + "temperature-percentiles, recency-sz-hist (cold-memory-tail), temperature-sz-hist, hot, cold.")
    String style;

    @Option(names = "--sort_regions_by", arity = "1..*", paramLabel = "KEY",
            description = "Region order: address (default), access_rate, age, size, temperature; several keys "
                    + "sort one after another (the last decides first).")
    List<String> sortRegionsBy = List.of("address");

    @Option(names = "--sort_regions_dsc", arity = "0..*", paramLabel = "KEY",
            description = "Sort these keys descending (all, or no key: every key).")
    List<String> sortRegionsDsc;

    @Option(names = "--temperature_weights", arity = "3", paramLabel = "INT",
            description = "Temperature weights of size, access rate and age (default: 0 100 100).")
    List<Integer> temperatureWeights = List.of(0, 100, 100);

    @Option(names = "--percentiles_range", arity = "1..*", paramLabel = "N",
            description = "Percentiles of the percentile styles: up to 3 numbers are range(start, stop, step) "
                    + "arguments, more are the percentiles (default: 0 1 25 50 75 99 100).")
    List<Integer> percentilesRange;

    @Option(names = "--total_sz_only", description = "Print only the total size of each snapshot's regions.")
    boolean totalSzOnly;

    @Option(names = "--snapshot_heatmap_width", defaultValue = "80", paramLabel = "N",
            description = "Width of the heatmap strip (default: ${DEFAULT-VALUE}).")
    int heatmapWidth;

    @Option(names = "--color", paramLabel = "WHEN",
            description = "Colour the heatmap strip and the boxes: ${COMPLETION-CANDIDATES} (default: always, as damo "
                    + "does; never when the NO_COLOR environment variable is set; auto: on a terminal).")
    Color color;

    @Option(names = "--raw_number", description = "Machine-friendly raw numbers.")
    boolean rawNumber;

    @Option(names = "--raw_form", description = "Print the selected snapshots in damo's raw form (as 'report raw').")
    boolean rawForm;

    @Option(names = "--json", description = "Print the selected snapshots in damo's JSON record format.")
    boolean json;

    @Option(names = "--snapshot_damos_filter", arity = "1..*", paramLabel = "WORD",
            description = "damo's region-internal DAMOS filters for live snapshots; like damo, ignored for record "
                    + "files, whose own filter results (scheme_filters, sz_filter_passed) are shown.")
    List<String> snapshotDamosFilters;

    /** The last {@code --temperature_weights} given (picocli collects every occurrence). */
    private TemperatureWeights lastWeights() {
        int n = temperatureWeights.size();
        return new TemperatureWeights(temperatureWeights.get(n - 3), temperatureWeights.get(n - 2),
                temperatureWeights.get(n - 1));
    }

    private RegionOrder regionOrder() {
        List<RegionOrder.Key> keys = new ArrayList<>();
        for (String k : sortRegionsBy) {
            keys.add(RegionOrder.Key.parse("--sort_regions_by", k));
        }
        Set<RegionOrder.Key> dsc = EnumSet.noneOf(RegionOrder.Key.class);
        if (sortRegionsDsc != null) {
            if (sortRegionsDsc.isEmpty() || sortRegionsDsc.contains("all")) {
                dsc = EnumSet.allOf(RegionOrder.Key.class);
            } else {
                for (String k : sortRegionsDsc) {
                    dsc.add(RegionOrder.Key.parse("--sort_regions_dsc", k));
                }
            }
        }
        return new RegionOrder(keys, dsc);
    }

    @Override
    public void run() {
        if (snapshotDamosFilters != null) {
            spec.commandLine().getErr().println("jdamon: --snapshot_damos_filter applies to live snapshots; "
                    + "a record shows the DAMOS filter results it was taken with");
        }
        if (heatmapWidth <= 0) {
            throw new UserException("--snapshot_heatmap_width must be positive", true);
        }
        if (color == null) {
            String noColor = System.getenv("NO_COLOR");
            color = noColor != null && !noColor.isEmpty() ? Color.never : Color.always;
        }
        boolean colored = switch (color) {
            case always -> true;
            case never -> false;
            case auto -> System.console() != null && System.console().isTerminal();
        };
        AccessReport.Options o;
        try {
            o = new AccessReport.Options(0, -1, rawNumber, colored, heatmapWidth)
                    .withStyle(AccessStyle.parse(style))
                    .withRegionOrder(regionOrder())
                    .withWeights(lastWeights())
                    .withTotalSizeOnly(totalSzOnly);
            if (percentilesRange != null) {
                o = o.withPercentiles(AccessReport.percentilesRange(percentilesRange));
            }
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), true);
        }
        SnapshotFilter filter = filters.toFilter();
        int first = snapshotIdx == null ? 0 : snapshotIdx.get(0);
        int last = snapshotIdx == null ? -1 : snapshotIdx.get(snapshotIdx.size() - 1);
        if (rawForm && !json) {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            boolean terminal = System.console() != null && System.console().isTerminal();
            try {
                DamoFormat.PagerOutput paged = new DamoFormat.PagerOutput(out);
                java.util.List<String> warnings = AccessReport.writeRawForm(RecordInputs.source(input.path(err)),
                        o.withSnapshotRange(first, last), filter, terminal ? out : paged);
                paged.finish();
                out.flush();
                RecordInputs.printWarnings(input.path(), warnings, err);
            } catch (IOException e) {
                throw RecordInputs.failure(input.path(), e);
            }
            return;
        }
        Recording r = AccessReport.filter(
                input.stream(spec.commandLine().getErr(), s -> AccessReport.select(s, first, last)), filter);
        if (r.snapshots().isEmpty()) {
            throw new UserException(input.path() + ": no snapshot at --snapshot_idx " + first + " " + last
                    + " (or the record holds none, or the region filters left none)", true);
        }
        String out = json ? AccessReport.json(r, o) : rawForm ? AccessReport.rawForm(r, o) : AccessReport.text(r, o);
        boolean terminal = System.console() != null && System.console().isTerminal();
        spec.commandLine().getOut().print(terminal ? out : DamoFormat.asDamoPagerPrints(out));
        spec.commandLine().getOut().flush();
    }
}
