package org.jdamon.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdamon.record.files.RecordFiles;
import org.jdamon.record.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw and access reports on {@link ReportFixtures#twoTargets()}, checked line by line against outputs
 * worked out by hand (the same outputs damo v3.3.0 prints for this record).
 */
class RawAndAccessReportTest {
    @TempDir
    Path dir;

    @Test
    void rawFormLineByLine() {
        String out = RawReport.text(ReportFixtures.twoTargets(), RawReport.TimeWindow.ALL, false);
        assertThat(out.split("\n", -1)).containsExactly(
                "base_time_absolute: 5 s",
                "data source: unknown",
                "",
                "monitoring_start:                0 ns",
                "monitoring_end:                100 ms",
                "monitoring_duration:           100 ms",
                "target_id: 0",
                "nr_regions: 2",
                "# start_addr     end_addr        length  nr_accesses   age",
                "000000001000-000000003000 (   8.000 KiB)          20     0",
                "000000003000-000000400000 (   3.988 MiB)           0     5",
                "",
                "monitoring_start:              100 ms",
                "monitoring_end:                200 ms",
                "monitoring_duration:           100 ms",
                "target_id: 0",
                "nr_regions: 2",
                "# start_addr     end_addr        length  nr_accesses   age",
                "000000001000-000000200000 (   1.996 MiB)          10     1",
                "000000200000-000000400000 (   2.000 MiB)           0     6",
                "",
                "base_time_absolute: 5 s",
                "data source: unknown",
                "",
                "monitoring_start:                0 ns",
                "monitoring_end:                100 ms",
                "monitoring_duration:           100 ms",
                "target_id: 1",
                "nr_regions: 1",
                "# start_addr     end_addr        length  nr_accesses   age",
                "fffffffffff00000-fffffffffffff000 (1020.000 KiB)           1    12",
                "",
                "monitoring_start:              100 ms",
                "monitoring_end:                200 ms",
                "monitoring_duration:           100 ms",
                "target_id: 1",
                "nr_regions: 1",
                "# start_addr     end_addr        length  nr_accesses   age",
                "fffffffffff00000-fffffffffffff000 (1020.000 KiB)           2    13",
                "",
                "",
                "");
    }

    @Test
    void rawNumbersAndTimeWindow() {
        String out = RawReport.text(ReportFixtures.twoTargets(), new RawReport.TimeWindow(0.05, 1), true);
        assertThat(out.split("\n")).startsWith(
                "base_time_absolute: 5100000000",
                "data source: unknown",
                "",
                "monitoring_start:                   0",
                "monitoring_end:             100000000",
                "monitoring_duration:        100000000",
                "target_id: 0",
                "nr_regions: 2",
                "# start_addr     end_addr        length  nr_accesses   age",
                "000000001000-000000200000 (     2093056)          10     1",
                "000000200000-000000400000 (     2097152)           0     6");
    }

    @Test
    void accessDetailedViewOfTheFirstSnapshot() {
        AccessReport.Options o = new AccessReport.Options(0, 0, false, false, 80);
        String out = AccessReport.text(ReportFixtures.twoTargets(), o);
        String[] lines = out.split("\n", -1);
        // temperatures: region [4K,12K) 100 % accessed, age 0 -> 100*100 = 10,000; region [12K,4M) idle
        // for 5 aggregations (500 ms) -> -(500,000 us * 100) = -50,000,000. The 80 columns are 4,190,208 / 80
        // = 52,377.6 bytes (51.150 KiB); column 0 mixes 8 KiB hot with 44,185.6 idle bytes:
        // (8192 * 10,000 - 44,185.6 * 50,000,000) / 52,377.6 = -42,178,299.6 -> level 9, all others 0.
        assertThat(lines).containsExactly(
                "kdamond 0 / context 0 / scheme None / target id 0 / recorded for 100 ms from 5 s",
                "heatmap: 9" + "0".repeat(79),
                "# min/max temperatures: -50,000,000, -42,178,299, column size: 51.150 KiB",
                "intervals: sample 5 ms aggr 100 ms (max access hz 200)",
                "0   addr 4.000 KiB    size 8.000 KiB   access 200 hz age 0 ns         ",
                "1   addr 12.000 KiB   size 3.988 MiB   access 0 hz   age 500 ms       ",
                // 8192 B * 20 samples per 0.1 s = 1.5625 MiB/s, rounded half-even like Python
                "memory bw estimate: 1.562 MiB per second",
                "total size: 3.996 MiB",
                "record DAMON intervals: sample 5 ms, aggr 100 ms",
                "kdamond 0 / context 0 / scheme None / target id 1 / recorded for 100 ms from 5 s",
                // a single region: every column equal, level 0. Near 2^64 a double's step is 2048, so each
                // 13,056-byte column advances 12,288 bytes: 1,044,480 / 12,288 = 85 columns (damo's too)
                "heatmap: " + "0".repeat(85),
                "# min/max temperatures: 120,000,500, 120,000,500, column size: 12.750 KiB",
                "intervals: sample 5 ms aggr 100 ms (max access hz 200)",
                "0   addr 16.000 EiB   size 1020.000 KiB access 10 hz  age 1.200 s      ",
                "memory bw estimate: 9.961 MiB per second",
                "total size: 1020.000 KiB",
                "record DAMON intervals: sample 5 ms, aggr 100 ms",
                "");
    }

    @Test
    void accessDefaultsToTheLastSnapshotAndColoursOnRequest() {
        Recording r = ReportFixtures.wss();
        String last = AccessReport.text(r, AccessReport.Options.DEFAULTS);
        assertThat(last).doesNotContain("snapshot time:").contains("size 20.000 KiB").contains("age 400 ms");
        String colored = AccessReport.text(r, new AccessReport.Options(-1, -1, false, true, 80));
        assertThat(colored).contains("\u001b[48;5;232m\u001b[38;5;255m9\u001b[0m");
    }

    @Test
    void snapshotSelectionFromAStream() throws Exception {
        Recording r = ReportFixtures.wss(); // 5 snapshots ending at 100..500 ms
        int[][] ranges = {{-1, -1}, {0, 1}, {-2, -1}, {1, -2}, {3, 10}, {7, 8}, {-9, 0}};
        long[][] ends = {{5}, {1, 2}, {4, 5}, {2, 3, 4}, {4, 5}, {}, {1}};
        for (int i = 0; i < ranges.length; i++) {
            Recording sel = AccessReport.select(org.jdamon.record.RecordStream.of(r), ranges[i][0], ranges[i][1]);
            assertThat(sel.snapshots().stream().mapToLong(s -> s.endNs() / 100_000_000L).toArray())
                    .as("range %d %d", ranges[i][0], ranges[i][1]).containsExactly(ends[i]);
        }
    }

    @Test
    void rawJsonIsDamosRecordFormatAndReadsBack() throws Exception {
        Recording r = ReportFixtures.twoTargets();
        String json = RawReport.json(r, RawReport.TimeWindow.ALL);
        Path p = Files.writeString(dir.resolve("back.json"), json, StandardCharsets.UTF_8);
        Recording back = RecordFiles.read(p);
        assertThat(back.header().startEpochNs()).isEqualTo(r.header().startEpochNs());
        assertThat(back.snapshots()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            org.jdamon.record.RecordFileTestAccess.assertSameSnapshot(back.snapshots().get(i), r.snapshots().get(i));
        }
    }
}
