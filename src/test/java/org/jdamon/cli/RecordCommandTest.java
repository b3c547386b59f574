package org.jdamon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jdamon.record.files.RecordFiles;
import org.jdamon.record.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordCommandTest {
    @TempDir
    Path dir;

    @Test
    void recordsABuiltinWorkloadWithDamoUnits() throws Exception {
        Path out = dir.resolve("r.data");
        CliRunner r = CliRunner.run("record", "--sim", "stairs_30secs", "-o", out.toString(),
                "-s", "10ms", "-a", "200ms", "--duration", "3s");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("recorded 15 snapshots");
        Recording rec = RecordFiles.read(out);
        assertThat(rec.header().attributes().sampleUs()).isEqualTo(10_000);
        assertThat(rec.header().attributes().aggrUs()).isEqualTo(200_000);
        // 3 s of 200 ms windows
        assertThat(rec.snapshots()).hasSize(15);
        assertThat(rec.snapshots().getLast().endNs()).isEqualTo(3_000_000_000L);
    }

    @Test
    void withoutDurationTheWorkloadRunsItsPhasesOnce() throws Exception {
        Path cfg = dir.resolve("tiny.cfg");
        Files.writeString(cfg, """
                a, 1M
                b, 4M

                one
                300
                a, 1, 64, 1

                two
                500
                b, 0, 4096, 1
                """);
        Path out = dir.resolve("t.data");
        CliRunner r = CliRunner.run("record", "--sim", cfg.toString(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        // 800 ms of phases = 8 aggregation windows of 100 ms
        assertThat(RecordFiles.read(out).snapshots()).hasSize(8);
    }

    @Test
    void badInputGivesOneLineErrorsAndExitCodes() throws Exception {
        Path cfg = dir.resolve("bad.cfg");
        Files.writeString(cfg, "a, 1M\n\nphase\n100\nnosuch, 1, 64, 1\n");
        CliRunner bad = CliRunner.run("record", "--sim", cfg.toString(), "-o", dir.resolve("x").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).startsWith("jdamon: " + cfg + ":5:").doesNotContain("\n");

        CliRunner attrs = CliRunner.run("record", "--sim", "demo", "-n", "2", "-o", dir.resolve("y").toString());
        assertThat(attrs.exitCode()).isEqualTo(2);
        assertThat(attrs.err()).contains("min_nr_regions (2) must be at least 3");

        // the kernel takes a 0 sampling interval (it polls), but simulated time would stand still
        CliRunner still = CliRunner.run("record", "--sim", "demo", "-s", "0", "-o", dir.resolve("z").toString());
        assertThat(still.exitCode()).isEqualTo(2);
        assertThat(still.err().strip()).contains("sampling interval of 0").doesNotContain("\n");

        CliRunner unit = CliRunner.run("record", "--sim", "demo", "-s", "5 parsecs");
        assertThat(unit.exitCode()).isEqualTo(2);
        assertThat(unit.err()).contains("--sample: invalid duration '5 parsecs'");

        CliRunner dirMissing = CliRunner.run("record", "--sim", "demo", "-o", dir.resolve("no/such/dir/r").toString());
        assertThat(dirMissing.exitCode()).isEqualTo(2);
        assertThat(dirMissing.err().strip()).startsWith("jdamon: no such directory: ").contains("no/such/dir/r")
                .doesNotContain("\n");

        CliRunner noTarget = CliRunner.run("record");
        assertThat(noTarget.exitCode()).isEqualTo(2);
    }

    @Test
    void schemesFromDamoOptionsActOnTheSimulationAndReachTheRecord() throws Exception {
        Path with = dir.resolve("with.data");
        Path without = dir.resolve("without.data");
        CliRunner a = CliRunner.run("record", "--sim", "zigzag_30secs", "-o", with.toString(),
                "--damos_action", "pageout", "--damos_access_rate", "0", "0", "--damos_age", "1s", "max");
        assertThat(a.exitCode()).as(a.err()).isZero();
        CliRunner b = CliRunner.run("record", "--sim", "zigzag_30secs", "-o", without.toString());
        assertThat(b.exitCode()).as(b.err()).isZero();
        CliRunner sa = CliRunner.run("report", "schemes", "-i", with.toString(), "--json");
        CliRunner sb = CliRunner.run("report", "schemes", "-i", without.toString(), "--json");
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        var ra = json.readTree(sa.out());
        var rb = json.readTree(sb.out());
        // Without schemes nothing leaves memory: the average RSS is the whole footprint, no refault.
        assertThat(rb.get("schemes")).isEmpty();
        assertThat(rb.get("refaults").asLong()).isZero();
        assertThat(rb.get("avg_rss_bytes").asLong()).isEqualTo(rb.get("max_rss_bytes").asLong());
        // With pageout of regions idle >= 1 s, the idle half of zigzag goes out each phase: RSS falls.
        assertThat(ra.get("schemes").get(0).get("action").asString()).isEqualTo("pageout");
        assertThat(ra.get("schemes").get(0).get("sz_applied").asLong()).isPositive();
        assertThat(ra.get("avg_rss_bytes").asLong()).isLessThan((long) (0.9 * rb.get("avg_rss_bytes").asLong()));
        assertThat(ra.get("refaults").asLong()).isPositive();

        CliRunner badAction = CliRunner.run("record", "--sim", "demo", "--damos_action", "evaporate");
        assertThat(badAction.exitCode()).isEqualTo(2);
        assertThat(badAction.err()).contains("evaporate");
    }
}
