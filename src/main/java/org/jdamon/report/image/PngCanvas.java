package org.jdamon.report.image;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** A {@link Canvas} on a Java2D RGB image, written as PNG. */
public final class PngCanvas implements Canvas {
    private final BufferedImage image;
    private final Graphics2D g;
    private final int[] data;

    public PngCanvas(int width, int height) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
    }

    public BufferedImage image() {
        return image;
    }

    @Override
    public int width() {
        return image.getWidth();
    }

    @Override
    public int height() {
        return image.getHeight();
    }

    @Override
    public void fillRect(double x, double y, double w, double h, int rgb) {
        g.setColor(new Color(rgb));
        g.fill(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, int rgb) {
        g.setColor(new Color(rgb));
        g.setStroke(new BasicStroke(1f));
        g.draw(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double strokeWidth, boolean dashed) {
        g.setColor(new Color(rgb));
        g.setStroke(dashed
                ? new BasicStroke((float) strokeWidth, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {4f, 3f}, 0f)
                : new BasicStroke((float) strokeWidth));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(double[] xs, double[] ys, int n, int rgb, double strokeWidth) {
        if (n == 0) {
            return;
        }
        Path2D.Double p = new Path2D.Double(Path2D.WIND_NON_ZERO, n);
        p.moveTo(xs[0], ys[0]);
        for (int i = 1; i < n; i++) {
            p.lineTo(xs[i], ys[i]);
        }
        g.setColor(new Color(rgb));
        g.setStroke(new BasicStroke((float) strokeWidth, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(p);
    }

    @Override
    public void text(String s, double x, double y, double size, int rgb, Align align, boolean vertical) {
        g.setColor(new Color(rgb));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(size)));
        double w = g.getFontMetrics().stringWidth(s);
        double dx = switch (align) {
            case LEFT -> 0;
            case CENTER -> -w / 2;
            case RIGHT -> -w;
        };
        if (vertical) {
            AffineTransform saved = g.getTransform();
            g.translate(x, y);
            g.rotate(-Math.PI / 2);
            g.drawString(s, (float) dx, 0f);
            g.setTransform(saved);
        } else {
            g.drawString(s, (float) (x + dx), (float) y);
        }
    }

    @Override
    public void pixels(int x, int y, int w, int h, int[] rgb) {
        int iw = image.getWidth();
        for (int row = 0; row < h; row++) {
            int py = y + row;
            if (py < 0 || py >= image.getHeight()) {
                continue;
            }
            int x0 = Math.max(0, x);
            int x1 = Math.min(iw, x + w);
            if (x1 > x0) {
                System.arraycopy(rgb, row * w + (x0 - x), data, py * iw + x0, x1 - x0);
            }
        }
    }

    @Override
    public double textWidth(String s, double size) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(size)));
        return g.getFontMetrics().stringWidth(s);
    }

    public void write(OutputStream out) {
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            ImageIO.write(image, "png", out);
        }
    }

    public byte[] toPngBytes() {
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
        write(bos);
        return bos.toByteArray();
    }
}
