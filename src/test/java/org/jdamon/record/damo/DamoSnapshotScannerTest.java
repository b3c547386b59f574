package org.jdamon.record.damo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.InflaterInputStream;
import org.jdamon.bench.DamoRecordGenerator;
import org.jdamon.record.RecordFormat;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetInfo;
import org.jdamon.record.TargetSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DamoSnapshotScanner} through {@link DamoJsonStream}: damo's layout read by the scanner, the
 * layouts it hands to the Jackson path read by that, the values worked out by hand from the snippets,
 * and the two paths equal on generated records wherever the chunks end.
 */
class DamoSnapshotScannerTest {
    @TempDir
    Path dir;

    /**
     * A record as damo's {@code json.dumps(..., indent=4)} writes it: sample 5 ms, aggregation 100 ms; two
     * snapshots at epoch 1.0 s and 1.1 s, 100 ms each.
     */
    private static final String DAMO = """
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
                            "start_time": "1000000000",
                            "end_time": "1100000000",
                            "regions": [
                                {
                                    "start": "4096",
                                    "end": "12288",
                                    "nr_accesses": {
                                        "samples": 3,
                                        "percent": null
                                    },
                                    "age": {
                                        "usec": null,
                                        "aggr_intervals": "2"
                                    },
                                    "probe_hits": [],
                                    "sz_filter_passed": "4,096"
                                },
                                {
                                    "start": "12288",
                                    "end": "20480",
                                    "nr_accesses": {
                                        "samples": 0,
                                        "percent": null
                                    },
                                    "age": {
                                        "usec": null,
                                        "aggr_intervals": "5"
                                    },
                                    "probe_hits": [],
                                    "sz_filter_passed": "0"
                                }
                            ],
                            "total_bytes": "16384",
                            "damos_stats": null,
                            "sample_interval_us": null
                        },
                        {
                            "start_time": "1100000000",
                            "end_time": "1200000000",
                            "regions": [
                                {
                                    "start": "4,096",
                                    "end": "20,480",
                                    "nr_accesses": {
                                        "samples": 7,
                                        "percent": null
                                    },
                                    "age": {
                                        "usec": null,
                                        "aggr_intervals": "0"
                                    },
                                    "probe_hits": [],
                                    "sz_filter_passed": "8192"
                                }
                            ],
                            "total_bytes": "16384",
                            "damos_stats": null,
                            "sample_interval_us": null
                        }
                    ],
                    "data_source": "unknown"
                }
            ]
            """;

    /** What {@link #DAMO} holds: times relative to the first snapshot's 1.0 s, then start end nr age passed. */
    private static final List<String> DAMO_SNAPSHOTS = List.of(
            "0-100000000 t0 [4096,12288) 3 2 4096; [12288,20480) 0 5 0",
            "100000000-200000000 t0 [4096,20480) 7 0 8192");

    private record Read(RecordHeader header, List<String> snapshots, List<String> warnings, int scanned, int handed,
            long byGaps) {}

    /** A region as damo indents it inside a snapshot; each value is the text after its key's colon and space. */
    private static String damoRegion(String start, String end, String samples, String aggrs, String passed) {
        return damoRegion(start, end, samples, "null", aggrs, passed);
    }

    private static String damoRegion(String start, String end, String samples, String percent, String aggrs,
            String passed) {
        return String.join("\n",
                "                {",
                "                    \"start\": " + start + ",",
                "                    \"end\": " + end + ",",
                "                    \"nr_accesses\": {",
                "                        \"samples\": " + samples + ",",
                "                        \"percent\": " + percent,
                "                    },",
                "                    \"age\": {",
                "                        \"usec\": null,",
                "                        \"aggr_intervals\": " + aggrs,
                "                    },",
                "                    \"probe_hits\": [],",
                "                    \"sz_filter_passed\": " + passed,
                "                }");
    }

    /** {@link #DAMO} with its first snapshot's regions replaced by {@code regions}. */
    private static String damoWithRegions(List<String> regions) {
        int from = DAMO.indexOf("\"regions\": [") + "\"regions\": [".length();
        int to = DAMO.indexOf("],\n                \"total_bytes\"");
        return DAMO.substring(0, from) + "\n" + String.join(",\n", regions).indent(8).stripTrailing() + "\n"
                + " ".repeat(16) + DAMO.substring(to);
    }

    /**
     * Six regions: the second teaches the scanner damo's bytes between the numbers; the third (numbers
     * with group commas), fourth (null samples, which count as 0) and sixth are read by those bytes; the
     * fifth has two spaces after a colon and is read by the general scanner.
     */
    private static final List<String> SIX_REGIONS = List.of(
            damoRegion("\"4096\"", "\"8192\"", "1", "\"1\"", "\"0\""),
            damoRegion("\"8192\"", "\"12288\"", "2", "\"2\"", "\"4,096\""),
            damoRegion("\"12,288\"", "\"16,384\"", "3", "\"3\"", "\"4096\""),
            damoRegion("\"16384\"", "\"20480\"", "null", "\"4\"", "\"0\""),
            damoRegion("\"20480\"", "\"24576\"", " 5", "\"5\"", "\"0\""),
            damoRegion("\"24576\"", "\"28672\"", "6", "\"6\"", "\"8192\""));
    private static final String SIX_REGIONS_READ = "0-100000000 t0 [4096,8192) 1 1 0; [8192,12288) 2 2 4096; "
            + "[12288,16384) 3 3 4096; [16384,20480) 0 4 0; [20480,24576) 5 5 0; [24576,28672) 6 6 8192";

    private static Read read(String json, boolean scan, int chunk) throws IOException {
        return read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), scan, chunk);
    }

    private static Read read(InputStream in, boolean scan, int chunk) throws IOException {
        try (DamoJsonStream s = DamoJsonStream.open(in, "damo json", scan, chunk)) {
            List<String> out = new ArrayList<>();
            for (Snapshot n; (n = s.nextSnapshot()) != null; ) {
                out.add(describe(n));
            }
            return new Read(s.header(), out, s.warnings(), s.scannedSnapshots(), s.handedOver(), s.regionsByGaps());
        }
    }

    private static String describe(Snapshot s) {
        StringBuilder sb = new StringBuilder().append(s.startNs()).append('-').append(s.endNs());
        for (TargetSnapshot t : s.targets()) {
            sb.append(" t").append(t.targetId());
            for (int i = 0; i < t.size(); i++) {
                sb.append(i == 0 ? " " : "; ").append('[').append(Long.toUnsignedString(t.starts()[i])).append(',')
                        .append(Long.toUnsignedString(t.ends()[i])).append(") ").append(t.nrAccesses()[i]).append(' ')
                        .append(t.ages()[i]);
                if (t.hasFilterPassed()) {
                    sb.append(' ').append(t.filterPassed()[i]);
                }
            }
        }
        return sb.toString();
    }

    @Test
    void damosLayoutIsReadByTheScannerWhereverTheChunksEnd() throws IOException {
        for (int chunk : new int[] {1, 2, 3, 7, 64, 333, 1 << 18}) {
            Read r = read(DAMO, true, chunk);
            assertThat(r.snapshots()).as("chunks of " + chunk).isEqualTo(DAMO_SNAPSHOTS);
            assertThat(r.scanned()).isEqualTo(2);
            assertThat(r.handed()).isZero();
            assertThat(r.header().startEpochNs()).isEqualTo(1_000_000_000L);
            assertThat(r.header().attributes().aggrUs()).isEqualTo(100_000);
            assertThat(r.header().properties()).doesNotContainKey(RecordFormat.PROP_AGES).containsEntry("data_source", "unknown");
        }
    }

    @Test
    void regionsLaidOutLikeALearnedOneAreReadByItsBytesBetweenTheNumbers() throws IOException {
        String json = damoWithRegions(SIX_REGIONS);
        Read r = read(json, true, 1 << 18);
        assertThat(r.snapshots()).containsExactly(SIX_REGIONS_READ, DAMO_SNAPSHOTS.get(1));
        assertThat(r.scanned()).isEqualTo(2);
        assertThat(r.handed()).isZero();
        assertThat(r.byGaps()).isEqualTo(3);
        assertThat(read(json, false, 1 << 18).snapshots()).isEqualTo(r.snapshots());
    }

    @Test
    void aLearnedLayoutWithANumberOutsideTheScannersRangeGoesToTheGeneralPath() throws IOException {
        // 2^63 as the sixth region's end, which the scanner does not read (2^63 - 1 is its largest)
        List<String> regions = new ArrayList<>(SIX_REGIONS);
        regions.set(5, damoRegion("\"24576\"", "\"9223372036854775808\"", "6", "\"6\"", "\"8192\""));
        Read r = read(damoWithRegions(regions), true, 1 << 18);
        assertThat(r.snapshots().getFirst()).isEqualTo(
                SIX_REGIONS_READ.replace("[24576,28672)", "[24576,9223372036854775808)"));
        assertThat(r.handed()).isEqualTo(1);
    }

    @Test
    void bytesOfTheLearnedLengthButOtherTokensAreNotReadByTheLearnedBytes() throws IOException {
        // the fourth region with 50 % of its 20 samples (10) in "50  ", where the others have "null"
        List<String> percent = new ArrayList<>(SIX_REGIONS);
        percent.set(3, damoRegion("\"16384\"", "\"20480\"", "null", "50  ", "\"4\"", "\"0\""));
        Read r = read(damoWithRegions(percent), true, 1 << 18);
        assertThat(r.snapshots().getFirst()).isEqualTo(SIX_REGIONS_READ.replace("[16384,20480) 0 4 0", "[16384,20480) 10 4 0"));
        assertThat(r.handed()).isEqualTo(1);
        // a start of null, which the general path does not take either
        List<String> nullStart = new ArrayList<>(SIX_REGIONS);
        nullStart.set(3, damoRegion("null", "\"20480\"", "4", "\"4\"", "\"0\""));
        String json = damoWithRegions(nullStart);
        assertThat(outcome(json, true, 1 << 18)).isEqualTo(outcome(json, false, 1 << 18)).endsWith("no start");
        // an unquoted 0123, which JSON does not allow (a leading zero)
        List<String> leadingZero = new ArrayList<>(SIX_REGIONS);
        leadingZero.set(3, damoRegion("\"16384\"", "\"20480\"", "4", "\"4\"", "0123"));
        String zero = damoWithRegions(leadingZero);
        assertThat(outcome(zero, true, 1 << 18)).isEqualTo(outcome(zero, false, 1 << 18)).doesNotContain("[16384,20480) 4 4 123");
    }

    @Test
    void numbersOfEveryLengthAreReadQuotedOrNot() throws IOException {
        // filter-passed sizes of 1 to 19 digits (the prefixes of 1234567890123456789, below 2^63), in
        // regions 4 KiB apart; each file read with the scanner equals the general path and the digits
        String digits = "1234567890123456789";
        for (boolean quoted : new boolean[] {true, false}) {
            List<String> regions = new ArrayList<>();
            StringBuilder expected = new StringBuilder("0-100000000 t0");
            for (int len = 0; len <= digits.length(); len++) {
                String passed = len == 0 ? "7" : digits.substring(0, len);
                long start = 4096L * (len + 1);
                regions.add(damoRegion(q(start), q(start + 4096), "1", "\"2\"", quoted ? "\"" + passed + "\"" : passed));
                expected.append(len == 0 ? " " : "; ").append('[').append(start).append(',').append(start + 4096)
                        .append(") 1 2 ").append(passed);
            }
            String json = damoWithRegions(regions);
            Read r = read(json, true, 1 << 18);
            assertThat(r.snapshots().getFirst()).as("quoted " + quoted).isEqualTo(expected.toString());
            assertThat(r.handed()).isZero();
            // at least every region after the learned one (more where the snapshot was scanned again after more bytes)
            assertThat(r.byGaps()).isGreaterThanOrEqualTo(digits.length() - 1);
            assertThat(read(json, false, 1 << 18).snapshots()).isEqualTo(r.snapshots());
        }
    }

    private static String q(long v) {
        return "\"" + v + "\"";
    }

    @Test
    void aSixRegionFileCutAnywhereReadsAsTheGeneralPathReadsIt() {
        String json = damoWithRegions(SIX_REGIONS);
        int firstSnapshot = json.indexOf("\"start_time\"");
        for (int cut = firstSnapshot; cut < json.length(); cut += 5) {
            String head = json.substring(0, cut);
            assertThat(outcome(head, true)).as("cut at " + cut).isEqualTo(outcome(head, false));
        }
    }

    @Test
    void anyJsonWhitespaceIsDamosLayoutToo() throws IOException {
        String compact = DAMO.replaceAll("\\s+", "");
        Read r = read(compact, true, 5);
        assertThat(r.snapshots()).isEqualTo(DAMO_SNAPSHOTS);
        assertThat(r.scanned()).isEqualTo(2);
        String crlfTabs = DAMO.replace("\n", "\r\n").replace("    ", "\t");
        assertThat(read(crlfTabs, true, 11).snapshots()).isEqualTo(DAMO_SNAPSHOTS);
    }

    @Test
    void otherLayoutsGoToTheGeneralPathAndMeanTheSame() throws IOException {
        // the first region of the first snapshot with its end before its start
        String reordered = DAMO.replaceFirst("(\"start\": \"4096\",)(\\s*)(\"end\": \"12288\",)", "$3$2$1");
        // "4096" spelled with a unicode escape
        String escaped = DAMO.replaceFirst("\"start\": \"4096\"", "\"start\": \"\\\\u0034096\"");
        // a key damo does not write
        String unknownKey = DAMO.replaceFirst("\"probe_hits\": \\[\\],", "\"probe_hits\": [], \"hint\": 1,");
        // the same numbers as JSON integers, one of them with an exponent
        String integers = DAMO.replaceFirst("\"start\": \"12288\"", "\"start\": 12288").replaceFirst("\"end\": \"20480\"",
                "\"end\": 2.048e4");
        for (String json : List.of(reordered, escaped, unknownKey, integers)) {
            for (int chunk : new int[] {3, 1 << 18}) {
                Read r = read(json, true, chunk);
                assertThat(r.snapshots()).isEqualTo(DAMO_SNAPSHOTS);
                // the odd first snapshot and the rest of its record go through Jackson
                assertThat(r.handed()).isEqualTo(1);
                assertThat(r.scanned()).isZero();
            }
        }
    }

    @Test
    void numbersOutsideTheScannersRangeAreTheGeneralPaths() throws IOException {
        // an end of 2^64 - 4096 = 18446744073709547520 (as damo prints unsigned numbers), a target id of
        // 2^64 - 1, a negative sample count, and an access share in percent: 50 % of the 20 samples an
        // aggregation interval holds (100 ms / 5 ms) is 10
        String json = DAMO.replace("\"target_id\": 0", "\"target_id\": 18446744073709551615")
                .replace("\"end\": \"20480\"", "\"end\": \"18446744073709547520\"")
                .replace("\"end\": \"20,480\"", "\"end\": \"18,446,744,073,709,547,520\"")
                .replace("\"samples\": 0,", "\"samples\": -1,")
                .replaceFirst("\"samples\": 7,\\s*\"percent\": null", "\"samples\": null, \"percent\": 50");
        Read r = read(json, true, 1 << 18);
        assertThat(r.snapshots()).containsExactly(
                "0-100000000 t0 [4096,12288) 3 2 4096; [12288,18446744073709547520) -1 5 0",
                "100000000-200000000 t0 [4096,18446744073709547520) 10 0 8192");
        assertThat(r.handed()).isEqualTo(1);
        TargetInfo t = r.header().targets().getFirst();
        assertThat(t.damoId()).isEqualTo("18446744073709551615");
    }

    @Test
    void damosOlderLayoutWithoutAgesAndFilterSizesIsScanned() throws IOException {
        // damo's records of the kernel before sz_filter_passed and probe_hits, ages not recorded
        String old = DAMO.replaceAll(",\\s*\"probe_hits\": \\[\\],\\s*\"sz_filter_passed\": \"[0-9,]*\"", "")
                .replaceAll("\"aggr_intervals\": \"[0-9]*\"", "\"aggr_intervals\": null");
        Read r = read(old, true, 1 << 18);
        assertThat(r.snapshots()).containsExactly("0-100000000 t0 [4096,12288) 3 0; [12288,20480) 0 0",
                "100000000-200000000 t0 [4096,20480) 7 0");
        assertThat(r.scanned()).isEqualTo(2);
        assertThat(r.header().properties()).containsEntry(RecordFormat.PROP_AGES, RecordFormat.AGES_UNRECORDED);
    }

    @Test
    void theScannerResumesWithTheNextRecordAfterAHandOver() throws IOException {
        int records = DAMO.indexOf("    {");
        int recordsEnd = DAMO.lastIndexOf(']');
        String record = DAMO.substring(records, recordsEnd).stripTrailing();
        String second = record.replace("\"target_id\": 0", "\"target_id\": 1");
        String reorderedFirst = record.replaceFirst("(\"start\": \"4096\",)(\\s*)(\"end\": \"12288\",)", "$3$2$1");
        String json = "[\n" + reorderedFirst + ",\n" + second + "\n]\n";
        for (int chunk : new int[] {2, 50, 1 << 18}) {
            Read r = read(json, true, chunk);
            assertThat(r.snapshots()).containsExactly(DAMO_SNAPSHOTS.get(0), DAMO_SNAPSHOTS.get(1),
                    DAMO_SNAPSHOTS.get(0).replace(" t0 ", " t1 "), DAMO_SNAPSHOTS.get(1).replace(" t0 ", " t1 "));
            assertThat(r.handed()).isEqualTo(1);
            assertThat(r.scanned()).isEqualTo(2);
        }
    }

    @Test
    void aFileCutAnywhereReadsAsTheGeneralPathReadsIt() throws IOException {
        int firstSnapshot = DAMO.indexOf("\"start_time\"");
        for (int cut = firstSnapshot; cut < DAMO.length(); cut += 7) {
            String head = DAMO.substring(0, cut);
            assertThat(outcome(head, true)).as("cut at " + cut).isEqualTo(outcome(head, false));
        }
    }

    /** The snapshots and warnings read, or the error met. */
    private static String outcome(String json, boolean scan) {
        return outcome(json, scan, 64);
    }

    private static String outcome(String json, boolean scan, int chunk) {
        try {
            Read r = read(json, scan, chunk);
            return r.snapshots() + " " + r.warnings();
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Test
    void aSnapshotAcrossAChunkEndIsScannedOnce() throws IOException {
        // 40 regions of 545 bytes: a 22 KB snapshot, so about one in three crosses the end of a 64 KiB chunk;
        // the window is grown before it by the size of the one before, instead of scanning it twice
        Path file = dir.resolve("gen.json");
        DamoRecordGenerator.write(file, 300, 40, false);
        byte[] bytes = Files.readAllBytes(file);
        Read whole = read(new ByteArrayInputStream(bytes), true, bytes.length + 1);
        Read chunked = read(new ByteArrayInputStream(bytes), true, 1 << 16);
        assertThat(chunked.snapshots()).isEqualTo(whole.snapshots()).hasSize(300);
        assertThat(chunked.handed()).isZero();
        assertThat(whole.byGaps()).isGreaterThanOrEqualTo(298L * 39);
        assertThat(chunked.byGaps()).isEqualTo(whole.byGaps());
    }

    @Test
    void generatedRecordsReadTheSameByBothPaths() throws IOException {
        Path file = dir.resolve("gen.json_compressed");
        DamoRecordGenerator.write(file, 300, 40, true);
        byte[] bytes = Files.readAllBytes(file);
        Read general = read(new InflaterInputStream(new ByteArrayInputStream(bytes)), false, 1 << 18);
        assertThat(general.snapshots()).hasSize(300);
        for (int chunk : new int[] {4093, 1 << 18}) {
            Read scanned = read(new InflaterInputStream(new ByteArrayInputStream(bytes)), true, chunk);
            assertThat(scanned.scanned()).isEqualTo(300);
            assertThat(scanned.snapshots()).isEqualTo(general.snapshots());
            assertThat(scanned.header()).isEqualTo(general.header());
        }
    }
}
