package org.jdamon.report.image;

import java.util.List;

/** A line chart: title, axis labels and formats, and its series. */
public record ChartSpec(
        String title, String xLabel, AxisFormat xFormat, String yLabel, AxisFormat yFormat, List<Series> series) {
    public ChartSpec {
        series = List.copyOf(series);
    }

    /** Colours for successive series. */
    public static final int[] COLORS = {0x1F77B4, 0xD62728, 0x2CA02C, 0xFF7F0E, 0x9467BD, 0x8C564B};
}
