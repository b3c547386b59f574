package org.jdamon.report.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineChartTest {
    @Test
    void longSeriesAreReducedPerPixelColumnButKeepSpikes() {
        // 100,000 points at y = 0 with one spike of 1000 at x = 61,234: the projection must stay within
        // 4 points per column and still reach the spike's pixel row (the top of the plot, y = frame.y).
        int n = 100_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        y[61_234] = 1000;
        HeatmapImage.Frame f = LineChart.frame(720, 420);
        double[] xs = new double[4 * f.w() + 4];
        double[] ys = new double[xs.length];
        int m = LineChart.project(new Series("s", x, y, 0), f, 0, n - 1, 0, 1000, xs, ys);
        assertThat(m).isLessThanOrEqualTo(xs.length).isGreaterThan(f.w() / 2);
        double top = Double.MAX_VALUE;
        double topX = 0;
        for (int i = 0; i < m; i++) {
            if (ys[i] < top) {
                top = ys[i];
                topX = xs[i];
            }
        }
        assertThat(top).isEqualTo(f.y());
        assertThat(topX).isCloseTo(f.x() + 61_234.0 / (n - 1) * f.w(), org.assertj.core.api.Assertions.within(1e-6));
        // Points stay in x order, so the polyline does not zig-zag backwards.
        for (int i = 1; i < m; i++) {
            assertThat(xs[i]).isGreaterThanOrEqualTo(xs[i - 1]);
        }
    }

    @Test
    void svgNumbersKeepTwoDecimals() {
        assertThat(SvgCanvas.appendNumber(new StringBuilder(), 12.345).toString()).isEqualTo("12.35");
        assertThat(SvgCanvas.appendNumber(new StringBuilder(), -0.5).toString()).isEqualTo("-0.5");
        assertThat(SvgCanvas.appendNumber(new StringBuilder(), 7.0).toString()).isEqualTo("7");
        assertThat(SvgCanvas.appendNumber(new StringBuilder(), 3.05).toString()).isEqualTo("3.05");
    }
}
