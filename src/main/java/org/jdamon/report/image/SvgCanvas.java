package org.jdamon.report.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A {@link Canvas} that writes SVG text. Pixel blocks (a heatmap's cells) become one embedded PNG image,
 * which keeps the file small whatever the resolution; everything else is vector.
 */
public final class SvgCanvas implements Canvas {
    private final int width;
    private final int height;
    private final StringBuilder body = new StringBuilder(8192);

    public SvgCanvas(int width, int height) {
        this.width = width;
        this.height = height;
        fillRect(0, 0, width, height, 0xFFFFFF);
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public void fillRect(double x, double y, double w, double h, int rgb) {
        body.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"/>%n",
                x, y, w, h, color(rgb)));
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, int rgb) {
        body.append(String.format(Locale.ROOT,
                "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"none\" stroke=\"%s\"/>%n",
                x, y, w, h, color(rgb)));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double strokeWidth, boolean dashed) {
        body.append(String.format(Locale.ROOT,
                "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" stroke-width=\"%.2f\"%s/>%n",
                x1, y1, x2, y2, color(rgb), strokeWidth, dashed ? " stroke-dasharray=\"4 3\"" : ""));
    }

    @Override
    public void polyline(double[] xs, double[] ys, int n, int rgb, double strokeWidth) {
        body.append("<polyline fill=\"none\" stroke=\"").append(color(rgb))
                .append(String.format(Locale.ROOT, "\" stroke-width=\"%.2f\" stroke-linejoin=\"round\" points=\"", strokeWidth));
        for (int i = 0; i < n; i++) {
            appendNumber(body, xs[i]).append(',');
            appendNumber(body, ys[i]).append(' ');
        }
        body.append("\"/>\n");
    }

    @Override
    public void text(String s, double x, double y, double size, int rgb, Align align, boolean vertical) {
        String anchor = switch (align) {
            case LEFT -> "start";
            case CENTER -> "middle";
            case RIGHT -> "end";
        };
        body.append(String.format(Locale.ROOT,
                "<text x=\"%.2f\" y=\"%.2f\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"%.1f\" fill=\"%s\" text-anchor=\"%s\"%s>",
                x, y, size, color(rgb), anchor,
                vertical ? String.format(Locale.ROOT, " transform=\"rotate(-90 %.2f %.2f)\"", x, y) : ""));
        body.append(org.jdamon.markup.Xml.escape(s)).append("</text>\n");
    }

    @Override
    public void pixels(int x, int y, int w, int h, int[] rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] data = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(rgb, 0, data, 0, w * h);
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", bos);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        body.append(String.format(Locale.ROOT,
                "<image x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" href=\"data:image/png;base64,",
                x, y, w, h));
        body.append(Base64.getEncoder().encodeToString(bos.toByteArray())).append("\"/>\n");
    }

    public String toSvg() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + String.format(Locale.ROOT,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">%n",
                        width, height, width, height)
                + body + "</svg>\n";
    }

    /** Appends {@code v} with at most two decimals, without String.format's cost (charts have many points). */
    static StringBuilder appendNumber(StringBuilder sb, double v) {
        long hundredths = Math.round(v * 100);
        if (hundredths < 0) {
            sb.append('-');
            hundredths = -hundredths;
        }
        sb.append(hundredths / 100);
        long frac = hundredths % 100;
        if (frac != 0) {
            sb.append('.').append(frac / 10);
            if (frac % 10 != 0) {
                sb.append(frac % 10);
            }
        }
        return sb;
    }

    private static String color(int rgb) {
        return String.format("#%06x", rgb & 0xFFFFFF);
    }
}
