package org.jdamon.report.image;

/**
 * Draws a {@link ChartSpec} as a line chart with points (gnuplot's {@code linespoints}, the style of
 * damo's {@code --plot}): axes from zero (y) with human tick labels, light grid lines, and a legend when
 * there is more than one series.
 */
public final class LineChart {
    public static final int DEFAULT_WIDTH = 720;
    public static final int DEFAULT_HEIGHT = 420;
    static final int MARGIN_LEFT = 84;
    static final int MARGIN_RIGHT = 24;
    static final int MARGIN_TOP = 36;
    static final int MARGIN_BOTTOM = 52;
    private static final int AXIS = 0x202020;
    private static final int GRID = 0xE0E0E0;

    private LineChart() {}

    public static HeatmapImage.Frame frame(int width, int height) {
        return new HeatmapImage.Frame(MARGIN_LEFT, MARGIN_TOP, width - MARGIN_LEFT - MARGIN_RIGHT,
                height - MARGIN_TOP - MARGIN_BOTTOM);
    }

    public static void draw(Canvas c, ChartSpec spec) {
        HeatmapImage.Frame f = frame(c.width(), c.height());
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMax = 0;
        double yMin = 0;
        for (Series s : spec.series()) {
            for (int i = 0; i < s.size(); i++) {
                xMin = Math.min(xMin, s.x()[i]);
                xMax = Math.max(xMax, s.x()[i]);
                yMax = Math.max(yMax, s.y()[i]);
                yMin = Math.min(yMin, s.y()[i]);
            }
        }
        if (xMin == Double.POSITIVE_INFINITY) {
            xMin = 0;
            xMax = 1;
        }
        if (xMax <= xMin) {
            xMax = xMin + 1;
        }
        if (yMax <= yMin) {
            yMax = yMin + 1;
        }
        double[] yTicks = spec.yFormat().ticks(yMin, yMax, 6);
        yMax = Math.max(yMax, yTicks[yTicks.length - 1]);
        c.text(spec.title(), c.width() / 2.0, 22, 14, AXIS, Canvas.Align.CENTER, false);
        for (double v : yTicks) {
            double y = yToPx(f, v, yMin, yMax);
            c.line(f.x(), y, f.x() + f.w(), y, GRID, 1, false);
            c.text(spec.yFormat().format(v), f.x() - 8, y + 4, 11, AXIS, Canvas.Align.RIGHT, false);
        }
        for (double v : spec.xFormat().ticks(xMin, xMax, 8)) {
            double x = xToPx(f, v, xMin, xMax);
            c.line(x, f.y(), x, f.y() + f.h(), GRID, 1, false);
            c.line(x, f.y() + f.h(), x, f.y() + f.h() + 5, AXIS, 1, false);
            c.text(spec.xFormat().format(v), x, f.y() + f.h() + 18, 11, AXIS, Canvas.Align.CENTER, false);
        }
        c.strokeRect(f.x() - 0.5, f.y() - 0.5, f.w() + 1, f.h() + 1, AXIS);
        c.text(spec.xLabel(), f.x() + f.w() / 2.0, c.height() - 10, 12, AXIS, Canvas.Align.CENTER, false);
        c.text(spec.yLabel(), 16, f.y() + f.h() / 2.0, 12, AXIS, Canvas.Align.CENTER, true);
        int k = 0;
        for (Series s : spec.series()) {
            int total = s.size();
            double[] xs = new double[Math.min(total, 4 * f.w() + 4)];
            double[] ys = new double[xs.length];
            int n = project(s, f, xMin, xMax, yMin, yMax, xs, ys);
            c.polyline(xs, ys, n, s.rgb(), 1.5);
            if (total <= 120) {
                for (int i = 0; i < n; i++) {
                    c.fillRect(xs[i] - 2, ys[i] - 2, 4, 4, s.rgb());
                }
            }
            if (spec.series().size() > 1) {
                double ly = f.y() + 14 + 16 * k;
                c.line(f.x() + 10, ly - 4, f.x() + 30, ly - 4, s.rgb(), 2, false);
                c.text(s.name(), f.x() + 36, ly, 11, AXIS, Canvas.Align.LEFT, false);
            }
            k++;
        }
    }

    /**
     * Pixel coordinates of the series; long series keep, per pixel column, the first, minimum, maximum and
     * last point (in x order), so spikes survive and the output stays O(width). Returns the point count.
     */
    static int project(Series s, HeatmapImage.Frame f, double xMin, double xMax, double yMin, double yMax,
            double[] xs, double[] ys) {
        int total = s.size();
        if (total <= xs.length) {
            for (int i = 0; i < total; i++) {
                xs[i] = xToPx(f, s.x()[i], xMin, xMax);
                ys[i] = yToPx(f, s.y()[i], yMin, yMax);
            }
            return total;
        }
        int n = 0;
        int i = 0;
        while (i < total) {
            double px = xToPx(f, s.x()[i], xMin, xMax);
            int column = (int) px;
            int first = i;
            int lo = i;
            int hi = i;
            int last = i;
            while (i < total && (int) xToPx(f, s.x()[i], xMin, xMax) == column) {
                if (s.y()[i] < s.y()[lo]) {
                    lo = i;
                }
                if (s.y()[i] > s.y()[hi]) {
                    hi = i;
                }
                last = i;
                i++;
            }
            int a = Math.min(lo, hi);
            int b = Math.max(lo, hi);
            for (int k : new int[] {first, a, b, last}) {
                if (n > 0 && xs[n - 1] == xToPx(f, s.x()[k], xMin, xMax) && ys[n - 1] == yToPx(f, s.y()[k], yMin, yMax)) {
                    continue;
                }
                if (n == xs.length) {
                    return n;
                }
                xs[n] = xToPx(f, s.x()[k], xMin, xMax);
                ys[n] = yToPx(f, s.y()[k], yMin, yMax);
                n++;
            }
        }
        return n;
    }

    static double xToPx(HeatmapImage.Frame f, double v, double lo, double hi) {
        return f.x() + (v - lo) / (hi - lo) * f.w();
    }

    static double yToPx(HeatmapImage.Frame f, double v, double lo, double hi) {
        return f.y() + f.h() - (v - lo) / (hi - lo) * f.h();
    }
}
