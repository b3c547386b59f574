package org.jdamon.report.profile;

import java.util.List;
import org.jdamon.profile.Profile;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;
import org.jdamon.report.TimeWindow;
import org.jdamon.report.WorkingSetSize;
import org.jdamon.report.image.AxisFormat;
import org.jdamon.report.image.Canvas;
import org.jdamon.report.image.PngCanvas;
import org.jdamon.report.image.SvgCanvas;

/**
 * The profile timeline picture: the working set size over time on top ({@link WorkingSetSize}, the numbers of
 * {@code report wss}), drawn as steps over each snapshot's window, the time windows matching the report's
 * filters shaded, and below it a flame chart of the most frequent call stack per time bucket
 * ({@link FlameBand}), outermost frame on top, each function in its own colour and named where it fits, so
 * a jump in the working set lines up with the functions that ran then. Drawn on a {@link Canvas} (PNG or
 * SVG) like the other pictures.
 */
public final class ProfileTimeline {
    public static final int DEFAULT_WIDTH = 1000;
    static final int LEFT = 84;
    static final int RIGHT = 20;
    static final int TOP = 36;
    static final int WSS_HEIGHT = 220;
    static final int GAP = 44;
    static final int ROW = 18;
    static final int BOTTOM = 40;
    static final int BUCKET_PX = 4;
    static final int MIN_SAMPLES_PER_BUCKET = 4;
    static final int WINDOW = 0xFFF2B3;
    private static final int AXIS = 0x202020;
    private static final int GRID = 0xE0E0E0;
    private static final int LINE = 0x1F77B4;

    private ProfileTimeline() {}

    /** What the picture shows: its time span, per-snapshot WSS of one target, and the stack band. */
    public record Layout(long startNs, long endNs, long[] snapshotStartNs, long[] snapshotEndNs, long[] wss,
            FlameBand band, List<TimeWindow> windows) {}

    public static Layout layout(Recording rec, int targetId, Profile profile, List<TimeWindow> windows, int width,
            int maxRows) {
        List<Snapshot> snaps = rec.snapshots();
        long start = snaps.isEmpty() ? 0 : snaps.getFirst().startNs();
        long end = snaps.isEmpty() ? 1 : snaps.getLast().endNs();
        if (!profile.isEmpty()) {
            start = Math.min(start, Math.max(0, profile.samples().getFirst().timeNs()));
            end = Math.max(end, profile.samples().getLast().timeNs() + 1);
        }
        long[] starts = new long[snaps.size()];
        long[] ends = new long[snaps.size()];
        for (int i = 0; i < snaps.size(); i++) {
            starts[i] = snaps.get(i).startNs();
            ends[i] = snaps.get(i).endNs();
        }
        long[] wss = new long[snaps.size()];
        for (int i = 0; i < snaps.size(); i++) {
            TargetSnapshot t = snaps.get(i).target(targetId);
            wss[i] = t == null ? 0 : WorkingSetSize.DAMO_DEFAULT.of(t);
        }
        // at most one bucket per BUCKET_PX pixels, and about MIN_SAMPLES_PER_BUCKET samples per bucket so a
        // steady phase does not break into gaps between samples
        int buckets = Math.max(1, Math.min((width - LEFT - RIGHT) / BUCKET_PX,
                profile.samples().size() / MIN_SAMPLES_PER_BUCKET));
        return new Layout(start, end, starts, ends, wss, FlameBand.of(profile, start, end, buckets, maxRows), windows);
    }

    public static int height(Layout l) {
        return TOP + WSS_HEIGHT + GAP + Math.max(1, l.band().rows()) * ROW + BOTTOM;
    }

    public static byte[] png(Layout l, String title, int width) {
        PngCanvas c = new PngCanvas(width, height(l));
        draw(c, l, title);
        return c.toPngBytes();
    }

    public static String svg(Layout l, String title, int width) {
        SvgCanvas c = new SvgCanvas(width, height(l));
        draw(c, l, title);
        return c.toSvg();
    }

    public static void draw(Canvas c, Layout l, String title) {
        int plotW = c.width() - LEFT - RIGHT;
        double span = l.endNs() - l.startNs();
        int bandTop = TOP + WSS_HEIGHT + GAP;
        int bandH = Math.max(1, l.band().rows()) * ROW;
        c.text(title, c.width() / 2.0, 22, 14, AXIS, Canvas.Align.CENTER, false);

        for (TimeWindow w : l.windows()) {
            double x0 = LEFT + (w.startNs() - l.startNs()) / span * plotW;
            double x1 = LEFT + (w.endNs() - l.startNs()) / span * plotW;
            c.fillRect(x0, TOP, Math.max(1, x1 - x0), WSS_HEIGHT, WINDOW);
            c.fillRect(x0, bandTop, Math.max(1, x1 - x0), bandH, WINDOW);
        }

        long maxWss = 1;
        for (long v : l.wss()) {
            maxWss = Math.max(maxWss, v);
        }
        double[] ticks = AxisFormat.BYTES.ticks(0, maxWss, 5);
        double yMax = Math.max(maxWss * 1.05, ticks[ticks.length - 1]); // headroom: a full WSS stays off the frame
        for (double v : ticks) {
            double y = TOP + WSS_HEIGHT - v / yMax * WSS_HEIGHT;
            c.line(LEFT, y, LEFT + plotW, y, GRID, 1, false);
            c.text(AxisFormat.BYTES.format(v), LEFT - 6, y + 4, 11, AXIS, Canvas.Align.RIGHT, false);
        }
        int n = l.wss().length;
        if (n > 0) {
            double[] xs = new double[2 * n];
            double[] ys = new double[2 * n];
            for (int i = 0; i < n; i++) {
                double y = TOP + WSS_HEIGHT - l.wss()[i] / yMax * WSS_HEIGHT;
                xs[2 * i] = LEFT + (l.snapshotStartNs()[i] - l.startNs()) / span * plotW;
                xs[2 * i + 1] = LEFT + (l.snapshotEndNs()[i] - l.startNs()) / span * plotW;
                ys[2 * i] = y;
                ys[2 * i + 1] = y;
            }
            c.polyline(xs, ys, 2 * n, LINE, 1.5);
        }
        c.strokeRect(LEFT, TOP, plotW, WSS_HEIGHT, AXIS);
        c.text("working set size", 16, TOP + WSS_HEIGHT / 2.0, 12, AXIS, Canvas.Align.CENTER, true);
        c.text("most frequent call stack per " + AxisFormat.DURATION_NS.format(span / l.band().buckets())
                + " (outermost frame on top)", LEFT, bandTop - 8, 11, AXIS, Canvas.Align.LEFT, false);

        int buckets = l.band().buckets();
        for (FlameBand.Cell cell : l.band().cells()) {
            double x0 = LEFT + (double) cell.fromBucket() / buckets * plotW;
            double x1 = LEFT + (double) cell.toBucket() / buckets * plotW;
            double y = bandTop + cell.row() * ROW;
            c.fillRect(x0, y, Math.max(1, x1 - x0), ROW - 1, colorOf(cell.frame()));
            String label = fitted(c, cell.frame(), x1 - x0 - 4);
            if (!label.isEmpty()) {
                c.text(label, x0 + 2, y + ROW - 5, 11, AXIS, Canvas.Align.LEFT, false);
            }
        }
        c.strokeRect(LEFT, bandTop, plotW, bandH, AXIS);
        if (l.band().cells().isEmpty()) {
            c.text("no call-stack samples", LEFT + plotW / 2.0, bandTop + bandH / 2.0 + 4, 11, AXIS,
                    Canvas.Align.CENTER, false);
        }

        int axisY = bandTop + bandH;
        for (double t : AxisFormat.DURATION_NS.ticks(l.startNs(), l.endNs(), 8)) {
            double x = LEFT + (t - l.startNs()) / span * plotW;
            c.line(x, axisY, x, axisY + 4, AXIS, 1, false);
            c.text(AxisFormat.DURATION_NS.format(t), x, axisY + 17, 11, AXIS, Canvas.Align.CENTER, false);
        }
        c.text("time since record start", LEFT + plotW / 2.0, axisY + 33, 12, AXIS, Canvas.Align.CENTER, false);
    }

    /** A stable light colour per function name (flame-graph warm hues). */
    static int colorOf(String frame) {
        int h = frame.hashCode() * 0x9E3779B1;
        int r = Math.min(255, 205 + ((h >>> 8) & 0x31));
        int g = 100 + ((h >>> 16) & 0x7F);
        int b = 40 + ((h >>> 24) & 0x3F);
        return r << 16 | g << 8 | b;
    }

    /** The name, else its part after the last '.', else nothing, whichever fits {@code px}. */
    private static String fitted(Canvas c, String s, double px) {
        if (c.textWidth(s, 11) <= px) {
            return s;
        }
        int dot = s.lastIndexOf('.');
        String shortName = dot > 0 && dot < s.length() - 1 ? s.substring(dot + 1) : s;
        return c.textWidth(shortName, 11) <= px ? shortName : "";
    }
}
