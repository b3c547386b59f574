package org.jdamon.report.image;

import java.util.List;
import org.jdamon.record.LabeledRange;
import org.jdamon.report.heatmap.AddressAreas;
import org.jdamon.report.heatmap.HeatmapGrid;
import org.jdamon.report.heatmap.HeatmapViews;

/**
 * Draws a {@link HeatmapGrid} like damo's gnuplot heatmaps: time on x, address on y (higher addresses
 * up), colour = access frequency, with axes in human units, a colour legend, and dashed guides at the
 * boundaries of the target's address areas and, when given, solid named guides at labelled ranges.
 */
public final class HeatmapImage {
    public static final int DEFAULT_WIDTH = 1000;
    public static final int DEFAULT_HEIGHT = 640;
    static final int MARGIN_LEFT = 96;
    static final int MARGIN_RIGHT = 124;
    static final int MARGIN_TOP = 36;
    static final int MARGIN_BOTTOM = 56;
    private static final int AXIS = 0x202020;
    private static final int GUIDE = 0x00B0FF;
    private static final int LABEL = 0x00E676;

    private HeatmapImage() {}

    /** The plot rectangle inside an image of the given size. */
    public record Frame(int x, int y, int w, int h) {}

    public static Frame frame(int width, int height) {
        return new Frame(MARGIN_LEFT, MARGIN_TOP, width - MARGIN_LEFT - MARGIN_RIGHT,
                height - MARGIN_TOP - MARGIN_BOTTOM);
    }

    /** The grid resolution that gives one cell per plot pixel for an image of this size. */
    public static int[] naturalResolution(int width, int height) {
        Frame f = frame(width, height);
        return new int[] {f.w(), f.h()};
    }

    public static void draw(Canvas c, HeatmapGrid g, HeatmapViews.View view, Palette palette, String heatUnit) {
        draw(c, g, view, palette, heatUnit, List.of());
    }

    /**
     * Like {@link #draw(Canvas, HeatmapGrid, HeatmapViews.View, Palette, String)}, plus solid guides at the
     * edges of {@code labels} (for example a JVM's memory areas from the record's side data), named on the
     * left.
     */
    public static void draw(Canvas c, HeatmapGrid g, HeatmapViews.View view, Palette palette, String heatUnit,
            List<LabeledRange> labels) {
        Frame f = frame(c.width(), c.height());
        float max = g.maxHeat();
        int[] px = new int[f.w() * f.h()];
        int[] colorOf = new int[256];
        for (int i = 0; i < 256; i++) {
            colorOf[i] = palette.rgb(i / 255.0);
        }
        int[] timeCellOfX = new int[f.w()];
        for (int x = 0; x < f.w(); x++) {
            timeCellOfX[x] = (int) Math.min(g.timeCells() - 1, (long) ((x + 0.5) * g.timeCells() / f.w()));
        }
        for (int y = 0; y < f.h(); y++) {
            int a = (int) Math.min(g.addrCells() - 1, (long) ((f.h() - 1 - y + 0.5) * g.addrCells() / f.h()));
            int row = y * f.w();
            for (int x = 0; x < f.w(); x++) {
                float h = g.heat(timeCellOfX[x], a);
                px[row + x] = Float.isNaN(h) ? Palette.NO_DATA
                        : colorOf[max > 0 ? Math.min(255, (int) (h / max * 255 + 0.5f)) : 0];
            }
        }
        c.pixels(f.x(), f.y(), f.w(), f.h(), px);
        c.strokeRect(f.x() - 0.5, f.y() - 0.5, f.w() + 1, f.h() + 1, AXIS);
        c.text(view == null ? "heatmap" : view.name(), c.width() / 2.0, 22, 14, AXIS, Canvas.Align.CENTER, false);

        double spanNs = g.timeEndNs() - g.timeStartNs();
        for (double t : AxisFormat.DURATION_NS.ticks(g.timeStartNs(), g.timeEndNs(), 8)) {
            double x = f.x() + (t - g.timeStartNs()) / spanNs * f.w();
            c.line(x, f.y() + f.h(), x, f.y() + f.h() + 5, AXIS, 1, false);
            c.text(AxisFormat.DURATION_NS.format(t), x, f.y() + f.h() + 18, 11, AXIS, Canvas.Align.CENTER, false);
        }
        c.text("time", f.x() + f.w() / 2.0, f.y() + f.h() + 42, 12, AXIS, Canvas.Align.CENTER, false);

        boolean sorted = view != null && view.layout() == HeatmapGrid.Layout.TEMPERATURE;
        double spanBytes = g.addrEnd() - g.addrStart();
        for (double off : AxisFormat.BYTES.ticks(0, spanBytes, 8)) {
            double y = f.y() + f.h() - off / spanBytes * f.h();
            c.line(f.x() - 5, y, f.x(), y, AXIS, 1, false);
            c.text((sorted || off == 0 ? "" : "+") + AxisFormat.BYTES.format(off), f.x() - 8, y + 4, 11, AXIS,
                    Canvas.Align.RIGHT, false);
        }
        String yTitle = sorted ? "size, hottest first (bottom)"
                : "address - 0x%x (to 0x%x)".formatted(g.addrStart(), g.addrEnd());
        c.text(yTitle, 16, f.y() + f.h() / 2.0, 12, AXIS, Canvas.Align.CENTER, true);

        if (view != null && !sorted) {
            drawGuides(c, f, g, view.allAreas());
        }
        if (!sorted) {
            drawLabels(c, f, g, labels);
        }
        drawLegend(c, f, max, palette, heatUnit);
    }

    private static void drawGuides(Canvas c, Frame f, HeatmapGrid g, List<AddressAreas.Area> areas) {
        long a0 = g.addrStart();
        long a1 = g.addrEnd();
        double spanBytes = a1 - a0;
        for (AddressAreas.Area a : areas) {
            long s = a.range().start();
            long e = a.range().end();
            if (Long.compareUnsigned(e, a0) <= 0 || Long.compareUnsigned(s, a1) >= 0) {
                continue;
            }
            // Offsets from the drawn range's start, clipped to it; unsigned, so the top of the space works.
            double lo = Long.compareUnsigned(s, a0) <= 0 ? 0 : (double) (s - a0);
            double hi = Long.compareUnsigned(e, a1) >= 0 ? spanBytes : (double) (e - a0);
            for (double edge : new double[] {lo, hi}) {
                if (edge > 0 && edge < spanBytes) {
                    double y = f.y() + f.h() - edge / spanBytes * f.h();
                    c.line(f.x(), y, f.x() + f.w(), y, GUIDE, 1, true);
                }
            }
            double mid = f.y() + f.h() - (lo + hi) / 2 / spanBytes * f.h();
            c.text(HeatmapViews.areaName(a, areas.size()), f.x() + f.w() - 4, Math.max(f.y() + 12, mid), 10, GUIDE,
                    Canvas.Align.RIGHT, false);
        }
    }

    /**
     * Solid guides at the edges of labelled ranges inside the drawn address span. Each kind of label
     * ("thread stack" for all thread stacks) is named once, at its first range, or again where a range is
     * tall enough for its own name.
     */
    private static void drawLabels(Canvas c, Frame f, HeatmapGrid g, List<LabeledRange> labels) {
        double spanBytes = (double) (g.addrEnd() - g.addrStart());
        java.util.Set<String> named = new java.util.HashSet<>();
        for (LabeledRange r : labels) {
            if (!r.range().intersects(g.addrStart(), g.addrEnd())) {
                continue;
            }
            double lo = Long.compareUnsigned(r.start(), g.addrStart()) <= 0 ? 0 : (double) (r.start() - g.addrStart());
            double hi = Long.compareUnsigned(r.end(), g.addrEnd()) >= 0 ? spanBytes : (double) (r.end() - g.addrStart());
            double yLo = f.y() + f.h() - lo / spanBytes * f.h();
            double yHi = f.y() + f.h() - hi / spanBytes * f.h();
            for (double edge : new double[] {lo, hi}) {
                if (edge > 0 && edge < spanBytes) {
                    double y = f.y() + f.h() - edge / spanBytes * f.h();
                    c.line(f.x(), y, f.x() + f.w(), y, LABEL, 1, false);
                }
            }
            boolean tall = yLo - yHi >= 12;
            if (named.add(r.kind()) || tall) {
                String text = tall ? r.label() : r.kind();
                c.text(text, f.x() + 4, Math.max(f.y() + 12, Math.min(f.y() + f.h() - 3, (yLo + yHi) / 2 + 4)), 10,
                        LABEL, Canvas.Align.LEFT, false);
            }
        }
    }

    private static void drawLegend(Canvas c, Frame f, float max, Palette palette, String heatUnit) {
        int barX = f.x() + f.w() + 18;
        int barW = 14;
        int[] bar = new int[barW * f.h()];
        for (int y = 0; y < f.h(); y++) {
            int rgb = palette.rgb(1.0 - (y + 0.5) / f.h());
            for (int x = 0; x < barW; x++) {
                bar[y * barW + x] = rgb;
            }
        }
        c.pixels(barX, f.y(), barW, f.h(), bar);
        c.strokeRect(barX - 0.5, f.y() - 0.5, barW + 1, f.h() + 1, AXIS);
        double[] ticks = max > 0 ? AxisFormat.NUMBER.ticks(0, max, 5) : new double[] {0};
        for (double v : ticks) {
            double y = f.y() + f.h() - (max > 0 ? v / max : 0) * f.h();
            c.line(barX + barW, y, barX + barW + 4, y, AXIS, 1, false);
            c.text(AxisFormat.NUMBER.format(v), barX + barW + 7, y + 4, 10, AXIS, Canvas.Align.LEFT, false);
        }
        c.text("access frequency (" + heatUnit + ")", c.width() - 10, f.y() + f.h() / 2.0, 11, AXIS,
                Canvas.Align.CENTER, true);
    }
}
