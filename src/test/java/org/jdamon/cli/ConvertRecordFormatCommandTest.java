package org.jdamon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jdamon.record.files.RecordFiles;
import org.jdamon.record.RecordFixtures;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;
import org.jdamon.report.ReportFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convert_record_format} and {@code record --output_type}: jdamon records in damo's file types. */
class ConvertRecordFormatCommandTest {
    @TempDir
    Path dir;

    private Path jdamonFile(Recording r) throws IOException {
        return RecordFixtures.write(r, dir.resolve("rec.jdr"));
    }

    /** ReportFixtures.twoTargets(), as read back: both targets in both snapshots, times since 5 s. */
    private static void checkTwoTargets(Recording r) {
        assertThat(r.header().startEpochNs()).isEqualTo(5_000_000_000L);
        assertThat(r.snapshots()).hasSize(2);
        Snapshot s0 = r.snapshots().get(0);
        assertThat(s0.startNs()).isZero();
        assertThat(s0.endNs()).isEqualTo(100_000_000L);
        TargetSnapshot t0 = s0.target(0);
        assertThat(t0.starts()).containsExactly(0x1000L, 0x3000L);
        assertThat(t0.ends()).containsExactly(0x3000L, 0x400000L);
        assertThat(t0.nrAccesses()).containsExactly(20, 0);
        assertThat(t0.ages()).containsExactly(0, 5);
        Snapshot s1 = r.snapshots().get(1);
        assertThat(s1.startNs()).isEqualTo(100_000_000L);
        assertThat(s1.endNs()).isEqualTo(200_000_000L);
        TargetSnapshot t1 = s1.target(1);
        assertThat(t1.starts()).containsExactly(0xffff_ffff_fff0_0000L);
        assertThat(t1.ends()).containsExactly(0xffff_ffff_ffff_f000L);
        assertThat(t1.nrAccesses()).containsExactly(2);
        assertThat(t1.ages()).containsExactly(13);
    }

    @Test
    void convertsToJsonAndBack() throws IOException {
        Path in = jdamonFile(ReportFixtures.twoTargets());
        Path out = dir.resolve("rec.json");
        CliRunner r = CliRunner.run("convert_record_format", "--record_file", in.toString(), "--format", "json",
                "--output_file", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(out)).startsWith("[\n    {\n        \"kdamond_idx\": 0,").endsWith("\n]");
        Recording back = RecordFiles.read(out);
        assertThat(back.header().properties()).containsEntry("source_format", "damo json");
        checkTwoTargets(back);
    }

    @Test
    void convertsInPlaceToJsonCompressedByDefault() throws IOException {
        Path in = jdamonFile(ReportFixtures.twoTargets());
        CliRunner r = CliRunner.run("convert_record_format", "--record_file", in.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        byte[] head = Files.readAllBytes(in);
        assertThat(head[0]).isEqualTo((byte) 0x78); // a zlib stream, as Python's zlib.compress writes
        Recording back = RecordFiles.read(in);
        assertThat(back.header().properties()).containsEntry("source_format", "damo json_compressed");
        checkTwoTargets(back);
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("rec.jdr");
    }

    @Test
    void convertsToPerfScript() throws IOException {
        Path in = jdamonFile(ReportFixtures.twoTargets());
        Path out = dir.resolve("rec.script");
        CliRunner r = CliRunner.run("convert_record_format", "--record_file", in.toString(), "--format",
                "perf_script", "--output_file", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out, StandardCharsets.US_ASCII);
        // target 0's regions of both snapshots (end times 5.1 s, 5.2 s), then target 1's
        assertThat(lines).containsExactly(
                "kdamond.x xxxx xxxx 5.100000: damon:damon_aggregated: target_id=0 nr_regions=2 4096-12288: 20 0",
                "kdamond.x xxxx xxxx 5.100000: damon:damon_aggregated: target_id=0 nr_regions=2 12288-4194304: 0 5",
                "kdamond.x xxxx xxxx 5.200000: damon:damon_aggregated: target_id=0 nr_regions=2 4096-2097152: 10 1",
                "kdamond.x xxxx xxxx 5.200000: damon:damon_aggregated: target_id=0 nr_regions=2 2097152-4194304: 0 6",
                "kdamond.x xxxx xxxx 5.100000: damon:damon_aggregated: target_id=1 nr_regions=1 "
                        + "18446744073708503040-18446744073709547520: 1 12",
                "kdamond.x xxxx xxxx 5.200000: damon:damon_aggregated: target_id=1 nr_regions=1 "
                        + "18446744073708503040-18446744073709547520: 2 13");
        // the first snapshot's start comes back from the average duration: 5.1 s - 0.1 s
        checkTwoTargets(RecordFiles.read(out));
    }

    @Test
    void unknownFormatAndMissingFileAreUserErrors() throws IOException {
        Path in = jdamonFile(ReportFixtures.twoTargets());
        CliRunner bad = CliRunner.run("convert_record_format", "--record_file", in.toString(), "--format", "xml");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--format: one of json_compressed, json, perf_script, not 'xml'");
        CliRunner missing = CliRunner.run("convert_record_format", "--record_file", dir.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope: no such record file");
    }

    @Test
    void recordWritesDamosTypeWithTheSameSnapshots() throws IOException {
        Path jd = dir.resolve("a.jdr");
        Path json = dir.resolve("a.json");
        String[] common = {"record", "--sim", "zigzag", "--duration", "3s", "--seed", "7"};
        assertThat(CliRunner.run(concat(common, "-o", jd.toString())).exitCode()).isZero();
        CliRunner r = CliRunner.run(concat(common, "-o", json.toString(), "--output_type", "json"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        Recording a = RecordFiles.read(jd);
        Recording b = RecordFiles.read(json);
        assertThat(b.header().properties()).containsEntry("source_format", "damo json");
        assertThat(b.snapshots()).hasSize(a.snapshots().size()).hasSize(30);
        for (int i = 0; i < a.snapshots().size(); i++) {
            TargetSnapshot x = a.snapshots().get(i).targets().getFirst();
            TargetSnapshot y = b.snapshots().get(i).targets().getFirst();
            assertThat(y.starts()).containsExactly(x.starts());
            assertThat(y.ends()).containsExactly(x.ends());
            assertThat(y.nrAccesses()).containsExactly(x.nrAccesses());
            assertThat(y.ages()).containsExactly(x.ages());
            assertThat(b.snapshots().get(i).endNs() - b.snapshots().get(i).startNs())
                    .isEqualTo(a.snapshots().get(i).endNs() - a.snapshots().get(i).startNs());
        }
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.jdr", "a.json");
        CliRunner bad = CliRunner.run(concat(common, "-o", json.toString(), "--output_type", "yaml"));
        assertThat(bad.exitCode()).isEqualTo(2);
    }

    @Test
    void streamedReportsOfAConvertedRecordEqualTheOriginals() throws IOException {
        Path jd = dir.resolve("z.jdr");
        assertThat(CliRunner.run("record", "--sim", "zigzag", "--duration", "4s", "-o", jd.toString()).exitCode())
                .isZero();
        Path two = jdamonFile(ReportFixtures.twoTargets());
        for (String format : List.of("json_compressed", "json", "perf_script")) {
            Path conv = dir.resolve("z." + format);
            Path twoConv = dir.resolve("two." + format);
            assertThat(CliRunner.run("convert_record_format", "--record_file", jd.toString(), "--format", format,
                    "--output_file", conv.toString()).exitCode()).isZero();
            assertThat(CliRunner.run("convert_record_format", "--record_file", two.toString(), "--format", format,
                    "--output_file", twoConv.toString()).exitCode()).isZero();
            for (String[] report : List.of(new String[] {"report", "wss", "--raw_number"},
                    new String[] {"report", "nr_regions"},
                    new String[] {"report", "heatmap", "--json", "--resol", "8", "16"})) {
                assertSameOutput(format, concat(report, "-i", jd.toString()), concat(report, "-i", conv.toString()));
            }
            // two targets, which damo's files keep as two series: per target, and target 1 alone
            for (String[] report : List.of(new String[] {"report", "wss", "--raw_number", "--per_target"},
                    new String[] {"report", "heatmap", "--json", "--resol", "4", "8", "--target_id", "1"},
                    new String[] {"report", "access", "--raw_form", "--raw_number"})) {
                assertSameOutput(format, concat(report, "-i", two.toString()), concat(report, "-i", twoConv.toString()));
            }
        }
    }

    private static void assertSameOutput(String format, String[] original, String[] converted) {
        CliRunner a = CliRunner.run(original);
        CliRunner b = CliRunner.run(converted);
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(b.exitCode()).as(format + ": " + b.err()).isZero();
        assertThat(b.out()).as(format + " " + String.join(" ", converted)).isEqualTo(a.out());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
