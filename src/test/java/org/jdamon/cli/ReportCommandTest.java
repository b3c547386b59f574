package org.jdamon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jdamon.record.RecordWriter;
import org.jdamon.record.RecordFixtures;
import org.jdamon.record.Recording;
import org.jdamon.report.ReportFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReportCommandTest {
    @TempDir
    Path dir;

    private Path write(Recording r, String name) throws IOException {
        return RecordFixtures.write(r, dir.resolve(name));
    }

    @Test
    void wssJsonPrintsExactlyOneObject() throws IOException {
        Path p = write(ReportFixtures.wss(), "wss.jdr");
        CliRunner r = CliRunner.run("report", "wss", "-i", p.toString(), "--exclude_samples", "0", "--json");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode root = JsonMapper.builder().build().readTree(r.out());
        JsonNode t = root.get("targets").get(0);
        assertThat(t.get("avg_bytes").asLong()).isEqualTo(30 * 1024);
        assertThat(t.get("percentiles").get(2).get("wss_bytes").asLong()).isEqualTo(30 * 1024);
        assertThat(r.out().trim().lines()).hasSize(1);
    }

    @Test
    void wssTableWithOptions() throws IOException {
        Path p = write(ReportFixtures.wss(), "wss.jdr");
        CliRunner r = CliRunner.run("report", "wss", "-i", p.toString(), "--exclude_samples", "0", "--range", "50", "51", "1",
                "--raw_number", "--nr_cols_bar", "0", "--sz_thres", "1K");
        assertThat(r.out()).isEqualTo("# target_id\t0\n# <percentile> <wss>\n# avr:\t30720\n 50           30720\n");
    }

    @Test
    void everyReportRunsOnARecord() throws IOException {
        Path p = write(ReportFixtures.twoTargets(), "two.jdr");
        for (String type : new String[] {"raw", "access", "wss", "nr_regions"}) {
            CliRunner r = CliRunner.run("report", type, "-i", p.toString());
            assertThat(r.exitCode()).as(type).isZero();
            assertThat(r.out()).as(type).isNotEmpty();
            CliRunner j = CliRunner.run("report", type, "-i", p.toString(), "--json");
            assertThat(j.exitCode()).as(type).isZero();
            assertThat(JsonMapper.builder().build().readTree(j.out())).as(type).isNotNull();
        }
        assertThat(CliRunner.run("report", "nr_regions", "-i", p.toString()).out())
                .isEqualTo("# <percentile> <# regions>\n# target_id\t0\n# no snapshot\n# target_id\t1\n# no snapshot\n");
    }

    @Test
    void truncatedRecordStillReportsAndWarnsOnStderr() throws IOException {
        Path p = write(ReportFixtures.wss(), "wss.jdr");
        byte[] all = Files.readAllBytes(p);
        Path cut = Files.write(dir.resolve("cut.jdr"), Arrays.copyOf(all, all.length - 20));
        CliRunner r = CliRunner.run("report", "wss", "-i", cut.toString(), "--exclude_samples", "0", "--raw_number");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("# avr:");
        assertThat(r.err().lines()).isNotEmpty().allMatch(l -> l.startsWith("jdamon: warning: " + cut + ": "));
        assertThat(r.err()).contains("truncated chunk");
    }

    @Test
    void unreadableInputsAreOneLineErrorsNamingTheFile() throws IOException {
        Path missing = dir.resolve("missing.data");
        CliRunner m = CliRunner.run("report", "wss", "-i", missing.toString());
        assertThat(m.exitCode()).isEqualTo(2);
        assertThat(m.err().lines()).singleElement().asString().startsWith("jdamon: " + missing + ": no such record file");

        Path empty = Files.write(dir.resolve("empty.data"), new byte[0]);
        CliRunner e = CliRunner.run("report", "raw", "-i", empty.toString());
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.err()).isEqualTo("jdamon: " + empty + ": empty file, not a record\n");

        Path garbage = Files.writeString(dir.resolve("garbage.data"), "hello");
        CliRunner g = CliRunner.run("report", "access", "-i", garbage.toString());
        assertThat(g.exitCode()).isEqualTo(2);
        assertThat(g.err().lines()).singleElement().asString().startsWith("jdamon: " + garbage + ": not a record file");

        Path headerOnly = dir.resolve("header.jdr");
        RecordWriter.create(headerOnly, ReportFixtures.wss().header()).close();
        CliRunner h = CliRunner.run("report", "raw", "-i", headerOnly.toString());
        assertThat(h.exitCode()).isEqualTo(2);
        assertThat(h.err()).isEqualTo("jdamon: " + headerOnly + ": the record holds no snapshot\n");
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        Path p = write(ReportFixtures.wss(), "wss.jdr");
        assertThat(CliRunner.run("report").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("report", "wss", "-i", p.toString(), "--sortby", "colour").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("report", "wss", "-i", p.toString(), "--range", "0", "200", "50").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("report", "wss", "-i", p.toString(), "--per_target", "--collapse_targets").exitCode()).isEqualTo(2);
    }
}
