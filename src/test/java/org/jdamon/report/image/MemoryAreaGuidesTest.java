package org.jdamon.report.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jdamon.report.TestRecords.MIB;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.jdamon.record.LabeledRange;
import org.jdamon.record.MemoryAreasCodec;
import org.jdamon.record.Recording;
import org.jdamon.report.heatmap.HeatmapViews;
import org.jdamon.report.TestRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JVM memory areas stored in a record become solid green guides on its heatmaps. The hot-band record's
 * hottest area is the 256 MiB mmap area at {@code MMAP}; a "Java heap" label over [MMAP + 64 MiB, MMAP +
 * 128 MiB) must put guide lines at the rows for offsets 64 and 128 MiB (y = top + h * (1 - off / 256)),
 * visible at 8 s where the map is cold (black).
 */
class MemoryAreaGuidesTest {
    @TempDir
    Path dir;

    @Test
    void labelledRangesFromSideDataAreDrawnAsGuides() throws Exception {
        Recording plain = TestRecords.hotBand();
        LabeledRange heap = new LabeledRange(TestRecords.MMAP + 64 * MIB, TestRecords.MMAP + 128 * MIB, "Java heap");
        Recording labelled = new Recording(plain.header(), plain.snapshots(),
                List.of(MemoryAreasCodec.encode(0, 0, List.of(heap))), plain.warnings());
        int w = 1000;
        int h = 640;
        int[] res = HeatmapImage.naturalResolution(w, h);
        HeatmapViews.Options o = HeatmapViews.Options.defaults(res[0], res[1]);
        BufferedImage with = ImageIO.read(Images.writeHeatmaps(labelled, o, dir.resolve("l.png"), Palette.GNUPLOT, w, h)
                .getFirst().toFile());
        BufferedImage without = ImageIO.read(Images.writeHeatmaps(plain, o, dir.resolve("p.png"), Palette.GNUPLOT, w, h)
                .getFirst().toFile());
        HeatmapImage.Frame f = HeatmapImage.frame(w, h);
        int x = (int) (f.x() + 8.0 / 10 * f.w());
        for (double off : new double[] {64, 128}) {
            int y = (int) Math.round(f.y() + f.h() * (1 - off / 256));
            assertThat(greenRows(with, x, y)).as("guide at +%s MiB", off).isNotEmpty();
            assertThat(greenRows(without, x, y)).isEmpty();
        }
        // between the edges the map stays as it was
        int yMid = (int) Math.round(f.y() + f.h() * (1 - 96.0 / 256));
        assertThat(with.getRGB(x, yMid)).isEqualTo(without.getRGB(x, yMid));
    }

    private static List<Integer> greenRows(BufferedImage img, int x, int y) {
        List<Integer> rows = new ArrayList<>();
        for (int dy = -1; dy <= 1; dy++) {
            int rgb = img.getRGB(x, y + dy) & 0xFFFFFF;
            int r = rgb >> 16;
            int g = rgb >> 8 & 0xFF;
            if (g > 100 && r < g / 2) {
                rows.add(y + dy);
            }
        }
        return rows;
    }
}
