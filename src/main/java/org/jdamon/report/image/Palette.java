package org.jdamon.report.image;

/**
 * Colour scales for heat: {@link #GNUPLOT} is gnuplot's default pm3d palette (rgbformulae 7,5,15:
 * black, purple, red, yellow), the look of damo's and the DAMON site's heatmaps; the others follow damo's
 * terminal colour sets. {@link #rgb(double)} maps a fraction in [0, 1] to 0xRRGGBB.
 */
public enum Palette {
    GNUPLOT,
    GRAY,
    FLAME,
    EMOTION;

    /** Colour of cells without data. */
    public static final int NO_DATA = 0xFFFFFF;

    public int rgb(double fraction) {
        double x = Math.clamp(Double.isNaN(fraction) ? 0 : fraction, 0.0, 1.0);
        return switch (this) {
            case GNUPLOT -> pack(Math.sqrt(x), x * x * x, Math.max(0, Math.sin(2 * Math.PI * x)));
            case GRAY -> pack(x, x, x);
            case FLAME -> pack(Math.min(1, 2 * x), Math.clamp(2 * x - 1, 0.0, 1.0), Math.clamp(4 * x - 3, 0.0, 1.0));
            case EMOTION -> pack(Math.clamp(2 * x - 1, 0.0, 1.0), 1 - Math.abs(2 * x - 1), Math.clamp(1 - 2 * x, 0.0, 1.0));
        };
    }

    private static int pack(double r, double g, double b) {
        return (channel(r) << 16) | (channel(g) << 8) | channel(b);
    }

    private static int channel(double v) {
        return (int) Math.round(Math.clamp(v, 0.0, 1.0) * 255);
    }
}
