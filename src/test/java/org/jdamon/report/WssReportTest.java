package org.jdamon.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.jdamon.record.RecordFixtures;
import org.jdamon.record.Recording;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WssReportTest {
    private static final long K = 1024;
    private static final WorkingSetSize ALL_SNAPSHOTS = new WorkingSetSize(1, 1, 0);

    private static WssReport.Options options(WorkingSetSize w, int[] range, boolean bySize, boolean raw) {
        return new WssReport.Options(w, range, bySize, raw, false, false, PercentileTable.DEFAULT_BAR_COLUMNS);
    }

    @Test
    void perSnapshotWssIsTheSizeOfRegionsAccessedAtLeastOnce() {
        Recording r = ReportFixtures.wss();
        assertThat(ALL_SNAPSHOTS.series(r, 0)).containsExactly(40 * K, 10 * K, 30 * K, 50 * K, 20 * K);
        // the cold region (0 accesses) never counts; with acc_thres 4 the hot one (3 accesses) does not either
        assertThat(new WorkingSetSize(4, 1, 0).series(r, 0)).containsExactly(0, 0, 0, 0, 0);
        // sz_thres 41 KiB keeps only the 50 KiB hot region
        assertThat(new WorkingSetSize(1, 41 * K, 0).series(r, 0)).containsExactly(0, 0, 0, 50 * K, 0);
        // exclude_samples drops the first snapshots
        assertThat(new WorkingSetSize(1, 1, 2).series(r, 0)).containsExactly(30 * K, 50 * K, 20 * K);
        assertThat(new WorkingSetSize(1, 1, 9).series(r, 0)).isEmpty();
    }

    @Test
    void percentilesUseDamosIndexRule() {
        // sorted: 10 20 30 40 50 KiB; index int(p/100*5): p0->0, p25->1, p50->2, p75->3, p100->5 clamped to 4
        Distribution d = Distribution.sorted(ALL_SNAPSHOTS.series(ReportFixtures.wss(), 0));
        assertThat(d.percentile(0)).isEqualTo(10 * K);
        assertThat(d.percentile(25)).isEqualTo(20 * K);
        assertThat(d.percentile(50)).isEqualTo(30 * K);
        assertThat(d.percentile(75)).isEqualTo(40 * K);
        assertThat(d.percentile(100)).isEqualTo(50 * K);
        assertThat(d.average()).isEqualTo(30 * K);
        // 29 / 100.0 * 100 is 28.999999999999996 in binary floating point: damo picks index 28
        assertThat(Distribution.percentileIndex(29, 100)).isEqualTo(28);
        assertThat(Distribution.percentileIndex(50, 1)).isZero();
    }

    @Test
    void textTableLikeDamo() {
        String out = WssReport.text(ReportFixtures.wss(),
                options(ALL_SNAPSHOTS, PercentileTable.range(0, 101, 25), true, false));
        // bars: 59 columns for the largest value (50 KiB); 10 KiB -> int(10/50*59) = int(11.8) = 11, 20 -> 23.6,
        // 30 -> 35.4, 40 -> 47.2
        assertThat(out.split("\n", -1)).containsExactly(
                "# target_id\t0",
                "# <percentile> <wss>",
                "# avr:\t30.000 KiB",
                "  0      10.000 KiB |" + "*".repeat(11) + " ".repeat(48) + "|",
                " 25      20.000 KiB |" + "*".repeat(23) + " ".repeat(36) + "|",
                " 50      30.000 KiB |" + "*".repeat(35) + " ".repeat(24) + "|",
                " 75      40.000 KiB |" + "*".repeat(47) + " ".repeat(12) + "|",
                "100      50.000 KiB |" + "*".repeat(59) + "|",
                "");
    }

    @Test
    void sortByTimeReadsPercentilesAsPointsInTheRun() {
        String out = WssReport.text(ReportFixtures.wss(),
                new WssReport.Options(ALL_SNAPSHOTS, PercentileTable.range(0, 101, 20), false, true, false, false, 0));
        // time order 40 10 30 50 20 KiB; p20 -> int(1.0) = 1, p40 -> 2, p60 -> 3, p80 -> 4, p100 -> 4
        assertThat(out.split("\n")).containsExactly(
                "# target_id\t0",
                "# <percentile> <wss>",
                "# avr:\t30720",
                "  0           40960",
                " 20           10240",
                " 40           30720",
                " 60           51200",
                " 80           20480",
                "100           20480");
    }

    @Test
    void defaultExclusionOfTwentySnapshotsLeavesNothingInATinyRecord() {
        assertThat(WssReport.text(ReportFixtures.wss(), WssReport.Options.DEFAULTS))
                .isEqualTo("# target_id\t0\n# <percentile> <wss>\n# no snapshot\n");
    }

    @Test
    void targetsCollapseIndexWiseUnlessPerTarget() {
        Recording r = ReportFixtures.twoTargets();
        // target 0: 8 KiB then 0x1ff000; target 1: 0xff000 both times
        Map<Integer, Distribution> per = ALL_SNAPSHOTS.distributions(r, true, false);
        assertThat(per.get(0).values()).containsExactly(8 * K, 0x1ff000L);
        assertThat(per.get(1).values()).containsExactly(0xff000L, 0xff000L);
        Map<Integer, Distribution> all = ALL_SNAPSHOTS.distributions(r, true, true);
        assertThat(all).containsOnlyKeys(0);
        assertThat(all.get(0).values()).containsExactly(8 * K + 0xff000L, 0x1ff000L + 0xff000L);
    }

    @Test
    void jsonIsOneObjectWithTheDocumentedShape() {
        String json = WssReport.json(ReportFixtures.wss(),
                options(ALL_SNAPSHOTS, PercentileTable.range(0, 101, 25), true, false));
        assertThat(json.trim().lines()).hasSize(1);
        JsonNode root = JsonMapper.builder().build().readTree(json);
        assertThat(root.propertyNames()).containsExactly("targets");
        JsonNode t = root.get("targets").get(0);
        assertThat(root.get("targets").size()).isEqualTo(1);
        assertThat(t.get("target_id").asInt()).isZero();
        assertThat(t.get("avg_bytes").asLong()).isEqualTo(30 * K);
        List<Long> wss = t.get("percentiles").valueStream().map(p -> p.get("wss_bytes").asLong()).toList();
        List<Integer> ps = t.get("percentiles").valueStream().map(p -> p.get("percentile").asInt()).toList();
        assertThat(ps).containsExactly(0, 25, 50, 75, 100);
        assertThat(wss).containsExactly(10 * K, 20 * K, 30 * K, 40 * K, 50 * K);
    }

    @Test
    void hugeRegionsCountWithUnsignedSizes() {
        // one region covering the top half of the 64-bit space: size 2^63 is negative as a signed long
        Recording r = new Recording(ReportFixtures.wss().header(), List.of(new org.jdamon.record.Snapshot(0, 1,
                List.of(RecordFixtures.target(0, Long.MIN_VALUE, -4096L, 1, 0)))), List.of(), List.of());
        long expected = -4096L - Long.MIN_VALUE;
        assertThat(new WorkingSetSize(1, 1L << 40, 0).series(r, 0)).containsExactly(expected);
    }
}
