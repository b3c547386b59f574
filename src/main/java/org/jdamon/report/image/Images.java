package org.jdamon.report.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdamon.record.LabeledRange;
import org.jdamon.record.MemoryAreasCodec;
import org.jdamon.record.RecordSource;
import org.jdamon.record.RecordStream;
import org.jdamon.record.Recording;
import org.jdamon.report.heatmap.HeatmapGrid;
import org.jdamon.report.heatmap.HeatmapViews;

/**
 * Writes heatmaps and charts to PNG or SVG files chosen by the file extension; several heatmaps of one
 * request go to {@code name.png}, {@code name.1.png}, {@code name.2.png}, ... like damo's
 * {@code --draw_range all}.
 */
public final class Images {
    public static final String HEAT_UNIT = "samples / aggregation";

    private Images() {}

    public enum Format {
        PNG,
        SVG;

        public static Format of(Path file) {
            String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".png")) {
                return PNG;
            }
            if (n.endsWith(".svg")) {
                return SVG;
            }
            throw new IllegalArgumentException(
                    "unsupported image type of " + file + " (use .png or .svg)");
        }
    }

    /** The file for the {@code index}-th image of a request for {@code base}. */
    public static Path numbered(Path base, int index) {
        if (index == 0) {
            return base;
        }
        String n = base.getFileName().toString();
        int dot = n.lastIndexOf('.');
        String name = dot < 0 ? n + "." + index : n.substring(0, dot) + "." + index + n.substring(dot);
        return base.resolveSibling(name);
    }

    /** Draws every view of the options and returns the files written. */
    public static List<Path> writeHeatmaps(Recording rec, HeatmapViews.Options options, Path output, Palette palette,
            int width, int height) throws IOException {
        return writeHeatmaps(RecordSource.of(rec), options, output, palette, width, height);
    }

    /**
     * Like {@link #writeHeatmaps(Recording, HeatmapViews.Options, Path, Palette, int, int)} for a record read
     * one snapshot at a time: a pass to plan, then one per image; memory is the grids, not the record.
     */
    public static List<Path> writeHeatmaps(RecordSource source, HeatmapViews.Options options, Path output,
            Palette palette, int width, int height) throws IOException {
        return writeHeatmaps(source, HeatmapViews.plan(source, options), output, palette, width, height);
    }

    /** Like {@link #writeHeatmaps(RecordSource, HeatmapViews.Options, Path, Palette, int, int)} with the views planned already: one pass per image. */
    public static List<Path> writeHeatmaps(RecordSource source, List<HeatmapViews.View> views, Path output,
            Palette palette, int width, int height) throws IOException {
        Format format = Format.of(output);
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < views.size(); i++) {
            HeatmapViews.View v = views.get(i);
            HeatmapGrid g;
            List<LabeledRange> labels;
            try (RecordStream s = source.open()) {
                g = HeatmapGrid.build(s, v.spec(), v.layout());
                labels = MemoryAreasCodec.latest(s.sideData(), v.spec().targetId());
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            Path file = numbered(output, i);
            writeHeatmap(g, v, palette, format, width, height, file, labels);
            written.add(file);
        }
        return written;
    }

    public static void writeHeatmap(HeatmapGrid g, HeatmapViews.View v, Palette palette, Format format, int width,
            int height, Path file) throws IOException {
        writeHeatmap(g, v, palette, format, width, height, file, List.of());
    }

    /** With guides at {@code labels} (e.g. {@link MemoryAreasCodec#latest} of the record). */
    public static void writeHeatmap(HeatmapGrid g, HeatmapViews.View v, Palette palette, Format format, int width,
            int height, Path file, List<LabeledRange> labels) throws IOException {
        if (format == Format.PNG) {
            PngCanvas c = new PngCanvas(width, height);
            HeatmapImage.draw(c, g, v, palette, HEAT_UNIT, labels);
            c.write(file);
        } else {
            SvgCanvas c = new SvgCanvas(width, height);
            HeatmapImage.draw(c, g, v, palette, HEAT_UNIT, labels);
            Files.writeString(file, c.toSvg(), StandardCharsets.UTF_8);
        }
    }

    public static byte[] heatmapPng(HeatmapGrid g, HeatmapViews.View v, Palette palette, int width, int height) {
        PngCanvas c = new PngCanvas(width, height);
        HeatmapImage.draw(c, g, v, palette, HEAT_UNIT);
        return c.toPngBytes();
    }

    public static String chartSvg(ChartSpec spec, int width, int height) {
        SvgCanvas c = new SvgCanvas(width, height);
        LineChart.draw(c, spec);
        return c.toSvg();
    }

    public static void writeChart(ChartSpec spec, Path file, int width, int height) throws IOException {
        if (Format.of(file) == Format.PNG) {
            PngCanvas c = new PngCanvas(width, height);
            LineChart.draw(c, spec);
            c.write(file);
        } else {
            Files.writeString(file, chartSvg(spec, width, height), StandardCharsets.UTF_8);
        }
    }
}
