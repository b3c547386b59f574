package org.jdamon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jdamon.record.RecordFixtures;
import org.jdamon.record.Recording;
import org.jdamon.report.ReportFixtures;
import org.jdamon.report.TestRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The pictures commands end to end on record files, and their handling of bad input. */
class PicturesCliTest {
    @TempDir
    Path dir;

    private Path write(String name, Recording rec) throws Exception {
        return RecordFixtures.write(rec, dir.resolve(name));
    }

    @Test
    void terminalHeatmapOfARecordFile() throws Exception {
        Path rec = write("hot.data", TestRecords.hotBand());
        CliRunner r = CliRunner.run("report", "heatmap", "-i", rec.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String[] lines = r.out().split("\n");
        // 40 rows over 10 s (250 ms each), 80 columns over the 256 MiB mmap area (3.2 MiB each): the band
        // [2 s, 6 s) x [+64, +128) MiB is rows 8..23, columns 20..39. Not a terminal: no colour codes.
        assertThat(lines).hasSize(44);
        assertThat(lines[8]).isEqualTo("0".repeat(20) + "9".repeat(20) + "0".repeat(40));
        assertThat(lines[23]).isEqualTo(lines[8]);
        assertThat(lines[24]).isEqualTo("0".repeat(80));
        assertThat(lines[41]).isEqualTo("# x-axis: space [0x7f0000000000, 0x7f0010000000) (256.000 MiB)");
        assertThat(r.out()).doesNotContain("\033[");
    }

    @Test
    void jsonImagesAndSiteFromARecordFile() throws Exception {
        Path rec = write("hot.data", TestRecords.hotBand());
        CliRunner json = CliRunner.run("report", "heatmap", "-i", rec.toString(), "--json", "--resol", "10", "4");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode g = JsonMapper.builder().build().readTree(json.out()).path("heatmaps").get(0);
        assertThat(g.path("time_cells").asInt()).isEqualTo(10);
        assertThat(g.path("address_cells").asInt()).isEqualTo(4);
        // 1 s rows, 64 MiB columns: row 3 (3..4 s), column 1 (+64..+128 MiB) is the band at 20 samples.
        assertThat(g.path("heat").get(3).get(1).asDouble()).isEqualTo(20.0);
        assertThat(g.path("heat").get(7).get(1).asDouble()).isZero();

        Path png = dir.resolve("all.png");
        CliRunner img = CliRunner.run("report", "heatmap", "-i", rec.toString(), "--output", png.toString(), "--draw_range", "all");
        assertThat(img.exitCode()).as(img.err()).isZero();
        assertThat(img.out().lines()).containsExactly(png.toString(), dir.resolve("all.1.png").toString(),
                dir.resolve("all.2.png").toString());
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(1000);

        CliRunner site = CliRunner.run("report", "site", "-i", rec.toString(), write("two.data", ReportFixtures.twoTargets()).toString(),
                "-o", dir.resolve("site").toString());
        assertThat(site.exitCode()).as(site.err()).isZero();
        assertThat(dir.resolve("site/index.html")).isNotEmptyFile();
        assertThat(dir.resolve("site/hot.data/heatmap.t0.1.png")).isNotEmptyFile();
        // The second target of two.data lives at the top of the 64-bit space.
        assertThat(dir.resolve("site/two.data/heatmap.t1.0.png")).isNotEmptyFile();
    }

    @Test
    void heatmapAtTheTopOfTheAddressSpace() throws Exception {
        Path rec = write("two.data", ReportFixtures.twoTargets());
        CliRunner r = CliRunner.run("report", "heatmap", "-i", rec.toString(), "--target_id", "1", "--resol", "2", "4");
        assertThat(r.exitCode()).as(r.err()).isZero();
        // One region [0xffff_ffff_fff0_0000, 0xffff_ffff_ffff_f000) at 1 then 2 accesses: max 2;
        // row 0 = 1/2 -> digit 5, row 1 = 9.
        assertThat(r.out().split("\n")[0]).isEqualTo("5555");
        assertThat(r.out().split("\n")[1]).isEqualTo("9999");
        assertThat(r.out()).contains("# x-axis: space [0xfffffffffff00000, 0xfffffffffffff000)");
    }

    @Test
    void missingEmptyAndDirectoryInputsAreOneLineUsageErrors() throws Exception {
        CliRunner missing = CliRunner.run("report", "heatmap", "-i", dir.resolve("nope.data").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("jdamon: " + dir.resolve("nope.data") + ": no such record file")
                .hasLineCount(1);
        Path empty = Files.createFile(dir.resolve("empty.data"));
        CliRunner e = CliRunner.run("report", "heatmap", "-i", empty.toString());
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.err()).isEqualTo("jdamon: " + empty + ": empty file, not a record\n");
        CliRunner site = CliRunner.run("report", "site", "-i", dir.toString(), "-o", dir.resolve("site").toString());
        assertThat(site.exitCode()).isEqualTo(2);
        assertThat(site.err()).contains("is a directory").hasLineCount(1);
        Path garbage = Files.write(dir.resolve("garbage.data"), "this is not a record\n".repeat(10).getBytes());
        for (String cmd : new String[] {"heatmap", "site"}) {
            CliRunner g = cmd.equals("heatmap") ? CliRunner.run("report", "heatmap", "-i", garbage.toString())
                    : CliRunner.run("report", "site", "-i", garbage.toString(), "-o", dir.resolve("gsite").toString());
            assertThat(g.exitCode()).as(cmd).isEqualTo(2);
            assertThat(g.err()).as(cmd).startsWith("jdamon: " + garbage + ": ").hasLineCount(1);
        }
        Path noSnapshots = write("header-only.data", TestRecords.of(java.util.List.of()));
        CliRunner none = CliRunner.run("report", "heatmap", "-i", noSnapshots.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("no snapshot").hasLineCount(1);
    }

    @Test
    void servingOnAPortInUseIsAOneLineError() throws Exception {
        Path rec = write("hot.data", TestRecords.hotBand());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CliRunner r = CliRunner.run("serve", "-i", rec.toString(), "--port", String.valueOf(taken.getLocalPort()));
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).contains("127.0.0.1:" + taken.getLocalPort(), "in use").hasLineCount(1);
        }
    }

    @Test
    void badOptionsAreUsageErrorsBeforeAnyFileIsRead() {
        String in = dir.resolve("nope.data").toString();
        assertThat(CliRunner.run("report", "heatmap", "-i", in, "--draw_range", "biggest").err())
                .startsWith("jdamon: unknown --draw_range 'biggest'");
        assertThat(CliRunner.run("report", "heatmap", "-i", in, "--draw_range", "biggest").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("report", "heatmap", "-i", in, "--address_range", "0x2000", "0x1000").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("report", "heatmap", "-i", in, "--address_range", "0xZZ", "1G").err())
                .contains("invalid address '0xZZ'");
        assertThat(CliRunner.run("report", "heatmap", "-i", in, "--time_range", "5s", "1s").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("report", "heatmap", "-i", in, "--output", "x.gif").err())
                .contains("unsupported image type");
        assertThat(CliRunner.run("report", "heatmap", "-i", in, "--stdout_colorset", "rainbow").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("serve").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("serve", "-i", in, "--port", "70000").err()).contains("--port must be within 0..65535");
        assertThat(CliRunner.run("report").exitCode()).isEqualTo(2);
    }
}
