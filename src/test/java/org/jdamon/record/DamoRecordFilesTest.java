package org.jdamon.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.jdamon.core.IntervalsGoal;
import org.jdamon.record.files.RecordFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** damo's record formats, from small hand-written files, through {@link RecordFiles#read}. */
class DamoRecordFilesTest {
    @TempDir
    Path dir;

    /** Two snapshots of target 0 written the way damo writes them (strings, commas, units). */
    static final String JSON = """
            [
                {
                    "kdamond_idx": 0,
                    "context_idx": 0,
                    "intervals": {"sample_us": "5 ms", "aggr_us": "100,000", "ops_update_us": "1 s",
                                  "intervals_goal": {"access_bp": "4 %", "aggrs": "3",
                                                     "min_sample_us": "5 ms", "max_sample_us": "10 s"}},
                    "scheme_idx": 0,
                    "target_id": 0,
                    "scheme_filters": [],
                    "snapshots": [
                        {"start_time": "1000000000", "end_time": "1100000000",
                         "regions": [
                            {"start": "4,096", "end": "8,192",
                             "nr_accesses": {"samples": 5, "percent": null},
                             "age": {"usec": null, "aggr_intervals": "2"},
                             "probe_hits": [], "sz_filter_passed": "0 B"},
                            {"start": "18446744073709547520", "end": "max",
                             "nr_accesses": {"samples": null, "percent": "50 %"},
                             "age": {"usec": "1 s 500 ms", "aggr_intervals": null},
                             "probe_hits": [], "sz_filter_passed": "0 B"}
                         ],
                         "total_bytes": "8192", "damos_stats": null, "sample_interval_us": null},
                        {"start_time": 1100000000, "end_time": 1200000000,
                         "regions": [{"start": 4096, "end": 12288,
                                      "nr_accesses": {"samples": 1}, "age": {"aggr_intervals": 0}}],
                         "total_bytes": null}
                    ],
                    "data_source": "unknown"
                }
            ]
            """;

    private void checkJsonRecording(Recording r, String source) {
        assertThat(r.header().properties()).containsEntry(RecordFormat.PROP_SOURCE_FORMAT, source);
        assertThat(r.header().attributes().sampleUs()).isEqualTo(5_000);
        assertThat(r.header().attributes().aggrUs()).isEqualTo(100_000);
        assertThat(r.header().attributes().updateUs()).isEqualTo(1_000_000);
        assertThat(r.header().attributes().intervalsGoal()).isEqualTo(new IntervalsGoal(400, 3, 5_000, 10_000_000));
        assertThat(r.header().startEpochNs()).isEqualTo(1_000_000_000L);
        assertThat(r.header().targets()).extracting(TargetInfo::id).containsExactly(0);
        assertThat(r.snapshots()).hasSize(2);
        Snapshot s0 = r.snapshots().get(0);
        assertThat(s0.startNs()).isZero();
        assertThat(s0.endNs()).isEqualTo(100_000_000L);
        TargetSnapshot t = s0.target(0);
        assertThat(t.starts()).containsExactly(4096L, -4096L);
        assertThat(t.ends()).containsExactly(8192L, -1L);
        // 50 % of aggr/sample = 20 samples -> 10; 1.5 s / 100 ms -> 15 aggregations
        assertThat(t.nrAccesses()).containsExactly(5, 10);
        assertThat(t.ages()).containsExactly(2, 15);
        Snapshot s1 = r.snapshots().get(1);
        assertThat(s1.startNs()).isEqualTo(100_000_000L);
        assertThat(s1.target(0).ends()).containsExactly(12288L);
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void json() throws IOException {
        Path p = Files.writeString(dir.resolve("damon.data"), JSON);
        checkJsonRecording(RecordFiles.read(p), "damo json");
    }

    @Test
    void openStreamsAnyFormat() throws IOException {
        Path json = Files.writeString(dir.resolve("damon.data"), JSON);
        try (RecordStream s = RecordFiles.open(json)) {
            assertThat(s).isNotInstanceOf(RecordReader.class);
            assertThat(s.header().attributes().aggrUs()).isEqualTo(100_000);
            assertThat(s).hasSize(2);
        }
        Path own = dir.resolve("own.jdr");
        try (RecordWriter w = RecordWriter.create(own, RecordFixtures.header(1))) {
            w.writeSnapshot(new Snapshot(0, 10, List.of(RecordFixtures.target(0, 0, 4096, 1, 1))));
        }
        try (RecordStream s = RecordFiles.open(own)) {
            assertThat(s).isInstanceOf(RecordReader.class);
            assertThat(s.nextSnapshot().endNs()).isEqualTo(10);
            assertThat(s.nextSnapshot()).isNull();
            assertThat(s.warnings()).isEmpty();
        }
    }

    @Test
    void jsonCompressedZlibAndGzip() throws IOException {
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(z)) {
            out.write(JSON.getBytes(StandardCharsets.UTF_8));
        }
        Path zp = Files.write(dir.resolve("z.data"), z.toByteArray());
        checkJsonRecording(RecordFiles.read(zp), "damo json_compressed");

        ByteArrayOutputStream g = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(g)) {
            out.write(JSON.getBytes(StandardCharsets.UTF_8));
        }
        Path gp = Files.write(dir.resolve("g.data"), g.toByteArray());
        checkJsonRecording(RecordFiles.read(gp), "damo json_compressed (gzip)");

        byte[] torn = Arrays.copyOf(z.toByteArray(), z.size() / 2);
        Path tp = Files.write(dir.resolve("torn.data"), torn);
        assertThatThrownBy(() -> RecordFiles.read(tp)).isInstanceOf(RecordFormatException.class)
                .hasMessageStartingWith(tp + ": ");
    }

    @Test
    void twoTargetsJoinBySnapshotIndex() throws IOException {
        String json = """
                [{"target_id": 0, "intervals": {"sample_us": 5000, "aggr_us": 100000, "ops_update_us": 1000000},
                  "snapshots": [{"start_time": 10, "end_time": 20, "regions": [{"start": 0, "end": 4096,
                                 "nr_accesses": {"samples": 1}, "age": {"aggr_intervals": 1}}]}]},
                 {"target_id": 1, "intervals": {"sample_us": 5000, "aggr_us": 100000, "ops_update_us": 1000000},
                  "snapshots": [{"start_time": 10, "end_time": 20, "regions": [{"start": 8192, "end": 12288,
                                 "nr_accesses": {"samples": 3}, "age": {"aggr_intervals": 4}}]}]}]
                """;
        Recording r = RecordFiles.read(Files.writeString(dir.resolve("two.json"), json));
        assertThat(r.snapshots()).singleElement().satisfies(s -> {
            assertThat(s.target(0).starts()).containsExactly(0L);
            assertThat(s.target(1).nrAccesses()).containsExactly(3);
            assertThat(s.endNs()).isEqualTo(10);
        });
    }

    /** Legacy block: sec, nsec, nr_tasks, then per task id, nr_regions, regions (start, end, nr). */
    private static void block(ByteBuffer b, long sec, long nsec, boolean v1, long id, long... startEndNr) {
        b.putLong(sec).putLong(nsec).putInt(1);
        if (v1) {
            b.putInt((int) id);
        } else {
            b.putLong(id);
        }
        b.putInt(startEndNr.length / 3);
        for (int i = 0; i < startEndNr.length; i += 3) {
            b.putLong(startEndNr[i]).putLong(startEndNr[i + 1]).putInt((int) startEndNr[i + 2]);
        }
    }

    private static byte[] legacy(boolean magic, int version) {
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        if (magic) {
            b.put("damon_recfmt_ver".getBytes(StandardCharsets.US_ASCII)).putInt(version);
        }
        boolean v1 = version == 1;
        long tid = v1 ? 1234 : 0xffff_8880_1234_5678L;
        block(b, 100, 100_000_000, v1, tid, 0x1000, 0x3000, 4, 0x3000, 0x9000, 0);
        block(b, 100, 300_000_000, v1, tid, 0x1000, 0x9000, 7);
        block(b, 100, 500_000_000, v1, tid, 0x1000, 0x5000, 1, 0x5000, 0x9000, 2);
        return Arrays.copyOf(b.array(), b.position());
    }

    private static void checkLegacy(Recording r, String rawId) {
        // ends at 100.1, 100.3, 100.5 s: average duration 200 ms, so the first starts at 99.9 s
        assertThat(r.header().startEpochNs()).isEqualTo(99_900_000_000L);
        assertThat(r.snapshots()).extracting(Snapshot::startNs).containsExactly(0L, 200_000_000L, 400_000_000L);
        assertThat(r.snapshots()).extracting(Snapshot::endNs)
                .containsExactly(200_000_000L, 400_000_000L, 600_000_000L);
        assertThat(r.header().attributes().aggrUs()).isEqualTo(200_000);
        assertThat(r.header().targets()).containsExactly(new TargetInfo(0, -1, "target_id=" + rawId, rawId));
        TargetSnapshot t = r.snapshots().get(0).target(0);
        assertThat(t.starts()).containsExactly(0x1000L, 0x3000L);
        assertThat(t.ends()).containsExactly(0x3000L, 0x9000L);
        assertThat(t.nrAccesses()).containsExactly(4, 0);
        assertThat(t.ages()).containsExactly(0, 0);
        assertThat(r.snapshots().get(2).target(0).nrAccesses()).containsExactly(1, 2);
    }

    @Test
    void legacyBinaryWithMagicV2() throws IOException {
        Path p = Files.write(dir.resolve("old.data"), legacy(true, 2));
        Recording r = RecordFiles.read(p);
        checkLegacy(r, Long.toUnsignedString(0xffff_8880_1234_5678L));
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void legacyBinaryV1AndV0() throws IOException {
        checkLegacy(RecordFiles.read(Files.write(dir.resolve("v1.data"), legacy(true, 1))), "1234");
        Recording v0 = RecordFiles.read(Files.write(dir.resolve("v0.data"), legacy(false, 0)));
        checkLegacy(v0, Long.toUnsignedString(0xffff_8880_1234_5678L));
        assertThat(v0.header().properties().get(RecordFormat.PROP_SOURCE_FORMAT)).contains("v0");
    }

    @Test
    void tornLegacyFileKeepsTheIntactBlocks() throws IOException {
        byte[] full = legacy(true, 2);
        // the third block has 2 regions: 20 + 12 + 40 bytes; cut 10 bytes into its regions
        int thirdBlock = full.length - (20 + 12 + 40);
        Path p = Files.write(dir.resolve("torn.data"), Arrays.copyOf(full, thirdBlock + 42));
        Recording r = RecordFiles.read(p);
        assertThat(r.snapshots()).hasSize(2);
        assertThat(r.warnings()).containsExactly(
                "offset %d: truncated snapshot block; skipped the last 42 bytes".formatted(thirdBlock));
    }

    @Test
    void fakeLastSnapshotOfSingleSnapshotFilesIsDropped() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        b.put("damon_recfmt_ver".getBytes(StandardCharsets.US_ASCII)).putInt(2);
        block(b, 5, 100_000_000, false, 0, 0x1000, 0x2000, 3);
        block(b, 5, 200_000_000, false, 0, 0, 0, -1);
        Recording r = RecordFiles.read(Files.write(dir.resolve("one.data"), Arrays.copyOf(b.array(), b.position())));
        assertThat(r.snapshots()).singleElement().satisfies(s -> {
            assertThat(s.endNs() - s.startNs()).isEqualTo(100_000_000L);
            assertThat(s.target(0).nrAccesses()).containsExactly(3);
        });
    }

    @Test
    void perfScriptText() throws IOException {
        String text = """
                kdamond.0  4452 [000] 100.100000: damon:damon_aggregated: target_id=0 nr_regions=2 4096-12288: 20 0
                kdamond.0  4452 [000] 100.100000: damon:damon_aggregated: target_id=0 nr_regions=2 12288-40960: 0 5
                kdamond.0  4452 [000] 100.150000: damon:damon_monitor_intervals_tune: sample_us=5000
                kdamond.0  4452 [000] 100.300000: damon:damon_aggregated: target_id=0 nr_regions=1 4096-40960: 3
                kdamond.0  4452 [000] 100.300000: damon:damon_aggregated: target_id=0 nr_regions=x 4096-40960: 3 1
                kdamond.0  4452 [000] 100.500000: damon:damon_aggregated: target_id=0 nr_regions=3 4096-8192: 1 2
                """;
        Path p = Files.writeString(dir.resolve("perf.txt"), text);
        Recording r = RecordFiles.read(p);
        // two complete snapshots ending at 100.1 s and 100.3 s: the first starts one average duration
        // (200 ms) before its end; the third (1 of 3 regions) is incomplete
        assertThat(r.header().startEpochNs()).isEqualTo(99_900_000_000L);
        assertThat(r.snapshots()).extracting(Snapshot::endNs).containsExactly(200_000_000L, 400_000_000L);
        TargetSnapshot t0 = r.snapshots().get(0).target(0);
        assertThat(t0.starts()).containsExactly(4096L, 12288L);
        assertThat(t0.nrAccesses()).containsExactly(20, 0);
        assertThat(t0.ages()).containsExactly(0, 5);
        TargetSnapshot t1 = r.snapshots().get(1).target(0);
        assertThat(t1.ends()).containsExactly(40960L);
        assertThat(t1.ages()).containsExactly(0); // old kernels print no age
        assertThat(r.header().attributes().aggrUs()).isEqualTo(200_000);
        assertThat(r.warnings()).containsExactly(
                "line 5: 1 malformed damon_aggregated line(s); skipped",
                "target_id=0: last snapshot incomplete (1 of 3 regions); skipped");
    }

    @Test
    void unknownContentIsAClearError() throws IOException {
        Path p = Files.writeString(dir.resolve("notes.txt"), "just some text\n");
        assertThatThrownBy(() -> RecordFiles.read(p)).isInstanceOf(RecordFormatException.class)
                .hasMessage(p + ": not a record file (neither jdamon's format nor damo's json, json_compressed, perf_script or damon.data)");
        Path bad = Files.writeString(dir.resolve("bad.json"), "[{\"target_id\": 0}]");
        assertThatThrownBy(() -> RecordFiles.read(bad)).hasMessage(bad + ": record 0: no snapshots");
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> RecordFiles.read(missing)).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }
}
