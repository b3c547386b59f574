package org.jdamon.report.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jdamon.report.TestRecords.MIB;
import static org.jdamon.report.TestRecords.SEC;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jdamon.record.Recording;
import org.jdamon.report.heatmap.HeatmapViews;
import org.jdamon.report.TestRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class HeatmapImageTest {
    // gnuplot's rgbformulae 7,5,15 at 1.0: r = sqrt(1) = 1, g = 1^3 = 1, b = sin(2 pi) = 0 -> yellow.
    static final int HOT = 0xFFFF00;
    // ... and at 0: black.
    static final int COLD = 0x000000;

    @TempDir
    Path dir;

    @Test
    void hotBandLandsOnTheExpectedPixelsInTheHottestColour() throws Exception {
        Recording rec = TestRecords.hotBand();
        Path out = dir.resolve("heat.png");
        int w = 1000;
        int h = 640;
        int[] res = HeatmapImage.naturalResolution(w, h);
        List<Path> files = Images.writeHeatmaps(rec, HeatmapViews.Options.defaults(res[0], res[1]), out,
                Palette.GNUPLOT, w, h);
        assertThat(files).containsExactly(out);
        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(img.getWidth()).isEqualTo(w);
        HeatmapImage.Frame f = HeatmapImage.frame(w, h);
        // The hottest area is the mmap area (256 MiB), the only accessed one; x = time over [0, 10 s),
        // y = address with higher addresses up. The band is time [2 s, 6 s), offset [64, 128) MiB.
        double band0X = f.x() + 2.0 / 10 * f.w();
        double band1X = f.x() + 6.0 / 10 * f.w();
        double band0Y = f.y() + f.h() * (1 - 128.0 / 256);
        double band1Y = f.y() + f.h() * (1 - 64.0 / 256);
        for (int x = (int) band0X + 2; x < band1X - 2; x += 7) {
            for (int y = (int) band0Y + 2; y < band1Y - 2; y += 7) {
                assertThat(img.getRGB(x, y) & 0xFFFFFF).as("pixel %d,%d", x, y).isEqualTo(HOT);
            }
        }
        // Just outside the band in time (8 s) and in address (+200 MiB): cold.
        int xLate = (int) (f.x() + 8.0 / 10 * f.w());
        int yMid = (int) ((band0Y + band1Y) / 2);
        int yHigh = (int) (f.y() + f.h() * (1 - 200.0 / 256));
        int xMid = (int) ((band0X + band1X) / 2);
        assertThat(img.getRGB(xLate, yMid) & 0xFFFFFF).isEqualTo(COLD);
        assertThat(img.getRGB(xMid, yHigh) & 0xFFFFFF).isEqualTo(COLD);
        // Band edges within 2 pixels of the computed coordinates: the pixel 3 left of the start is cold.
        assertThat(img.getRGB((int) band0X - 3, yMid) & 0xFFFFFF).isEqualTo(COLD);
        assertThat(img.getRGB((int) band0X + 2, yMid) & 0xFFFFFF).isEqualTo(HOT);
        // Legend bar right of the plot: hot at the top, cold at the bottom.
        int legendX = f.x() + f.w() + 18 + 7;
        assertThat(img.getRGB(legendX, f.y() + 1) & 0xFFFFFF).isEqualTo(Palette.GNUPLOT.rgb(1 - 1.5 / f.h()));
        assertThat(img.getRGB(legendX, f.y() + f.h() - 1) & 0xFFFFFF).isEqualTo(Palette.GNUPLOT.rgb(0.5 / f.h()));
        // Axis frame: dark pixels on the frame line left of the plot.
        assertThat(darkness(img.getRGB(f.x() - 1, f.y() + f.h() / 2))).isGreaterThan(150);
        // Tick labels and titles drew text in the bottom and left margins.
        assertThat(darkPixels(img, f.x(), f.y() + f.h() + 6, f.w(), 40)).isGreaterThan(200);
        assertThat(darkPixels(img, 0, f.y(), f.x() - 6, f.h())).isGreaterThan(200);
    }

    @Test
    void drawRangeAllWritesOneNumberedImagePerArea() throws Exception {
        Recording rec = TestRecords.hotBand();
        Path out = dir.resolve("all.png");
        List<Path> files = Images.writeHeatmaps(rec,
                HeatmapViews.Options.defaults(200, 100).withDrawRange(HeatmapViews.DrawRange.ALL), out,
                Palette.GNUPLOT, 400, 240);
        assertThat(files).containsExactly(out, dir.resolve("all.1.png"), dir.resolve("all.2.png"));
        for (Path p : files) {
            assertThat(ImageIO.read(p.toFile()).getWidth()).isEqualTo(400);
        }
    }

    @Test
    void svgFromTheSameDrawingCodeIsValidXmlWithAxesAndLegend() throws Exception {
        Recording rec = TestRecords.hotBand();
        Path out = dir.resolve("heat.svg");
        Images.writeHeatmaps(rec, HeatmapViews.Options.defaults(300, 200), out, Palette.GNUPLOT, 600, 400);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.toFile());
        assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("svg");
        List<String> texts = texts(doc);
        assertThat(texts).contains("time", "2 s", "4 s", "6 s", "8 s");
        assertThat(texts).anyMatch(t -> t.startsWith("access frequency"));
        assertThat(texts).anyMatch(t -> t.startsWith("address - 0x7f0000000000"));
        assertThat(texts).contains("+64 MiB", "+128 MiB");
        NodeList images = doc.getElementsByTagName("image");
        assertThat(images.getLength()).isEqualTo(2); // the heat cells and the legend bar
        String href = images.item(0).getAttributes().getNamedItem("href").getNodeValue();
        byte[] png = java.util.Base64.getDecoder().decode(href.substring(href.indexOf(',') + 1));
        BufferedImage cells = ImageIO.read(new ByteArrayInputStream(png));
        HeatmapImage.Frame f = HeatmapImage.frame(600, 400);
        assertThat(cells.getWidth()).isEqualTo(f.w());
        // Inside the embedded cells: centre of the band (4 s, +96 MiB) is hot.
        int x = (int) (4.0 / 10 * f.w());
        int y = (int) (f.h() * (1 - 96.0 / 256));
        assertThat(cells.getRGB(x, y) & 0xFFFFFF).isEqualTo(HOT);
    }

    @Test
    void temperatureSortedHeatmapPutsTheHotBytesAtTheBottom() throws Exception {
        Recording rec = TestRecords.hotBand();
        Path out = dir.resolve("sorted.png");
        int[] res = HeatmapImage.naturalResolution(600, 400);
        Images.writeHeatmaps(rec, HeatmapViews.Options.defaults(res[0], res[1]).withSortTemperature(true), out,
                Palette.GNUPLOT, 600, 400);
        BufferedImage img = ImageIO.read(out.toFile());
        HeatmapImage.Frame f = HeatmapImage.frame(600, 400);
        // Total 328 MiB per snapshot; during [2 s, 6 s) the 64 hot MiB come first: rows for [0, 64) MiB.
        int x = (int) (f.x() + 4.0 / 10 * f.w());
        int yHot = (int) (f.y() + f.h() * (1 - 32.0 / 328));
        int yCold = (int) (f.y() + f.h() * (1 - 200.0 / 328));
        assertThat(img.getRGB(x, yHot) & 0xFFFFFF).isEqualTo(HOT);
        assertThat(img.getRGB(x, yCold) & 0xFFFFFF).isEqualTo(COLD);
    }

    @Test
    void lineChartIsValidSvgAndPngWithTheSeriesWhereExpected() throws Exception {
        // y = 0..100 MiB linearly over x = 0..10 s; the point (5 s, 50 MiB) must be on the line.
        double[] x = new double[11];
        double[] y = new double[11];
        for (int i = 0; i <= 10; i++) {
            x[i] = i * SEC;
            y[i] = i * 10 * MIB;
        }
        ChartSpec spec = new ChartSpec("wss", "time", AxisFormat.DURATION_NS, "working set size", AxisFormat.BYTES,
                List.of(new Series("t0", x, y, 0xD62728)));
        Path png = dir.resolve("c.png");
        Images.writeChart(spec, png, 720, 420);
        BufferedImage img = ImageIO.read(png.toFile());
        HeatmapImage.Frame f = LineChart.frame(720, 420);
        // The y axis runs from 0 to the larger of the data maximum and the last tick.
        double[] yTicks = AxisFormat.BYTES.ticks(0, 100 * MIB, 6);
        double yMax = Math.max(100 * MIB, yTicks[yTicks.length - 1]);
        int px = (int) Math.round(f.x() + 0.5 * f.w());
        int py = (int) Math.round(f.y() + f.h() - 50.0 * MIB / yMax * f.h());
        boolean red = false;
        for (int dy = -2; dy <= 2; dy++) {
            int rgb = img.getRGB(px, py + dy) & 0xFFFFFF;
            red |= ((rgb >> 16) & 0xFF) > 180 && ((rgb >> 8) & 0xFF) < 120;
        }
        assertThat(red).as("series colour near (%d, %d)", px, py).isTrue();
        Path svg = dir.resolve("c.svg");
        Images.writeChart(spec, svg, 720, 420);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(1);
        assertThat(texts(doc)).contains("wss", "time", "working set size", "4 s", "8 s");
        assertThat(Files.size(svg)).isLessThan(64 * 1024);
    }

    private static List<String> texts(Document doc) {
        NodeList n = doc.getElementsByTagName("text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.getLength(); i++) {
            out.add(n.item(i).getTextContent());
        }
        return out;
    }

    private static int darkness(int rgb) {
        return 255 - ((((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF)) / 3);
    }

    private static int darkPixels(BufferedImage img, int x0, int y0, int w, int h) {
        int n = 0;
        for (int y = y0; y < y0 + h && y < img.getHeight(); y++) {
            for (int x = Math.max(0, x0); x < x0 + w && x < img.getWidth(); x++) {
                if (darkness(img.getRGB(x, y)) > 100) {
                    n++;
                }
            }
        }
        return n;
    }

}
