package org.jdamon.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.jdamon.core.Attributes;
import org.jdamon.core.Units;
import org.jdamon.record.files.RecordFiles;
import org.jdamon.record.Recording;
import org.jdamon.report.heatmap.HeatmapGrid;
import org.jdamon.report.heatmap.HeatmapViews;
import org.jdamon.report.TerminalHeatmap;
import org.jdamon.report.WssReport;
import org.jdamon.report.image.HeatmapImage;
import org.jdamon.report.image.Images;
import org.jdamon.report.image.Palette;
import org.jdamon.session.MonitorRun;
import org.jdamon.session.SimSource;

/**
 * The one-command tour: records a bundled simulated workload in virtual time, then shows what DAMON saw
 * of it: the working-set-size percentiles, a terminal heatmap and a PNG heatmap.
 */
public final class Demo {
    private Demo() {}

    /** What the demo wrote. */
    public record Outputs(Path record, Path heatmap, MonitorRun.Result run) {}

    public static Outputs run(String workload, Path record, Path png, PrintStream out, TerminalHeatmap.ColorSet colors)
            throws IOException {
        long wallStart = System.nanoTime();
        MonitorRun.Result r = new MonitorRun(SimSource.load(workload, 0))
                .attributes(Attributes.DAMO_DEFAULTS)
                .output(record)
                .run();
        double wallS = (System.nanoTime() - wallStart) / 1e9;
        out.printf("Recorded the '%s' workload: %s of virtual time in %.1f s of wall time, %d snapshots, %s.%n%n",
                workload, Units.formatDurationUs(r.monitoredNs() / 1000), wallS, r.snapshots(),
                Units.formatSize(r.recordBytes()));
        Recording rec = RecordFiles.read(record);

        out.println("Working set size distribution (jdamon report wss):");
        out.print(WssReport.text(rec, WssReport.Options.DEFAULTS));
        out.println();

        HeatmapViews.Options terminal = HeatmapViews.Options.defaults(40, 80);
        List<HeatmapViews.View> views = HeatmapViews.plan(rec, terminal);
        HeatmapViews.View v = views.getFirst();
        out.println("Access heatmap of the hottest address area, time downwards (jdamon report heatmap):");
        out.print(TerminalHeatmap.render(HeatmapGrid.build(rec.snapshots(), v.spec(), v.layout()), colors,
                Images.HEAT_UNIT));
        out.println();

        int[] res = HeatmapImage.naturalResolution(HeatmapImage.DEFAULT_WIDTH, HeatmapImage.DEFAULT_HEIGHT);
        List<Path> images = Images.writeHeatmaps(rec, HeatmapViews.Options.defaults(res[0], res[1]), png,
                Palette.GNUPLOT, HeatmapImage.DEFAULT_WIDTH, HeatmapImage.DEFAULT_HEIGHT);
        out.printf("Heatmap image: %s%nRecord: %s (try: jdamon report access -i %s)%n", images.getFirst(), record,
                record);
        return new Outputs(record, images.getFirst(), r);
    }
}
