package org.jdamon.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jdamon.core.Attributes;
import org.jdamon.core.damos.DamosFilter;
import org.jdamon.core.damos.FilterType;
import org.jdamon.record.RecordFormat;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.RecordSource;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetInfo;
import org.jdamon.record.TargetSnapshot;
import org.junit.jupiter.api.Test;

/**
 * damo's report behaviours jdamon reproduces, each on a small record built here with numbers worked
 * out by hand: df-passed percentiles, histograms and columns, damo's adjust, its heatmap pixels and
 * guide, its float and pager output rules.
 */
class DamoCompatReportTest {
    private static final long K = 1024;

    /**
     * Sampling 5 ms, aggregation 100 ms. Regions: [0, 200K) idle, age 10 (idle time 1.1 s), 10K passed;
     * [200K, 300K) 5 samples (idle 0), 30K passed; [300K, 400K) idle, age 2 (300 ms), 60K passed.
     */
    private static Recording threeRegions(List<DamosFilter> filters) {
        TargetSnapshot t = new TargetSnapshot(0, new long[] {0, 200 * K, 300 * K},
                new long[] {200 * K, 300 * K, 400 * K}, new int[] {0, 5, 0}, new int[] {10, 0, 2},
                new long[] {10 * K, 30 * K, 60 * K});
        RecordHeader h = new RecordHeader(1, "test", Attributes.DAMO_DEFAULTS, "vaddr",
                List.of(new TargetInfo(0, -1, "t")), 0, Map.of(), filters);
        return new Recording(h, List.of(new Snapshot(0, 100_000_000L, List.of(t))), List.of(), List.of());
    }

    private static final List<DamosFilter> ALLOW_ANON = List.of(DamosFilter.of(FilterType.ANON, true, true));

    private static String report(Recording r, AccessStyle style) {
        return AccessReport.text(r, AccessReport.Options.DEFAULTS.withStyle(style));
    }

    @Test
    void dfPassedRecencyPercentilesWeighFilterPassedBytes() {
        // by idle time: 0 (30K passed, 30 %), 300 ms (60K, to 90 %), 1.1 s (10K, to 100 %); bars over
        // [0, 1.1 s] in 55 ms steps: 300 ms is 5 stars
        String out = report(threeRegions(ALLOW_ANON), AccessStyle.parse("recency-percentiles"));
        String none = "|" + " ".repeat(20) + "|";
        String five = "|*****" + " ".repeat(15) + "|";
        String full = "|" + "*".repeat(20) + "|";
        assertThat(out).startsWith(String.join("\n",
                "# damos filters (df): allow anon",
                "# df-passed recency percentiles",
                "<df-passed percentile> <idle time>",
                "  0     0 ns  " + none,
                "  1     0 ns  " + none,
                " 25     0 ns  " + none,
                " 50   300 ms  " + five,
                " 75   300 ms  " + five,
                " 99  1.100 s  " + full,
                "100  1.100 s  " + full,
                "",
                "# total recency percentiles",
                "<percentile> <idle time>",
                // by size: 100K (25 %), 100K (to 50 %), 200K (to 100 %): p75 is already the 1.1 s region
                "  0     0 ns  " + none,
                "  1     0 ns  " + none,
                " 25     0 ns  " + none,
                " 50   300 ms  " + five,
                " 75  1.100 s  " + full));
        // bandwidth: all 100K x 5 / 0.1 s = 4.883 MiB/s; passed 30K x 5 / 0.1 s = 1.465 MiB/s
        assertThat(out).contains("memory bw estimate: 4.883 MiB per second  df-passed: 1.465 MiB per second\n"
                + "total size: 400.000 KiB  df-passed 100.000 KiB\n");
    }

    @Test
    void dfPassedHistogramBucketsFilterPassedBytes() {
        // idle times 0, 300,000 and 1,100,000 us; ten buckets ceil(1,100,001 / 10) = 110,001 us wide;
        // passed 30K, 60K, 10K in buckets 0, 2, 9; bars of 60K / 20 = 3,072 bytes per star
        String out = report(threeRegions(ALLOW_ANON), AccessStyle.parse("recency-sz-hist"));
        assertThat(out).startsWith("# damos filters (df): allow anon\n<idle time (us)> <df-passed size>\n"
                + "[0 ns, 110.001 ms)       30.000 KiB |**********          |\n"
                + "[110.001 ms, 220.002 ms) 0 B        |                    |\n"
                + "[220.002 ms, 330.003 ms) 60.000 KiB |********************|\n");
        assertThat(out).contains("[990.009 ms, 1.100 s)    10.000 KiB |****                |\n\n"
                + "<idle time (us)> <total size>\n[0 ns, 110.001 ms)       100.000 KiB |**********          |\n");
    }

    @Test
    void detailedStyleAddsDfColumnsHeatmapAndTotals() {
        String out = report(threeRegions(ALLOW_ANON), AccessStyle.DETAILED);
        assertThat(out).contains("intervals: sample 5 ms aggr 100 ms (max access hz 200)\n"
                + "# damos filters (df): allow anon\ndf-pass: ");
        assertThat(out).contains(
                "0   addr 0 B          size 200.000 KiB access 0 hz   age 1 s           df-passed 10.000 KiB\n",
                "1   addr 200.000 KiB  size 100.000 KiB access 50 hz  age 0 ns          df-passed 30.000 KiB\n");
        // without filters: no df line, no column, the plain totals
        String plain = report(threeRegions(List.of()), AccessStyle.DETAILED);
        assertThat(plain).doesNotContain("df-pass").contains("memory bw estimate: 4.883 MiB per second\n"
                + "total size: 400.000 KiB\n");
    }

    @Test
    void onlyOpsFiltersAddThePercentileSections() {
        // an addr filter is handled by the core, not the operations set: detailed shows df columns
        // (any filter), the percentile style does not, and the type reads n/a (padded to 10 columns)
        List<DamosFilter> addr = List.of(DamosFilter.addr(4096, 8192, true, false));
        assertThat(report(threeRegions(addr), AccessStyle.parse("recency-percentiles")))
                .startsWith("# total recency percentiles\n");
        assertThat(report(threeRegions(addr), AccessStyle.DETAILED)).contains("# damos filters (df): n/a       \n");
    }

    @Test
    void boxStylesHaveNoDfColumnButKeepTheDfTotalsAndRawNumbersKeepHumanFilters() {
        String boxes = report(threeRegions(ALLOW_ANON), AccessStyle.parse("simple-boxes"));
        assertThat(boxes).doesNotContain(" df-passed 10.000 KiB")
                .contains("total size: 400.000 KiB  df-passed 100.000 KiB\n");
        List<DamosFilter> hugepage = List.of(DamosFilter.hugepageSize(2 << 20, Long.MAX_VALUE, true, true));
        String raw = AccessReport.text(threeRegions(hugepage), new AccessReport.Options(-1, -1, true, false, 80)
                .withStyle(AccessStyle.parse("recency-percentiles")));
        assertThat(raw).startsWith("# damos filters (df): allow hugepage_size [2.000 MiB, max]\n")
                .contains("total size: 409600  df-passed 102400\n");
    }

    @Test
    void filterDescriptionsAreDamos() {
        assertThat(FilterPassed.describe(DamosFilter.of(FilterType.ACTIVE, true, false), false))
                .isEqualTo("reject active");
        assertThat(FilterPassed.describe(DamosFilter.hugepageSize(2 << 20, Long.MAX_VALUE, true, true), false))
                .isEqualTo("allow hugepage_size [2.000 MiB, max]");
        assertThat(FilterPassed.describe(DamosFilter.addr(4096, 8192, false, false), false))
                .isEqualTo("reject none addr [4,096, 8,192) (4.000 KiB)");
        assertThat(FilterPassed.describe(DamosFilter.memcg("/a/b", true, true), false)).isEqualTo("allow memcg /a/b");
        assertThat(FilterPassed.passType(List.of(DamosFilter.of(FilterType.ANON, true, true),
                DamosFilter.target(1, true, true), DamosFilter.of(FilterType.YOUNG, true, false))))
                .isEqualTo("allow anon, reject young");
    }

    @Test
    void dfPassHeatmapKeepsOnlyRegionsThatPassedBytes() {
        TargetSnapshot t = new TargetSnapshot(0, new long[] {0, 10, 20}, new long[] {10, 20, 30},
                new int[] {1, 2, 3}, new int[] {0, 0, 0}, new long[] {5, 0, 7});
        TargetSnapshot kept = FilterPassed.passingRegions(t);
        assertThat(kept.starts()).containsExactly(0L, 20L);
        assertThat(kept.filterPassed()).containsExactly(5L, 7L);
        TargetSnapshot unrecorded = new TargetSnapshot(0, new long[] {0}, new long[] {10}, new int[] {1}, new int[] {0});
        assertThat(FilterPassed.passingRegions(unrecorded)).isSameAs(unrecorded);
        assertThat(FilterPassed.total(unrecorded, false)).isEqualTo("N/A");
    }

    @Test
    void adjustMergesWindowsAsDamoDoes() {
        // S0 [0, 100 ms): [0, 4K) 2, [4K, 8K) 0. S1 [100, 200 ms): [0, 2K) 1, [2K, 12K) 3 with 5K passed.
        // [0, 4K) gains the larger of 1 and 3; [4K, 8K) gains 3; [8K, 12K) is new with 3 and
        // int(5K / 10K x 4K) = 2,048 passed bytes.
        Snapshot s0 = new Snapshot(0, 100_000_000L, List.of(new TargetSnapshot(0, new long[] {0, 4 * K},
                new long[] {4 * K, 8 * K}, new int[] {2, 0}, new int[] {7, 1}, new long[] {0, 0})));
        Snapshot s1 = new Snapshot(100_000_000L, 200_000_000L, List.of(new TargetSnapshot(0, new long[] {0, 2 * K},
                new long[] {2 * K, 12 * K}, new int[] {1, 3}, new int[] {0, 0}, new long[] {0, 5 * K})));
        SnapshotAggregator agg = new SnapshotAggregator(200_000, 0);
        assertThat(agg.add(s0, s0.targets().getFirst())).isNull();
        Snapshot merged = agg.add(s1, s1.targets().getFirst());
        assertThat(merged.startNs()).isZero();
        assertThat(merged.endNs()).isEqualTo(200_000_000L);
        TargetSnapshot t = merged.targets().getFirst();
        assertThat(t.starts()).containsExactly(0L, 4 * K, 8 * K);
        assertThat(t.ends()).containsExactly(4 * K, 8 * K, 12 * K);
        assertThat(t.nrAccesses()).containsExactly(5, 3, 3);
        assertThat(t.ages()).containsExactly(7, 1, 0);
        assertThat(t.filterPassed()).containsExactly(0L, 0L, 2048L);
        // skipping S0 leaves a 100 ms window that never reaches 200 ms: dropped
        SnapshotAggregator skipping = new SnapshotAggregator(200_000, 1);
        assertThat(skipping.add(s0, s0.targets().getFirst())).isNull();
        assertThat(skipping.add(s1, s1.targets().getFirst())).isNull();
    }

    private static Recording unrecordedIntervals(List<Snapshot> snaps) {
        RecordHeader h = new RecordHeader(1, "damo", Attributes.DAMO_DEFAULTS, "unknown",
                List.of(new TargetInfo(0, -1, "", "42")), 1000, Map.of(RecordFormat.PROP_INTERVALS, "unrecorded"));
        return new Recording(h, snaps, List.of(), List.of());
    }

    private static Snapshot one(long t0, long t1, long[] starts, long[] ends, int[] nr) {
        return new Snapshot(t0, t1, List.of(new TargetSnapshot(0, starts, ends, nr, new int[nr.length])));
    }

    @Test
    void rawHeatmapPixelsAreDamos() throws IOException {
        // time [0, 200) in 2 rows of 100 ns, addresses [0, 600) in 3 columns of 200 bytes (pixel area 20,000).
        // S0 [0, 100): [0, 300) 2 samples: (0,0) 2 x 100 x 200, (0,1) 2 x 100 x 100; the row-1 pixels it
        // touches get 0 time (0.0, not NaN). S1 [100, 200): [100, 400) 4 samples: (1,0) 4 x 100 x 100,
        // (1,1) 4 x 100 x 200, and (1,2) at its end, 0 bytes. Each sum divided by the pixel area.
        Recording r = unrecordedIntervals(List.of(
                one(0, 100, new long[] {0}, new long[] {300}, new int[] {2}),
                one(100, 200, new long[] {100}, new long[] {400}, new int[] {4})));
        StringBuilder sb = new StringBuilder();
        DamoHeatmap.pixels(RecordSource.of(r), 0, 0, 200, 0, 600, 2, 3, false).appendRaw(sb, false, 0, false);
        assertThat(sb.toString()).isEqualTo("0\t0\t2.0\n0\t200\t1.0\n0\t400\tNaN\n"
                + "100\t0\t2.0\n100\t200\t4.0\n100\t400\t0.0\n");
    }

    @Test
    void guideFindsContiguousAreasAndTheHottest() throws IOException {
        // S0 [1000, 1100) 1 sample, [1200, 1300) idle; S1 [1000, 1100) idle, [1250, 1300) 3 samples.
        // Gaps [1100, 1200) and [1100, 1250) narrow to [1100, 1200): areas [1000, 1100) with 100 x 1 and
        // [1200, 1300) with 50 x 3 bytes x samples, 1.0 and 1.5 per byte: the second is the hottest.
        Recording r = unrecordedIntervals(List.of(
                one(0, 100, new long[] {1000, 1200}, new long[] {1100, 1300}, new int[] {1, 0}),
                one(100, 200, new long[] {1000, 1250}, new long[] {1100, 1300}, new int[] {0, 3})));
        assertThat(DamoHeatmap.guideText(RecordSource.of(r))).isEqualTo("target_id: 42\ntime: [1000, 1200) (200)\n"
                + "region\t 0: [1000, 1100) (100)\nregion\t 1: [1200, 1300) (100)\n");
        DamoHeatmap.Area hottest = DamoHeatmap.guides(RecordSource.of(r), true).getFirst().hottest();
        assertThat(hottest.start()).isEqualTo(1200);
        assertThat(hottest.end()).isEqualTo(1300);
        // --output raw defaults to the guide's span and hottest area; one 200 ns x 100 byte pixel: S0's idle
        // [1200, 1300) adds 0, S1's [1250, 1300) 3 x 100 ns x 50 bytes = 15,000, over 20,000: 0.75
        assertThat(DamoHeatmap.rawText(RecordSource.of(r), new DamoHeatmap.RawOptions(null, List.of(), false, null, 1, 1, false,
                false, false))).isEqualTo("0\t0\t0.75\n");
    }

    @Test
    void floatsPrintAsPythonPrintsThem() {
        assertThat(DamoHeatmap.pyFloat(2.0)).isEqualTo("2.0");
        assertThat(DamoHeatmap.pyFloat(1.0 / 3)).isEqualTo("0.3333333333333333");
        assertThat(DamoHeatmap.pyFloat(1e-5)).isEqualTo("1e-05");
        assertThat(DamoHeatmap.pyFloat(0.0001)).isEqualTo("0.0001");
        assertThat(DamoHeatmap.pyFloat(1.5e16)).isEqualTo("1.5e+16");
        assertThat(DamoHeatmap.pyFloat(1234567.0)).isEqualTo("1234567.0");
        assertThat(DamoHeatmap.pyFloat(123456789012345678.0)).isEqualTo("1.2345678901234568e+17");
        assertThat(DamoHeatmap.pyFloat(-2.5)).isEqualTo("-2.5");
    }

    @Test
    void pagerDropsTheLastNewlineBeyondFiftyLines() {
        String fifty = "x\n".repeat(51); // 50 breaks before the final newline: printed as is
        assertThat(DamoFormat.asDamoPagerPrints(fifty)).isEqualTo(fifty);
        String more = "x\n".repeat(52);
        assertThat(DamoFormat.asDamoPagerPrints(more)).isEqualTo(more.substring(0, more.length() - 1));
    }

    @Test
    void rawFormPrintsRecordedIdsAndUnrecordedAges() {
        RecordHeader h = new RecordHeader(1, "damo", Attributes.DAMO_DEFAULTS, "unknown",
                List.of(new TargetInfo(0, -1, "", "18446623438842320000")), 1_000_000_000L,
                Map.of(RecordFormat.PROP_AGES, RecordFormat.AGES_UNRECORDED));
        Recording r = new Recording(h, List.of(one(0, 100_000_000L, new long[] {0x1000}, new long[] {0x3000},
                new int[] {4})), List.of(), List.of());
        assertThat(RawReport.text(r, RawReport.TimeWindow.ALL, false)).isEqualTo("base_time_absolute: 1 s\n"
                + "data source: unknown\n\nmonitoring_start:                0 ns\n"
                + "monitoring_end:      " + " ".repeat(10) + "100 ms\nmonitoring_duration: " + " ".repeat(10) + "100 ms\n"
                + "target_id: 18446623438842320000\nnr_regions: 1\n"
                + "# start_addr     end_addr        length  nr_accesses   age\n"
                + "000000001000-000000003000 (   8.000 KiB)           4    -1\n\n\n");
    }
}
