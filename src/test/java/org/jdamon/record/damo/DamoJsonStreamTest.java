package org.jdamon.record.damo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdamon.core.Attributes;
import org.jdamon.record.RecordFixtures;
import org.jdamon.record.RecordFormat;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.RecordSource;
import org.jdamon.record.RecordStream;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetInfo;
import org.jdamon.record.TargetSnapshot;
import org.jdamon.report.ReportFixtures;
import org.junit.jupiter.api.Test;

/** damo's JSON record written by {@link DamoJsonWriter} and read back by {@link DamoJsonStream}. */
class DamoJsonStreamTest {
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    private static byte[] damoJson(Recording r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DamoJsonRecord.write(RecordSource.of(r), s -> true, out);
        return out.toByteArray();
    }

    private static DamoJsonStream stream(byte[] json) throws IOException {
        return DamoJsonStream.open(new ByteArrayInputStream(json), "damo json");
    }

    private static List<Snapshot> all(RecordStream s) throws IOException {
        List<Snapshot> out = new ArrayList<>();
        for (Snapshot n; (n = s.nextSnapshot()) != null; ) {
            out.add(n);
        }
        return out;
    }

    /**
     * One target, one 100 ms snapshot at epoch 2 s, one region 4 KiB-12 KiB with 7 accesses, age 3 and
     * (when {@code passed}) 0 bytes through DAMOS filters, as damo's own records of the kernel have.
     */
    private static Recording oneRegion(boolean passed) {
        RecordHeader h = new RecordHeader(RecordFormat.VERSION, "test", Attributes.DAMO_DEFAULTS, "sim",
                List.of(new TargetInfo(0, -1, "")), 2_000_000_000L, Map.of());
        TargetSnapshot t = RecordFixtures.target(0, 4096, 12288, 7, 3);
        return new Recording(h, List.of(new Snapshot(0, 100_000_000L,
                List.of(passed ? t.withFilterPassed(new long[] {0}) : t))), List.of(), List.of());
    }

    @Test
    void writesDamosLayoutByteForByte() throws IOException {
        // what damo's json.dumps(records, indent=4) writes for this record (raw numbers as strings)
        String expected = """
                [
                    {
                        "kdamond_idx": 0,
                        "context_idx": 0,
                        "intervals": {
                            "sample_us": "5000",
                            "aggr_us": "100000",
                            "ops_update_us": "1000000",
                            "intervals_goal": {
                                "access_bp": "0.000000",
                                "aggrs": "0",
                                "min_sample_us": "0",
                                "max_sample_us": "0"
                            }
                        },
                        "scheme_idx": null,
                        "target_id": 0,
                        "scheme_filters": [],
                        "snapshots": [
                            {
                                "start_time": "2000000000",
                                "end_time": "2100000000",
                                "regions": [
                                    {
                                        "start": "4096",
                                        "end": "12288",
                                        "nr_accesses": {
                                            "samples": 7,
                                            "percent": null
                                        },
                                        "age": {
                                            "usec": null,
                                            "aggr_intervals": "3"
                                        },
                                        "probe_hits": [],
                                        "sz_filter_passed": "0"
                                    }
                                ],
                                "total_bytes": "8192",
                                "damos_stats": null,
                                "sample_interval_us": null
                            }
                        ],
                        "data_source": "unknown"
                    }
                ]""";
        assertThat(new String(damoJson(oneRegion(true)), StandardCharsets.US_ASCII)).isEqualTo(expected);
        // without recorded filter-passed sizes the field is left out (damo reads that as 0)
        assertThat(new String(damoJson(oneRegion(false)), StandardCharsets.US_ASCII)).isEqualTo(expected
                .replace("\"probe_hits\": [],\n                        \"sz_filter_passed\": \"0\"\n",
                        "\"probe_hits\": []\n"));
    }

    @Test
    void emptyListsAndStringsAsPythonWritesThem() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DamoJsonWriter w = new DamoJsonWriter(out)) {
            w.beginRecord(0, 0, null, 2, DamoJsonWriter.targetId(new TargetInfo(0, -1, "", "18446744073709551615")),
                    List.of());
            w.endRecord("\u00e9\"x\u0001");
        }
        String text = out.toString(StandardCharsets.US_ASCII);
        assertThat(text).contains("\"intervals\": null,\n", "\"scheme_idx\": 2,\n",
                "\"target_id\": 18446744073709551615,\n",
                "\"snapshots\": [],\n", "\"data_source\": \"\\u00e9\\\"x\\u0001\"\n");
        try (DamoJsonWriter w = new DamoJsonWriter(out = new ByteArrayOutputStream())) {
            // no record
        }
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("[]");
    }

    @Test
    void twoTargetsStreamSeriesBySeriesWithExactRegionsAndTimes() throws IOException {
        byte[] json = damoJson(ReportFixtures.twoTargets());
        try (DamoJsonStream s = stream(json)) {
            // only the first record has been met when the stream opens
            assertThat(s.header().targets()).extracting(TargetInfo::id).containsExactly(0);
            assertThat(s.header().startEpochNs()).isEqualTo(5_000_000_000L);
            assertThat(s.header().attributes()).isEqualTo(Attributes.DAMO_DEFAULTS);
            List<Snapshot> snaps = all(s);
            assertThat(snaps).hasSize(4);
            // target 0's two snapshots, then target 1's: one target each, times since 5 s
            assertThat(snaps).extracting(n -> n.targets().getFirst().targetId()).containsExactly(0, 0, 1, 1);
            assertThat(snaps).extracting(Snapshot::startNs).containsExactly(0L, 100_000_000L, 0L, 100_000_000L);
            assertThat(snaps).extracting(Snapshot::endNs)
                    .containsExactly(100_000_000L, 200_000_000L, 100_000_000L, 200_000_000L);
            TargetSnapshot t0 = snaps.get(1).target(0);
            assertThat(t0.starts()).containsExactly(0x1000L, 0x200000L);
            assertThat(t0.ends()).containsExactly(0x200000L, 0x400000L);
            assertThat(t0.nrAccesses()).containsExactly(10, 0);
            assertThat(t0.ages()).containsExactly(1, 6);
            TargetSnapshot t1 = snaps.get(3).target(1);
            assertThat(t1.starts()).containsExactly(0xffff_ffff_fff0_0000L);
            assertThat(t1.ends()).containsExactly(0xffff_ffff_ffff_f000L);
            assertThat(t1.nrAccesses()).containsExactly(2);
            assertThat(t1.ages()).containsExactly(13);
            assertThat(s.header().targets()).extracting(TargetInfo::id).containsExactly(0, 1);
            assertThat(s.header().properties()).containsEntry("data_source", "unknown")
                    .containsEntry(RecordFormat.PROP_SOURCE_FORMAT, "damo json");
            assertThat(s.warnings()).isEmpty();
        }
        // read into memory, the k-th snapshots of both targets are one snapshot again
        Recording joined = org.jdamon.record.files.RecordFiles.read(java.nio.file.Files.write(dir.resolve("two.json"), json));
        assertThat(joined.snapshots()).hasSize(2);
        assertThat(joined.snapshots().get(0).targets()).extracting(TargetSnapshot::targetId).containsExactly(0, 1);
        assertThat(joined.snapshots().get(1).target(0).nrAccesses()).containsExactly(10, 0);
    }

    @Test
    void idsThatAreNotSmallIndexesAreRenumberedAndKeptAsNames() throws IOException {
        String json = """
                [{"target_id": 18446623438842320000, "snapshots": [{"start_time": 10, "end_time": 20,
                  "regions": [{"start": 0, "end": 4096, "nr_accesses": {"samples": 1}, "age": {"aggr_intervals": 1}}]}]},
                 {"target_id": 0, "snapshots": [{"start_time": 10, "end_time": 20,
                  "regions": [{"start": 0, "end": 8192, "nr_accesses": {"samples": 2}, "age": {"aggr_intervals": 2}}]}]}]
                """;
        try (DamoJsonStream s = stream(json.getBytes(StandardCharsets.UTF_8))) {
            List<Snapshot> snaps = all(s);
            // the first id is a kernel pointer: it becomes 0; the second, 0, is taken: it becomes 1
            assertThat(s.header().targets()).containsExactly(
                    new TargetInfo(0, -1, "target_id=18446623438842320000", "18446623438842320000"),
                    new TargetInfo(1, -1, "target_id=0", "0"));
            assertThat(snaps.get(1).target(1).ends()).containsExactly(8192L);
        }
    }

    @Test
    void aFileCutShortKeepsItsCompleteSnapshots() throws IOException {
        String json = new String(damoJson(ReportFixtures.twoTargets()), StandardCharsets.US_ASCII);
        // cut inside target 1's first snapshot (the second record)
        int cut = json.indexOf("\"start_time\"", json.indexOf("\"target_id\": 1")) + 30;
        try (DamoJsonStream s = stream(json.substring(0, cut).getBytes(StandardCharsets.US_ASCII))) {
            assertThat(all(s)).hasSize(2).allSatisfy(n -> assertThat(n.target(0)).isNotNull());
            assertThat(s.warnings()).singleElement().asString()
                    .startsWith("record 1 snapshot 0: the file ends inside the record");
        }
        // cut before any snapshot: nothing to keep
        byte[] head = json.substring(0, json.indexOf("\"regions\"")).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> stream(head)).isInstanceOf(java.io.EOFException.class)
                .hasMessageContaining("before its first snapshot");
    }

    @Test
    void schemeFiltersAreReadInOrderAndAnEmptyOrMissingListIsNone() throws IOException {
        String snapshots = "\"snapshots\": [{\"start_time\": 1, \"end_time\": 2, \"regions\": [{\"start\": 0,"
                + " \"end\": 4096, \"nr_accesses\": {\"samples\": 1}, \"age\": {\"aggr_intervals\": 0}}]}]";
        String two = "[{\"target_id\": 0, \"scheme_filters\": [{\"filter_type\": \"anon\", \"matching\": true,"
                + " \"allow\": false}, {\"filter_type\": \"active\", \"matching\": false, \"allow\": true}], "
                + snapshots + "}]";
        try (DamoJsonStream s = stream(two.getBytes(StandardCharsets.UTF_8))) {
            all(s);
            assertThat(s.header().snapshotFilters()).containsExactly(
                    org.jdamon.core.damos.DamosFilter.of(org.jdamon.core.damos.FilterType.ANON, true, false),
                    org.jdamon.core.damos.DamosFilter.of(org.jdamon.core.damos.FilterType.ACTIVE, false, true));
        }
        for (String none : List.of("[]", "null", "{\"filter_type\": \"anon\"}")) {
            String json = "[{\"target_id\": 0, \"scheme_filters\": " + none + ", " + snapshots + "}]";
            try (DamoJsonStream s = stream(json.getBytes(StandardCharsets.UTF_8))) {
                assertThat(all(s)).as(none).hasSize(1);
                assertThat(s.header().snapshotFilters()).as(none).isEmpty();
            }
        }
        String cutInside = two.substring(0, two.indexOf("{\"filter_type\": \"active"));
        assertThatThrownBy(() -> stream(cutInside.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(java.io.EOFException.class).hasMessageContaining("before its first snapshot");
    }

    @Test
    void malformedRecordsNameTheRecordAndSnapshot() {
        String notAnObject = """
                [{"target_id": 0, "snapshots": [{"start_time": 1, "end_time": 2, "regions": [{"start": 0, "end": 1,
                  "nr_accesses": {"samples": 1}, "age": {"aggr_intervals": 0}}]},
                  {"start_time": 2, "end_time": 3, "regions": [7]}]}]
                """;
        assertThatThrownBy(() -> {
            try (DamoJsonStream s = stream(notAnObject.getBytes(StandardCharsets.UTF_8))) {
                all(s);
            }
        }).isInstanceOf(IOException.class).hasMessage("record 0 snapshot 1: a region is not a JSON object");
        String noEnd = "[{\"snapshots\": [{\"start_time\": 1, \"regions\": []}]}]";
        assertThatThrownBy(() -> stream(noEnd.getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class)
                .hasMessage("record 0 snapshot 0: no end_time");
        assertThatThrownBy(() -> stream("{}".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class)
                .hasMessageContaining("expected a JSON list of records");
        assertThatThrownBy(() -> stream("[{\"target_id\": 0}]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessage("record 0: no snapshots");
    }

    @Test
    void lineBreaksAndIndentationAreDroppedWhereverChunksEnd() {
        String text = "[\n    {\n        \"a\": \"x  y\",\n\t\t\"b\": 1\r\n    }\n]\n";
        String compact = "[{\"a\": \"x  y\",\"b\": 1\r}]";
        for (int split = 0; split <= text.length(); split++) {
            JsonTextInput in = new JsonTextInput(java.io.InputStream.nullInputStream(), "test");
            byte[] a = text.substring(0, split).getBytes(StandardCharsets.US_ASCII);
            byte[] b = text.substring(split).getBytes(StandardCharsets.US_ASCII);
            String out = new String(a, 0, in.squeeze(a, a.length), StandardCharsets.US_ASCII)
                    + new String(b, 0, in.squeeze(b, b.length), StandardCharsets.US_ASCII);
            assertThat(out).as("split at " + split).isEqualTo(compact);
        }
        // runs longer than eight blanks, and line breaks at the very end of a word
        byte[] long_ = ("\"k\":\n" + " ".repeat(37) + "\"v\"\n\n" + " ".repeat(8) + "]").getBytes(StandardCharsets.US_ASCII);
        JsonTextInput in = new JsonTextInput(java.io.InputStream.nullInputStream(), "test");
        assertThat(new String(long_, 0, in.squeeze(long_, long_.length), StandardCharsets.US_ASCII))
                .isEqualTo("\"k\":\"v\"]");
    }
}
