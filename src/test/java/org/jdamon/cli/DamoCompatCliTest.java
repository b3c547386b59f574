package org.jdamon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.jdamon.core.damos.DamosFilter;
import org.jdamon.record.files.RecordFiles;
import org.jdamon.record.RecordFormat;
import org.jdamon.record.Recording;
import org.jdamon.record.TargetSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * damo's commands and options as a damo user calls them, on damo-format records written here: the
 * damo.data default input, {@code adjust}, {@code report wss --work_time}, DAMOS filter results read
 * from a record.
 */
class DamoCompatCliTest {
    @TempDir
    Path dir;

    private static String region(long start, long end, int nr, String age, String passed) {
        return "{\"start\": \"" + start + "\", \"end\": \"" + end + "\", \"nr_accesses\": {\"samples\": " + nr
                + ", \"percent\": null}, \"age\": {\"usec\": null, \"aggr_intervals\": " + age + "}"
                + (passed == null ? "" : ", \"sz_filter_passed\": \"" + passed + "\"") + "}";
    }

    /** A damo json record of one target with the given snapshots (each {start ns, end ns, regions...}). */
    private static String record(String targetId, String filters, List<String[]> snapshots) {
        List<String> snaps = new ArrayList<>();
        for (String[] s : snapshots) {
            List<String> regions = new ArrayList<>(List.of(s).subList(2, s.length));
            snaps.add("{\"start_time\": \"" + s[0] + "\", \"end_time\": \"" + s[1] + "\", \"regions\": ["
                    + String.join(", ", regions) + "]}");
        }
        return "[{\"kdamond_idx\": 0, \"context_idx\": 0, \"intervals\": {\"sample_us\": \"5000\", \"aggr_us\": "
                + "\"100000\", \"ops_update_us\": \"1000000\"}, \"scheme_idx\": 0, \"target_id\": " + targetId
                + ", \"scheme_filters\": [" + filters + "], \"snapshots\": [" + String.join(", ", snaps) + "]}]";
    }

    @Test
    void filterResultsAndRecordedIdsAreRead() throws IOException {
        String hugepage = "{\"filter_type\": \"hugepage_size\", \"matching\": true, \"allow\": true, "
                + "\"memcg_path\": \"\", \"address_range\": {\"start\": \"0\", \"end\": \"0\"}, "
                + "\"damon_target_idx\": \"0\", \"hugepage_size\": [\"2,097,152\", \"18446744073709551615\"]}";
        Path p = Files.writeString(dir.resolve("snap.json"), record("null", hugepage, List.<String[]>of(
                new String[] {"0", "100000000", region(4096, 8192, 1, "\"3\"", "1.500 KiB"),
                        region(8192, 16384, 0, "\"0\"", null)})));
        Recording r = RecordFiles.read(p);
        assertThat(r.header().snapshotFilters())
                .containsExactly(DamosFilter.hugepageSize(2 << 20, Long.MAX_VALUE, true, true));
        // a region without sz_filter_passed passed nothing, as damo reads it
        assertThat(r.snapshots().getFirst().targets().getFirst().filterPassed()).containsExactly(1536L, 0L);
        assertThat(r.header().targets().getFirst().recordedId()).isEqualTo("None");
        CliRunner out = CliRunner.run("report", "access", "-i", p.toString(), "--style", "recency-percentiles");
        assertThat(out.out()).startsWith("# damos filters (df): allow hugepage_size [2.000 MiB, max]\n");

        // damo's --snapshot_damos_filter is for live snapshots: accepted, noted, the record's results shown
        CliRunner live = CliRunner.run("report", "access", "-i", p.toString(), "--style", "recency-percentiles",
                "--snapshot_damos_filter", "allow", "anon");
        assertThat(live.exitCode()).isZero();
        assertThat(live.out()).isEqualTo(out.out());
        assertThat(live.err()).contains("--snapshot_damos_filter applies to live snapshots");

        Path big = Files.writeString(dir.resolve("big.json"), record("18446623438842320000", "",
                List.<String[]>of(new String[] {"0", "100000000", region(4096, 8192, 1, "null", null)})));
        CliRunner raw = CliRunner.run("report", "access", "--raw_form", "-i", big.toString());
        assertThat(raw.out()).contains("target_id: 18446623438842320000\n")
                .contains("000000001000-000000002000 (   4.000 KiB)           1    -1\n");
    }

    @Test
    void withoutInputReportsReadDamonDataWhenOnlyItExists() throws IOException {
        StringWriter err = new StringWriter();
        Files.writeString(dir.resolve("damon.data"), "[]");
        assertThat(RecordInput.defaultInput(dir, new PrintWriter(err, true))).isEqualTo(dir.resolve("damon.data"));
        assertThat(err.toString()).contains("reading " + dir.resolve("damon.data"));
        Files.writeString(dir.resolve("jdamon.data"), "");
        StringWriter quiet = new StringWriter();
        assertThat(RecordInput.defaultInput(dir, new PrintWriter(quiet, true))).isEqualTo(dir.resolve("jdamon.data"));
        assertThat(quiet.toString()).isEmpty();
    }

    /** Four 100 ms snapshots of [0, 4K) and [4K, 12K): samples (1, 0), (0, 0), (0, 0), (0, 2). */
    private Path fourSnapshots() throws IOException {
        List<String[]> snaps = new ArrayList<>();
        int[][] nr = {{1, 0}, {0, 0}, {0, 0}, {0, 2}};
        for (int k = 0; k < 4; k++) {
            snaps.add(new String[] {Long.toString(k * 100_000_000L), Long.toString((k + 1) * 100_000_000L),
                    region(0, 4096, nr[k][0], "\"" + k + "\"", "1,024"), region(4096, 12288, nr[k][1], "\"0\"", "0")});
        }
        return Files.writeString(dir.resolve("four.json"), record("7", "", snaps));
    }

    @Test
    void wssWorkTimeMergesSnapshotsFirst() throws IOException {
        Path p = fourSnapshots();
        // each snapshot: 4K, 0, 0, 8K, average 3,072; in 200 ms windows: [0, 4K) 1 sample -> 4K, then
        // [4K, 12K) 2 samples -> 8K, average 6,144
        CliRunner each = CliRunner.run("report", "wss", "-i", p.toString(), "--exclude_samples", "0", "--json");
        assertThat(each.out()).contains("\"avg_bytes\":3072");
        CliRunner merged = CliRunner.run("report", "wss", "-i", p.toString(), "--exclude_samples", "0",
                "--work_time", "200000", "--json");
        assertThat(merged.out()).contains("\"avg_bytes\":6144");
    }

    @Test
    void adjustWritesDamosCompressedRecord() throws IOException {
        Path p = fourSnapshots();
        Path out = dir.resolve("damon.adjusted.data");
        CliRunner run = CliRunner.run("adjust", "-i", p.toString(), "-o", out.toString(), "--skip", "1",
                "--aggregate_interval", "200000");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllBytes(out)[0] & 0xff).isEqualTo(0x78); // zlib, as damo's json_compressed
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
        Recording r = RecordFiles.read(out);
        // skipping S0: S1 + S2 is one 200 ms window, S3 alone never reaches 200 ms and is dropped
        assertThat(r.snapshots()).hasSize(1);
        assertThat(r.snapshots().getFirst().startNs()).isEqualTo(0);
        assertThat(r.snapshots().getFirst().endNs() - r.snapshots().getFirst().startNs()).isEqualTo(200_000_000L);
        TargetSnapshot t = r.snapshots().getFirst().targets().getFirst();
        assertThat(t.nrAccesses()).containsExactly(0, 0);
        assertThat(t.ages()).containsExactly(1, 0); // the window's first snapshot's ages
        assertThat(t.filterPassed()).containsExactly(1024L, 0L);
        assertThat(r.header().targets().getFirst().recordedId()).isEqualTo("7");
        assertThat(r.header().attributes().aggrUs()).isEqualTo(200_000);
        assertThat(RecordFormat.intervalsRecorded(r.header())).isTrue();

        CliRunner bad = CliRunner.run("adjust", "-i", p.toString(), "-o", out.toString(), "--output_type", "yaml");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).startsWith("jdamon: unsupported --output_type 'yaml'");
    }

    @Test
    void perfScriptFirstStartIsDamosFloatTruncated() throws IOException {
        // ends 1.0, 1.1, 1.2, 1.300001 s: damo's first start is 1 s - 300,001,000 / 3 ns = 899,999,666.67 ns,
        // printed as 899,999,666 (an integer average would give 899,999,667)
        StringBuilder perf = new StringBuilder();
        for (String t : new String[] {"1.000000", "1.100000", "1.200000", "1.300001"}) {
            perf.append("       kdamond.0  4452 [000] ").append(t)
                    .append(": damon:damon_aggregated: target_id=7 nr_regions=1 4096-8192: 3\n");
        }
        Recording r = RecordFiles.read(Files.writeString(dir.resolve("perf.data.script"), perf.toString()));
        assertThat(r.header().startEpochNs()).isEqualTo(899_999_666L);
        assertThat(r.header().targets().getFirst().recordedId()).isEqualTo("7");
        assertThat(r.header().properties()).containsEntry(RecordFormat.PROP_AGES, RecordFormat.AGES_UNRECORDED);
    }
}
