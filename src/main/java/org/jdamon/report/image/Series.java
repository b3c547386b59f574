package org.jdamon.report.image;

/**
 * One line of a chart: {@code n} points {@code (x[i], y[i])} in the axes' units (for example ns and
 * bytes). The model for every chart: WSS, nr_regions, footprints, and scheme stats from side data.
 */
public record Series(String name, double[] x, double[] y, int rgb) {
    public Series {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series " + name + ": " + x.length + " x values, " + y.length + " y");
        }
    }

    public int size() {
        return x.length;
    }
}
