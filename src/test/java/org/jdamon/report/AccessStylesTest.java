package org.jdamon.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdamon.core.Attributes;
import org.jdamon.record.RecordFixtures;
import org.jdamon.record.RecordFormat;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetInfo;
import org.junit.jupiter.api.Test;

/**
 * {@code report access} styles, region order and filters on one hand-made snapshot (sample 5 ms, aggr
 * 100 ms, so 20 samples per aggregation and 1 % = 0.2 samples):
 *
 * <pre>
 *      range            size    nr  rate  age    age_us     temperature (0 100 100)  idle time
 * R0 [0x1000, 0x2000)   4 KiB   20  100 %  3    300,000    100*100 + 300,000*100 =  30,010,000   0
 * R1 [0x2000, 0x4000)   8 KiB    0    0 % 10  1,000,000   -(1,000,000*100)      = -100,000,000   1,100,000 us
 * R2 [0x4000, 0x8000)  16 KiB    5   25 %  1    100,000    25*100 + 100,000*100 =  10,002,500   0
 * R3 [0x8000, 0x10000) 32 KiB    0    0 %  0          0   -(0)                  =            0   100,000 us
 * </pre>
 *
 * Total 60 KiB (61,440 B); shares 4/60 = 6.67 %, 8/60 = 13.33 %, 16/60 = 26.67 %, 32/60 = 53.33 %. Memory
 * bandwidth: (4096 * 20 + 16384 * 5) B per 0.1 s = 1,638,400 B/s = 1.5625 MiB/s, printed 1.562 MiB.
 */
class AccessStylesTest {
    private static final String TAIL_BW = "memory bw estimate: 1.562 MiB per second";
    private static final String TAIL_TOTAL = "total size: 60.000 KiB";
    private static final String TAIL_INTERVALS = "record DAMON intervals: sample 5 ms, aggr 100 ms";
    private static final String BAR_EMPTY = "|" + " ".repeat(20) + "|";

    static Recording fourRegions() {
        Snapshot s = new Snapshot(0, 100_000_000L, List.of(RecordFixtures.target(0,
                0x1000, 0x2000, 20, 3,
                0x2000, 0x4000, 0, 10,
                0x4000, 0x8000, 5, 1,
                0x8000, 0x10000, 0, 0)));
        RecordHeader h = new RecordHeader(RecordFormat.VERSION, "test", Attributes.DAMO_DEFAULTS, "sim",
                List.of(new TargetInfo(0, -1, "")), 1_000_000_000L, Map.of());
        return new Recording(h, List.of(s), List.of(), List.of());
    }

    private static String[] lines(Recording r, AccessReport.Options o) {
        return AccessReport.text(r, o).split("\n");
    }

    private static AccessReport.Options style(AccessStyle s) {
        return AccessReport.Options.DEFAULTS.withStyle(s);
    }

    private static String bar(int stars) {
        return "|" + "*".repeat(stars) + " ".repeat(20 - stars) + "|";
    }

    @Test
    void recencyPercentilesAreSizeWeightedIdleTimes() {
        // idle-time order (ties by address): R0 0 (cumulative 6.67 %), R2 0 (33.3 %), R3 100 ms (86.7 %),
        // R1 1.1 s (100 %). p0, p1, p25 -> 0; p50, p75 -> 100 ms; p99, p100 -> 1.1 s. The bar spans
        // 0..1,100,000 us in 20 steps of 55,000: 100,000 / 55,000 = 1.8 -> 1 star.
        assertThat(lines(fourRegions(), style(AccessStyle.RECENCY_PERCENTILES))).containsExactly(
                "# total recency percentiles",
                "<percentile> <idle time>",
                "  0     0 ns  " + BAR_EMPTY,
                "  1     0 ns  " + BAR_EMPTY,
                " 25     0 ns  " + BAR_EMPTY,
                " 50   100 ms  " + bar(1),
                " 75   100 ms  " + bar(1),
                " 99  1.100 s  " + bar(20),
                "100  1.100 s  " + bar(20),
                TAIL_BW, TAIL_TOTAL, TAIL_INTERVALS);
        assertThat(AccessStyle.parse("idle-time-percentiles")).isEqualTo(AccessStyle.RECENCY_PERCENTILES);
    }

    @Test
    void temperaturePercentiles() {
        // temperature order: R1 -1e8 (13.3 %), R3 0 (66.7 %), R2 10,002,500 (93.3 %), R0 30,010,000 (100 %).
        // Bar: 130,010,000 / 20 = 6,500,500 per star; 0 -> 15.4 -> 15, 10,002,500 -> 16.9 -> 16, max -> 20.
        assertThat(lines(fourRegions(), style(AccessStyle.TEMPERATURE_PERCENTILES))).containsExactly(
                "# total temperature percentiles",
                "<percentile> <temperature (weights: [0, 100, 100])>",
                "  0  -100,000,000  " + BAR_EMPTY,
                "  1  -100,000,000  " + BAR_EMPTY,
                " 25             0  " + bar(15),
                " 50             0  " + bar(15),
                " 75    10,002,500  " + bar(16),
                " 99    30,010,000  " + bar(20),
                "100    30,010,000  " + bar(20),
                TAIL_BW, TAIL_TOTAL, TAIL_INTERVALS);
    }

    @Test
    void percentilesIgnoreTheSizeWeightAndTakeARange() {
        // weights 1 0 0: every percentile temperature is 0 (size weight zeroed, the others are 0), so the
        // bar scale is flat; the legend still shows the weights given. --percentiles_range 0 101 50.
        AccessReport.Options o = style(AccessStyle.TEMPERATURE_PERCENTILES)
                .withWeights(new TemperatureWeights(1, 0, 0))
                .withPercentiles(AccessReport.percentilesRange(List.of(0, 101, 50)));
        assertThat(lines(fourRegions(), o)).startsWith(
                "# total temperature percentiles",
                "<percentile> <temperature (weights: [1, 0, 0])>",
                "  0  0  " + BAR_EMPTY,
                " 50  0  " + BAR_EMPTY,
                "100  0  " + BAR_EMPTY,
                TAIL_BW);
        assertThat(AccessReport.percentilesRange(List.of(5, 1, 99, 50))).containsExactly(1, 5, 50, 99);
    }

    @Test
    void recencySizeHistogram() {
        // idle times 0 (R0+R2 = 20 KiB), 100,000 us (32 KiB), 1,100,000 us (8 KiB). Bucket width
        // ceil((1,100,000 + 1 - 0) / 10) = 110,001 us; 0 and 100,000 fall in bucket 0 (52 KiB), 1,100,000 in
        // bucket 9 [990,009, 1,100,010). Bars: 53,248 B max over 20 stars -> 2,662 B per star;
        // 52 KiB -> ceil(20.003) = 21, capped at 20; 8 KiB -> ceil(3.08) = 4.
        String[][] ranges = {
                {"0 ns", "110.001 ms"}, {"110.001 ms", "220.002 ms"}, {"220.002 ms", "330.003 ms"},
                {"330.003 ms", "440.004 ms"}, {"440.004 ms", "550.005 ms"}, {"550.005 ms", "660.006 ms"},
                {"660.006 ms", "770.007 ms"}, {"770.007 ms", "880.008 ms"}, {"880.008 ms", "990.009 ms"},
                {"990.009 ms", "1.100 s"}};
        List<String> expected = new ArrayList<>(List.of("<idle time (us)> <total size>"));
        for (int b = 0; b < 10; b++) {
            String size = b == 0 ? "52.000 KiB" : b == 9 ? "8.000 KiB" : "0 B";
            int stars = b == 0 ? 20 : b == 9 ? 4 : 0;
            // widest range "[110.001 ms, 220.002 ms)" is 24 characters, widest size 10
            expected.add(String.format("%-24s %-10s %s", "[" + ranges[b][0] + ", " + ranges[b][1] + ")", size,
                    bar(stars)));
        }
        expected.addAll(List.of(TAIL_BW, TAIL_TOTAL, TAIL_INTERVALS));
        assertThat(lines(fourRegions(), style(AccessStyle.RECENCY_SZ_HIST))).containsExactlyElementsOf(expected);
        assertThat(AccessStyle.parse("cold-memory-tail")).isEqualTo(AccessStyle.RECENCY_SZ_HIST);
    }

    @Test
    void temperatureSizeHistogram() {
        // temperatures -1e8 (8 KiB), 0 (32 KiB), 10,002,500 (16 KiB), 30,010,000 (4 KiB); bucket width
        // ceil(130,010,001 / 10) = 13,001,001 from -100,000,000. 0 lands in [-8,992,993, 4,008,008),
        // 10,002,500 in [4,008,008, 17,009,009), 30,010,000 in [17,009,009, 30,010,010). Bars: 32,768 / 20
        // -> 1,638 B per star: 8 KiB -> ceil(5.001) = 6, 32 KiB -> 21 capped 20, 16 KiB -> 11, 4 KiB -> 3.
        String[] bounds = {"-100,000,000", "-86,998,999", "-73,997,998", "-60,996,997", "-47,995,996",
                "-34,994,995", "-21,993,994", "-8,992,993", "4,008,008", "17,009,009", "30,010,010"};
        String[] sizes = {"8.000 KiB", "0 B", "0 B", "0 B", "0 B", "0 B", "0 B", "32.000 KiB", "16.000 KiB",
                "4.000 KiB"};
        int[] stars = {6, 0, 0, 0, 0, 0, 0, 20, 11, 3};
        List<String> expected = new ArrayList<>(List.of("<temperature> <total size>"));
        for (int b = 0; b < 10; b++) {
            // widest range "[-100,000,000, -86,998,999)" is 27 characters
            expected.add(String.format("%-27s %-10s %s", "[" + bounds[b] + ", " + bounds[b + 1] + ")", sizes[b],
                    bar(stars[b])));
        }
        expected.addAll(List.of(TAIL_BW, TAIL_TOTAL, TAIL_INTERVALS));
        assertThat(lines(fourRegions(), style(AccessStyle.TEMPERATURE_SZ_HIST))).containsExactlyElementsOf(expected);
    }

    // Box lengths: ages 0..1,000,000 us on a log2 scale onto 1..40 columns (age 0 counts as log 0):
    // 1 + 39 * log2(age) / log2(1e6): 300 ms -> 36.6 -> 36, 1 s -> 40, 100 ms -> 33.5 -> 33, 0 -> 1.
    // Digits: access rate 0..100 % onto 0..9: 100 % -> 9, 25 % -> 2.25 -> 2, 0 % -> 0.
    private static final String BOX_R0 = " ".repeat(4) + "|" + "9".repeat(36) + "|";
    private static final String BOX_R1 = "|" + "0".repeat(40) + "|";
    private static final String BOX_R2 = " ".repeat(7) + "|" + "2".repeat(33) + "|";
    private static final String BOX_R3 = " ".repeat(39) + "|0|";

    @Test
    void simpleBoxesInAddressOrder() {
        assertThat(lines(fourRegions(), style(AccessStyle.SIMPLE_BOXES))).containsExactly(
                "snapshot time: [0 ns, 100 ms] (100 ms)",
                BOX_R0 + " size 4.000 KiB   access 200 hz age 300 ms       ",
                BOX_R1 + " size 8.000 KiB   access 0 hz   age 1 s          ",
                BOX_R2 + " size 16.000 KiB  access 50 hz  age 100 ms       ",
                BOX_R3 + " size 32.000 KiB  access 0 hz   age 0 ns         ",
                TAIL_BW, TAIL_TOTAL, TAIL_INTERVALS);
    }

    @Test
    void hotAndColdSortBoxesByTemperatureUnderTheHeatmap() {
        String r0 = BOX_R0 + " 4.000 KiB   access 200 hz 300 ms       ";
        String r1 = BOX_R1 + " 8.000 KiB   access 0 hz   1 s          ";
        String r2 = BOX_R2 + " 16.000 KiB  access 50 hz  100 ms       ";
        String r3 = BOX_R3 + " 32.000 KiB  access 0 hz   0 ns         ";
        String[] hot = lines(fourRegions(), style(AccessStyle.HOT));
        assertThat(hot[0]).startsWith("heatmap: ");
        assertThat(hot[2]).isEqualTo("intervals: sample 5 ms aggr 100 ms (max access hz 200)");
        assertThat(hot).containsSubsequence(r0, r2, r3, r1, TAIL_BW, TAIL_TOTAL, TAIL_INTERVALS).hasSize(10);
        String[] cold = lines(fourRegions(), style(AccessStyle.COLD));
        assertThat(List.of(cold).subList(3, 7)).containsExactly(r1, r3, r2, r0);
        // cold with a user's descending temperature sorts like hot (damo keeps --sort_regions_dsc for cold)
        String[] coldDsc = lines(fourRegions(), style(AccessStyle.COLD)
                .withRegionOrder(new RegionOrder(List.of(RegionOrder.Key.ADDRESS), Set.of(RegionOrder.Key.TEMPERATURE))));
        assertThat(List.of(coldDsc).subList(3, 7)).containsExactly(r0, r2, r3, r1);
    }

    /** The start addresses (KiB) of the detailed region lines, in listed order. */
    private static List<String> listedStarts(AccessReport.Options o) {
        List<String> out = new ArrayList<>();
        for (String l : lines(fourRegions(), o)) {
            if (l.contains(" addr ")) {
                out.add(l.substring(0, 3).trim() + "@" + l.substring(9, 21).trim());
            }
        }
        return out;
    }

    private static AccessReport.Options sorted(List<RegionOrder.Key> keys, Set<RegionOrder.Key> dsc) {
        return AccessReport.Options.DEFAULTS.withRegionOrder(new RegionOrder(keys, dsc));
    }

    @Test
    void regionSortKeysAndDirections() {
        assertThat(listedStarts(AccessReport.Options.DEFAULTS))
                .containsExactly("0@4.000 KiB", "1@8.000 KiB", "2@16.000 KiB", "3@32.000 KiB");
        // ages 3, 10, 1, 0 -> R3, R2, R0, R1; descending the reverse. Index = listed position.
        assertThat(listedStarts(sorted(List.of(RegionOrder.Key.AGE), Set.of())))
                .containsExactly("0@32.000 KiB", "1@16.000 KiB", "2@4.000 KiB", "3@8.000 KiB");
        assertThat(listedStarts(sorted(List.of(RegionOrder.Key.AGE), Set.of(RegionOrder.Key.AGE))))
                .containsExactly("0@8.000 KiB", "1@4.000 KiB", "2@16.000 KiB", "3@32.000 KiB");
        // access rate ties (R1, R3 at 0 %) keep the previous (address) order
        assertThat(listedStarts(sorted(List.of(RegionOrder.Key.ACCESS_RATE), Set.of())))
                .containsExactly("0@8.000 KiB", "1@32.000 KiB", "2@16.000 KiB", "3@4.000 KiB");
        // keys apply one after another: size descending (R3 R2 R1 R0), then access rate: ties R3, R1 stay
        assertThat(listedStarts(sorted(List.of(RegionOrder.Key.SIZE, RegionOrder.Key.ACCESS_RATE),
                Set.of(RegionOrder.Key.SIZE))))
                .containsExactly("0@32.000 KiB", "1@8.000 KiB", "2@16.000 KiB", "3@4.000 KiB");
        assertThat(listedStarts(sorted(List.of(RegionOrder.Key.TEMPERATURE), Set.of())))
                .containsExactly("0@8.000 KiB", "1@32.000 KiB", "2@16.000 KiB", "3@4.000 KiB");
        // weights 1 0 0 (size only): R0 +4096, R1 -8192 (0 %), R2 +16384, R3 -32768 -> R3 R1 R0 R2
        assertThat(listedStarts(sorted(List.of(RegionOrder.Key.TEMPERATURE), Set.of())
                .withWeights(new TemperatureWeights(1, 0, 0))))
                .containsExactly("0@32.000 KiB", "1@8.000 KiB", "2@4.000 KiB", "3@16.000 KiB");
        assertThat(RegionOrder.Key.parse("--sort_regions_by", "access_rate")).isEqualTo(RegionOrder.Key.ACCESS_RATE);
    }

    @Test
    void temperatureFormula() {
        TemperatureWeights w = TemperatureWeights.DEFAULT;
        assertThat(w.of(4096, 100, 300_000)).isEqualTo(30_010_000);
        assertThat(w.of(8192, 0, 1_000_000)).isEqualTo(-100_000_000);
        assertThat(Double.doubleToRawLongBits(w.of(1, 0, 0))).isEqualTo(Double.doubleToRawLongBits(0.0));
        assertThat(new TemperatureWeights(2, 3, 5).of(10, 7, 11)).isEqualTo(2 * 10 + 3 * 7 + 5 * 11);
        assertThat(new TemperatureWeights(2, 3, 5).of(10, 0, 11)).isEqualTo(-(2 * 10 + 5 * 11));
    }

    private static String[] filtered(SnapshotFilter f) {
        return lines(AccessReport.filter(fourRegions(), f), AccessReport.Options.DEFAULTS);
    }

    @Test
    void regionFiltersShapeEveryStyle() {
        // --access_rate 1 max keeps R0 and R2: 20 KiB
        String[] hotOnly = filtered(SnapshotFilter.all().accessRatePercent(1, Double.MAX_VALUE));
        assertThat(hotOnly).filteredOn(l -> l.contains(" addr ")).containsExactly(
                "0   addr 4.000 KiB    size 4.000 KiB   access 200 hz age 300 ms       ",
                "1   addr 16.000 KiB   size 16.000 KiB  access 50 hz  age 100 ms       ");
        assertThat(hotOnly).contains("total size: 20.000 KiB");
        // --address 0x3000 0x5000 clips R1 to [12K, 16K) and R2 to [16K, 20K)
        String[] clipped = filtered(SnapshotFilter.all().addresses(List.of(new SnapshotFilter.Range(0x3000, 0x5000))));
        assertThat(clipped).filteredOn(l -> l.contains(" addr ")).containsExactly(
                "0   addr 12.000 KiB   size 4.000 KiB   access 0 hz   age 1 s          ",
                "1   addr 16.000 KiB   size 4.000 KiB   access 50 hz  age 100 ms       ");
        assertThat(clipped).contains("total size: 8.000 KiB");
        // --age 200ms max keeps R0 (300 ms) and R1 (1 s); --sz_region 16K max keeps R2 and R3
        assertThat(filtered(SnapshotFilter.all().ageUs(200_000, Long.MAX_VALUE))).contains("total size: 12.000 KiB");
        assertThat(filtered(SnapshotFilter.all().regionSize(16 * 1024, -1L))).contains("total size: 48.000 KiB");
        // the recency percentiles of R1 alone: every byte idle for 1.1 s
        Recording r1 = AccessReport.filter(fourRegions(), SnapshotFilter.all().regionSize(8192, 8192));
        assertThat(lines(r1, style(AccessStyle.RECENCY_PERCENTILES))).contains("100  1.100 s  " + BAR_EMPTY);
        // --address 0x2000 0x6000: R1 (8 KiB, idle 1.1 s) and R2 clipped to 8 KiB (idle 0): exactly 50 % of
        // the bytes are idle 0, so p50 is still 0 (a percentile is reached when the share equals it)
        Recording halves = AccessReport.filter(fourRegions(),
                SnapshotFilter.all().addresses(List.of(new SnapshotFilter.Range(0x2000, 0x6000))));
        assertThat(lines(halves, style(AccessStyle.RECENCY_PERCENTILES))).containsSubsequence(
                " 25     0 ns  " + BAR_EMPTY,
                " 50     0 ns  " + BAR_EMPTY,
                " 75  1.100 s  " + bar(20));
        // a region filter that leaves nothing keeps the snapshot, empty; --sz_snapshot drops it
        assertThat(lines(AccessReport.filter(fourRegions(), SnapshotFilter.all().regionSize(1, 2)),
                style(AccessStyle.TEMPERATURE_SZ_HIST))).startsWith("<temperature> <total size>", "no region in snapshot");
        assertThat(AccessReport.filter(fourRegions(),
                SnapshotFilter.all().snapshotSizes(List.of(new SnapshotFilter.Range(0, 1024)))).snapshots()).isEmpty();
    }

    @Test
    void totalSizeOnlyWithSeveralTargetsAndSnapshots() {
        // twoTargets: target 0 holds [4K, 4M) in both snapshots (4,190,208 B = 3.996 MiB), target 1 1020 KiB
        AccessReport.Options o = new AccessReport.Options(0, -1, false, false, 80).withTotalSizeOnly(true);
        assertThat(lines(ReportFixtures.twoTargets(), o)).containsExactly(
                "kdamond 0 / context 0 / scheme None / target id 0 / recorded for 200 ms from 5 s",
                "3.996 MiB", "3.996 MiB", TAIL_INTERVALS,
                "kdamond 0 / context 0 / scheme None / target id 1 / recorded for 200 ms from 5 s",
                "1020.000 KiB", "1020.000 KiB", TAIL_INTERVALS);
    }

    @Test
    void percentilesOfSeveralTargetsAndSnapshots() {
        // target 0, snapshot 0: 8 KiB accessed (idle 0, 0.2 % of 4,190,208 B) and 4,182,016 B idle for 5
        // aggregations (500 ms + 100 ms = 600 ms): p0 = 0, p1.. = 600 ms. Target 1 is always accessed.
        AccessReport.Options o = new AccessReport.Options(0, -1, false, false, 80)
                .withStyle(AccessStyle.RECENCY_PERCENTILES);
        String[] out = lines(ReportFixtures.twoTargets(), o);
        assertThat(out).containsSubsequence(
                "kdamond 0 / context 0 / scheme None / target id 0 / recorded for 200 ms from 5 s",
                "snapshot time: [0 ns, 100 ms] (100 ms)",
                "# total recency percentiles",
                "<percentile> <idle time>",
                "  0    0 ns  " + BAR_EMPTY,
                "  1  600 ms  " + bar(20),
                "snapshot time: [100 ms, 200 ms] (100 ms)",
                "kdamond 0 / context 0 / scheme None / target id 1 / recorded for 200 ms from 5 s",
                "100  0 ns  " + BAR_EMPTY);
        assertThat(String.join("\n", out)).contains("\n\nsnapshot time: [100 ms, 200 ms]");
    }

    @Test
    void unknownStyleNamesTheValidOnes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AccessStyle.parse("warm"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'warm'").hasMessageContaining("cold-memory-tail");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RegionOrder.Key.parse("--sort_regions_by", "heat"))
                .hasMessageContaining("--sort_regions_by");
    }
}
