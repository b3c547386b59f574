package org.jdamon.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdamon.core.AddressRange;
import org.jdamon.io.Json;
import org.jdamon.record.RecordSource;
import org.jdamon.record.RememberingSource;
import org.jdamon.record.RecordStream;
import org.jdamon.report.DamoHeatmap;
import org.jdamon.report.heatmap.HeatmapGrid;
import org.jdamon.report.heatmap.HeatmapViews;
import org.jdamon.report.TerminalHeatmap;
import org.jdamon.report.image.HeatmapImage;
import org.jdamon.report.image.Images;
import org.jdamon.report.image.Palette;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code jdamon report heatmap}: damo's heatmap, on the terminal (80x40 digits) or as PNG/SVG images. */
@Command(
        name = "heatmap",
        mixinStandardHelpOptions = true,
        description = {
            "Time x address access-frequency map of a record: an 80x40 digit map on the terminal (coloured "
                    + "when stdout is a terminal), or an image with --output FILE.png|FILE.svg.",
            "Draws the hottest address area by default (--draw_range all: one map per area)."
        })
public final class ReportHeatmapCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    RecordInput input;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Write an image (.png or .svg) instead of the terminal map; 'raw' prints <time ns> <address> <heat> lines.")
    String output;

    @Option(names = "--resol", arity = "2", paramLabel = "N",
            description = "Time and address resolution (cells). Default: 40 80 on the terminal, one cell per pixel for images.")
    int[] resolution;

    @Option(names = "--address_range", arity = "2", paramLabel = "ADDR",
            description = "Address range to draw, START END (hex 0x... or sizes like 1G); repeatable.")
    List<String> addressRanges = new ArrayList<>();

    @Option(names = "--time_range", arity = "2", paramLabel = "TIME",
            description = "Time range to draw since record start, START END (ns, or 2s, 500ms ...).")
    String[] timeRange;

    @Option(names = "--draw_range", paramLabel = "hottest|all", defaultValue = "hottest",
            description = "Which address areas to draw: the hottest (default) or all (name.png, name.1.png, ...).")
    String drawRange;

    @Option(names = "--sort_temperature", description = "Y axis: each snapshot's bytes sorted by temperature, hottest first.")
    boolean sortTemperature;

    @Option(names = "--stdout_colorset", paramLabel = "gray|flame|emotion", defaultValue = "gray",
            description = "Terminal colours (used only when stdout is a terminal).")
    String colorset;

    @Option(names = {"--target_id", "--tid"}, paramLabel = "ID", description = "Target to draw (default: the first).")
    Integer targetId;

    @Option(names = "--image_size", arity = "2", paramLabel = "PX", description = "Image width and height (default 1000 640).")
    int[] imageSize;

    @Option(names = "--json", description = "Print the grid as one JSON object (null = no data).")
    boolean json;

    @Option(names = "--guide", description = "Print damo's guide: per target the time span and the contiguous "
            + "address areas (raw numbers, absolute times), as the defaults of --time_range and --address_range.")
    boolean guide;

    @Option(names = "--df_passed", description = "With --output raw: only the DAMOS-filter-passed share of each "
            + "region's accesses.")
    boolean dfPassed;

    @Option(names = "--abs_time", description = "With --output raw: absolute times (ns since record start becomes "
            + "the recorded clock).")
    boolean absTime;

    @Option(names = "--abs_addr", description = "With --output raw: absolute addresses instead of offsets.")
    boolean absAddr;

    @Override
    public void run() {
        HeatmapViews.DrawRange draw = drawRange();
        List<AddressRange> ranges = ranges();
        long[] times = times();
        TerminalHeatmap.ColorSet colors = colors();
        if (output != null && !output.equals("raw")) {
            try {
                Images.Format.of(Path.of(output));
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage(), true);
            }
        }
        if (guide) {
            String text;
            try {
                text = DamoHeatmap.guideText(input.source(spec.commandLine().getErr()));
            } catch (IllegalArgumentException e) {
                throw new UserException(input.path() + ": " + e.getMessage(), true);
            } catch (IOException e) {
                throw RecordInputs.failure(input.path(), e);
            }
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
            return;
        }
        if ("raw".equals(output) && !json) {
            printDamoRaw(input.source(spec.commandLine().getErr()), draw, ranges, times);
            return;
        }
        boolean image = output != null && !output.equals("raw");
        int width = imageSize != null ? imageSize[0] : HeatmapImage.DEFAULT_WIDTH;
        int height = imageSize != null ? imageSize[1] : HeatmapImage.DEFAULT_HEIGHT;
        if (width < 320 || height < 200 || width > 20000 || height > 20000) {
            throw new UserException("--image_size must be within 320x200 .. 20000x20000", true);
        }
        int[] res = resolution != null ? resolution
                : image ? HeatmapImage.naturalResolution(width, height) : new int[] {40, 80};
        if (res[0] <= 0 || res[1] <= 0 || (long) res[0] * res[1] > 50_000_000L) {
            throw new UserException("--resol must be positive and at most 50M cells: " + res[0] + " " + res[1], true);
        }
        HeatmapViews.Options o = new HeatmapViews.Options(targetId, ranges, times, draw, sortTemperature,
                res[0], res[1]);
        // one pass plans, one per view draws: the passes after the first replay it from memory
        RecordSource source = new RememberingSource(input.source(spec.commandLine().getErr()),
                RememberingSource.DEFAULT_BUDGET_BYTES);
        List<HeatmapViews.View> views;
        try {
            views = HeatmapViews.plan(source, o);
        } catch (IllegalArgumentException e) {
            throw new UserException(input.path() + ": " + e.getMessage(), true);
        } catch (IOException e) {
            throw RecordInputs.failure(input.path(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (image) {
            Path file = Path.of(output);
            try {
                for (Path p : Images.writeHeatmaps(source, views, file, Palette.GNUPLOT, width, height)) {
                    out.println(p);
                }
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage(), true);
            } catch (IOException e) {
                throw new UserException(file + ": " + e.getMessage());
            }
            out.flush();
            return;
        }
        boolean first = true;
        ObjectNode jsonRoot = Json.object();
        ArrayNode jsonHeatmaps = jsonRoot.putArray("heatmaps");
        for (HeatmapViews.View v : views) {
            HeatmapGrid g;
            try (RecordStream s = source.open()) {
                g = HeatmapGrid.build(s, v.spec(), v.layout());
            } catch (IOException e) {
                throw RecordInputs.failure(input.path(), e);
            } catch (java.io.UncheckedIOException e) {
                throw RecordInputs.failure(input.path(), e.getCause());
            }
            if (json) {
                jsonHeatmaps.add(gridJson(v, g));
            } else if (output != null) {
                printRaw(out, g);
            } else {
                if (!first) {
                    out.println();
                }
                out.print(TerminalHeatmap.render(g, colors, Images.HEAT_UNIT));
            }
            first = false;
        }
        if (json) {
            out.println(Json.write(jsonRoot));
        }
        out.flush();
    }

    /** {@code --output raw} with damo's numbers ({@link DamoHeatmap}), 500x500 by default. */
    private void printDamoRaw(RecordSource source, HeatmapViews.DrawRange draw, List<AddressRange> ranges, long[] times) {
        List<long[]> addrs = new ArrayList<>();
        ranges.forEach(r -> addrs.add(new long[] {r.start(), r.end()}));
        int[] res = resolution != null ? resolution
                : new int[] {DamoHeatmap.DEFAULT_RESOLUTION, DamoHeatmap.DEFAULT_RESOLUTION};
        String text;
        try {
            text = DamoHeatmap.rawText(source, new DamoHeatmap.RawOptions(targetId, addrs,
                    draw == HeatmapViews.DrawRange.ALL, times, res[0], res[1], dfPassed, absTime, absAddr));
        } catch (IllegalArgumentException e) {
            throw new UserException(input.path() + ": " + e.getMessage(), true);
        } catch (IOException e) {
            throw RecordInputs.failure(input.path(), e);
        }
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
    }

    private TerminalHeatmap.ColorSet colors() {
        TerminalHeatmap.ColorSet set;
        try {
            set = TerminalHeatmap.ColorSet.valueOf(colorset.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserException("unknown --stdout_colorset '" + colorset + "' (gray, flame, emotion)", true);
        }
        java.io.Console console = System.console();
        boolean terminal = console != null && console.isTerminal() && System.getenv("NO_COLOR") == null;
        return terminal ? set : null;
    }

    private HeatmapViews.DrawRange drawRange() {
        return switch (drawRange.toLowerCase(Locale.ROOT)) {
            case "hottest" -> HeatmapViews.DrawRange.HOTTEST;
            case "all" -> HeatmapViews.DrawRange.ALL;
            default -> throw new UserException("unknown --draw_range '" + drawRange + "' (hottest, all)", true);
        };
    }

    private List<AddressRange> ranges() {
        List<AddressRange> out = new ArrayList<>();
        for (int i = 0; i + 1 < addressRanges.size(); i += 2) {
            long s = CliParsing.address(addressRanges.get(i));
            long e = CliParsing.address(addressRanges.get(i + 1));
            if (Long.compareUnsigned(e, s) <= 0) {
                throw new UserException("--address_range end must be above its start: "
                        + addressRanges.get(i) + " " + addressRanges.get(i + 1), true);
            }
            out.add(new AddressRange(s, e));
        }
        return out;
    }

    private long[] times() {
        if (timeRange == null) {
            return null;
        }
        long s = CliParsing.timeNs(timeRange[0]);
        long e = CliParsing.timeNs(timeRange[1]);
        if (e <= s) {
            throw new UserException("--time_range end must be after its start: " + timeRange[0] + " " + timeRange[1],
                    true);
        }
        return new long[] {s, e};
    }

    private static void printRaw(PrintWriter out, HeatmapGrid g) {
        for (int t = 0; t < g.timeCells(); t++) {
            long time = g.timeStartNs() + (long) (t * g.nsPerCell());
            for (int a = 0; a < g.addrCells(); a++) {
                long addr = g.addrStart() + (long) (a * g.bytesPerCell());
                float h = g.heat(t, a);
                out.printf(Locale.ROOT, "%d\t%d\t%s%n", time, addr, Float.isNaN(h) ? "NaN" : String.format(Locale.ROOT, "%.4f", h));
            }
        }
    }

    /** One grid as JSON; heats to four significant digits, {@code null} where a cell has no data. */
    private static ObjectNode gridJson(HeatmapViews.View v, HeatmapGrid g) {
        ObjectNode o = Json.object()
                .put("name", v.name())
                .put("target_id", v.spec().targetId())
                .put("sorted_by_temperature", v.layout() == HeatmapGrid.Layout.TEMPERATURE)
                .put("time_start_ns", g.timeStartNs())
                .put("time_end_ns", g.timeEndNs())
                .put("address_start", new BigInteger(Long.toUnsignedString(g.addrStart())))
                .put("address_end", new BigInteger(Long.toUnsignedString(g.addrEnd())))
                .put("time_cells", g.timeCells())
                .put("address_cells", g.addrCells())
                .put("max_heat", g.maxHeat())
                .put("heat_unit", Images.HEAT_UNIT);
        ArrayNode heat = o.putArray("heat");
        for (int t = 0; t < g.timeCells(); t++) {
            ArrayNode row = heat.addArray();
            for (int a = 0; a < g.addrCells(); a++) {
                float h = g.heat(t, a);
                if (Float.isNaN(h)) {
                    row.addNull();
                } else {
                    row.add(new BigDecimal(h).round(FOUR_DIGITS).doubleValue());
                }
            }
        }
        return o;
    }

    private static final MathContext FOUR_DIGITS = new MathContext(4);
}
