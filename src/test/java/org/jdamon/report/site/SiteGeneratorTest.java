package org.jdamon.report.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jdamon.record.Recording;
import org.jdamon.report.TestRecords;
import org.jdamon.report.WorkingSetSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteGeneratorTest {
    @TempDir
    Path dir;

    @Test
    void writesAnIndexAndOnePagePerRecordWithNoNetworkReferences() throws Exception {
        Recording hot = TestRecords.hotBand();
        Recording empty = TestRecords.of(List.of());
        Path index = new SiteGenerator(WorkingSetSize.DAMO_DEFAULT).generate(List.of(
                new SiteGenerator.Entry("run 1", hot, List.of()),
                new SiteGenerator.Entry("run 1", hot, List.of()),
                new SiteGenerator.Entry("<empty>", empty, List.of())), dir);
        String html = Files.readString(index);
        assertThat(html).contains("href=\"run-1/index.html\"", "href=\"run-1-2/index.html\"", "href=\"empty/index.html\"");
        assertThat(html).contains("&lt;empty&gt;").doesNotContain("<empty>");
        // The index shows each record's hottest-area heatmap (the mmap-like area, index 1) as a thumbnail.
        assertThat(html).contains("src=\"run-1/heatmap.t0.1.png\"");
        // WSS p50 of the hot band: 80 values after the 20 warm-up ones, index 40 of the sorted = 64 MiB.
        assertThat(html).contains("64.000 MiB");
        Path page = dir.resolve("run-1/index.html");
        String p = Files.readString(page);
        for (String img : List.of("heatmap.t0.0.png", "heatmap.t0.1.png", "heatmap.t0.2.png", "heatmap.t0.sorted.png",
                "wss_sz.svg", "wss_time.svg", "nr_regions_time.svg")) {
            assertThat(p).contains("src=\"" + img + "\"");
            assertThat(dir.resolve("run-1").resolve(img)).isNotEmptyFile();
        }
        assertThat(ImageIO.read(dir.resolve("run-1/heatmap.t0.1.png").toFile()).getWidth())
                .isEqualTo(SiteGenerator.HEATMAP_WIDTH);
        assertThat(p).contains("mmap-like 0x7f0000000000-0x7f0010000000 (hottest)");
        // Self-contained: no scheme-relative or remote references in any page.
        for (Path f : List.of(index, page, dir.resolve("empty/index.html"))) {
            assertThat(Files.readString(f)).doesNotContain("http://", "https://", "src=\"//");
        }
        assertThat(Files.readString(dir.resolve("empty/index.html"))).contains("has no snapshots");
    }

    @Test
    void noRecordsIsAnError() {
        assertThatThrownBy(() -> new SiteGenerator(WorkingSetSize.DAMO_DEFAULT).generate(List.of(), dir))
                .hasMessageContaining("no records");
    }
}
