package org.jdamon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdamon.record.RecordFixtures;
import org.jdamon.record.Recording;
import org.jdamon.report.AccessStyle;
import org.jdamon.report.RawReport;
import org.jdamon.report.ReportFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report access --style/--sort_regions_by/filters} from the command line, on both record formats. */
class ReportAccessStylesCliTest {
    @TempDir
    Path dir;

    private Path jdamonFile(Recording r) throws IOException {
        return RecordFixtures.write(r, dir.resolve("rec.jdr"));
    }

    private Path damoJsonFile(Recording r) throws IOException {
        return Files.writeString(dir.resolve("rec.json"), RawReport.json(r, RawReport.TimeWindow.ALL),
                StandardCharsets.UTF_8);
    }

    @Test
    void everyStyleReadsJdamonAndDamoRecordsOfSeveralTargetsAlike() throws IOException {
        Recording two = ReportFixtures.twoTargets();
        Path jdr = jdamonFile(two);
        Path json = damoJsonFile(two);
        for (String style : AccessStyle.allNames()) {
            String[] common = {"report", "access", "--style", style, "--snapshot_idx", "0", "1", "--color", "never"};
            CliRunner a = CliRunner.run(concat(common, "-i", jdr.toString()));
            CliRunner b = CliRunner.run(concat(common, "-i", json.toString()));
            assertThat(a.exitCode()).as(style + ": " + a.err()).isZero();
            assertThat(b.exitCode()).as(style + ": " + b.err()).isZero();
            assertThat(b.out()).as(style).isEqualTo(a.out());
            assertThat(a.out()).as(style).contains("target id 0").contains("target id 1")
                    .contains("record DAMON intervals: sample 5 ms, aggr 100 ms");
        }
        // one histogram per snapshot of each target: 2 targets x 2 snapshots
        String hist = CliRunner.run("report", "access", "-i", jdr.toString(), "--style", "recency-sz-hist",
                "--snapshot_idx", "0", "1").out();
        assertThat(hist.split("<idle time \\(us\\)> <total size>", -1)).hasSize(5);
    }

    @Test
    void filtersSortingAndTotalSizeOnly() throws IOException {
        // wss fixture, last snapshot (--snapshot_idx -1; every snapshot is the default, as damo): hot [64K, 84K) 3 samples (15 %) age 4; cold [84K, 1M) 0 %, age 2
        Path p = jdamonFile(ReportFixtures.wss());
        CliRunner hot = CliRunner.run("report", "access", "-i", p.toString(), "--snapshot_idx", "-1", "--access_rate", "10%", "max",
                "--total_sz_only");
        assertThat(hot.out()).isEqualTo("20.000 KiB\nrecord DAMON intervals: sample 5 ms, aggr 100 ms\n");
        CliRunner clipped = CliRunner.run("report", "access", "-i", p.toString(), "--snapshot_idx", "-1", "--address", "0x14000", "0x16000",
                "--total_sz_only");
        // [80K, 88K): 4 KiB of the hot region, 4 KiB of the cold one
        assertThat(clipped.out()).startsWith("8.000 KiB\n");
        // weights 0 0 1 (age only, the last --temperature_weights wins): hot 400,000 us -> 400,000, cold
        // 200,000 us at 0 % -> -200,000; the cold 940 KiB are 97.9 % of 960 KiB, so p75 is cold and p99 hot
        CliRunner weighted = CliRunner.run("report", "access", "-i", p.toString(), "--snapshot_idx", "-1", "--style",
                "temperature-percentiles", "--temperature_weights", "5", "5", "5", "--temperature_weights", "0", "0", "1");
        assertThat(weighted.out()).contains("<percentile> <temperature (weights: [0, 0, 1])>\n",
                " 75  -200,000  |" + " ".repeat(20) + "|\n", " 99   400,000  |" + "*".repeat(20) + "|\n");
        CliRunner byAge = CliRunner.run("report", "access", "-i", p.toString(), "--snapshot_idx", "-1", "--sort_regions_by", "age",
                "--sort_regions_dsc", "--color", "never");
        assertThat(byAge.out()).containsSubsequence("0   addr 64.000 KiB", "1   addr 84.000 KiB");
        CliRunner byAgeAsc = CliRunner.run("report", "access", "-i", p.toString(), "--snapshot_idx", "-1", "--sort_regions_by", "age",
                "--color", "never");
        assertThat(byAgeAsc.out()).containsSubsequence("0   addr 84.000 KiB", "1   addr 64.000 KiB");
    }

    @Test
    void badValuesAreUsageErrors() throws IOException {
        Path p = jdamonFile(ReportFixtures.wss());
        String[][] bad = {
                {"--style", "warm"},
                {"--temperature_weights", "0", "x", "100"},
                {"--sort_regions_by", "heat"},
                {"--sort_regions_dsc", "heat"},
                {"--percentiles_range", "0", "100", "0"},
        };
        for (String[] args : bad) {
            CliRunner r = CliRunner.run(concat(new String[] {"report", "access", "-i", p.toString()}, args));
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("jdamon: ").doesNotContain("Exception");
            assertThat(r.out()).isEmpty();
        }
        assertThat(CliRunner.run("report", "access", "-i", p.toString(), "--style", "warm").err())
                .contains("'warm'").contains("simple-boxes").hasLineCount(1);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
