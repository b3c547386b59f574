package org.jdamon.report.image;

/**
 * The drawing surface shared by the PNG and SVG outputs, so a heatmap or chart is drawn by one piece of
 * code: rectangles, lines, text and a block of pixels. Coordinates are pixels from the top-left corner;
 * colours are 0xRRGGBB.
 */
public interface Canvas {
    enum Align {
        LEFT,
        CENTER,
        RIGHT
    }

    int width();

    int height();

    void fillRect(double x, double y, double w, double h, int rgb);

    void strokeRect(double x, double y, double w, double h, int rgb);

    void line(double x1, double y1, double x2, double y2, int rgb, double strokeWidth, boolean dashed);

    void polyline(double[] xs, double[] ys, int n, int rgb, double strokeWidth);

    /** Text with its baseline at {@code y}; {@code vertical} rotates it 90 degrees counter-clockwise. */
    void text(String s, double x, double y, double size, int rgb, Align align, boolean vertical);

    /** Draws {@code w x h} pixels (row-major 0xRRGGBB) into the rectangle at (x, y) of the same size. */
    void pixels(int x, int y, int w, int h, int[] rgb);

    /** Approximate width of {@code s} at {@code size}, for layout. */
    default double textWidth(String s, double size) {
        return s.length() * size * 0.6;
    }
}
