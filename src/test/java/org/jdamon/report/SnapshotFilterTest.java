package org.jdamon.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.jdamon.core.Attributes;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetInfo;
import org.jdamon.record.TargetSnapshot;
import org.jdamon.report.profile.ProfileReport;
import org.junit.jupiter.api.Test;

/**
 * damo's filters over a hand-built record. Intervals 5 ms / 100 ms, so the access rate is
 * {@code nr_accesses * 5} percent and an age of 10 is one second. Two regions, A = [0x1000, 0x3000) (8 KiB)
 * and B = [0x10000, 0x20000) (64 KiB); snapshots of 100 ms, with a gap before the last:
 * <pre>
 * snapshot  time (ms)   A nr/rate/age     B nr/rate/age
 * s0        0-100       20 100%  0        0  0%  5
 * s1        100-200     10  50%  0        0  0%  6
 * s2        200-300      3  15% 12        1  5%  0
 * s3        300-400      0   0%  3        0  0%  7
 * s4        400-500     19  95%  1        0  0%  8
 * s5        600-700     20 100%  0       20 100% 0
 * </pre>
 */
class SnapshotFilterTest {
    private static final long MS = 1_000_000L;
    private static final long A0 = 0x1000;
    private static final long A1 = 0x3000;
    private static final long B0 = 0x10000;
    private static final long B1 = 0x20000;

    private static Snapshot snap(long fromMs, long toMs, int nrA, int ageA, int nrB, int ageB) {
        return new Snapshot(fromMs * MS, toMs * MS, List.of(new TargetSnapshot(0, new long[] {A0, B0},
                new long[] {A1, B1}, new int[] {nrA, nrB}, new int[] {ageA, ageB})));
    }

    private static Recording record(Attributes attrs, List<Snapshot> snaps) {
        return new Recording(new RecordHeader(1, "test", attrs, "vaddr", List.of(new TargetInfo(0, 1, "t")), 0,
                Map.of()), snaps, List.of(), List.of());
    }

    private static final Recording REC = record(Attributes.DAMO_DEFAULTS, List.of(
            snap(0, 100, 20, 0, 0, 5),
            snap(100, 200, 10, 0, 0, 6),
            snap(200, 300, 3, 12, 1, 0),
            snap(300, 400, 0, 3, 0, 7),
            snap(400, 500, 19, 1, 0, 8),
            snap(600, 700, 20, 0, 20, 0)));

    private static TimeWindow w(long fromMs, long toMs) {
        return new TimeWindow(fromMs * MS, toMs * MS);
    }

    @Test
    void accessRateBoundsAreInclusiveAndTouchingSnapshotsMerge() {
        // s0 (100%), s1 (50%, the bound), s4 (95%), s5 (100%); s4 and s5 do not touch (500 != 600)
        assertThat(SnapshotFilter.all().accessRatePercent(50, 100).windows(REC))
                .containsExactly(w(0, 200), w(400, 500), w(600, 700));
        // only A in s2 is at 15%; B's 5% is below
        assertThat(SnapshotFilter.all().accessRatePercent(10, 20).windows(REC)).containsExactly(w(200, 300));
    }

    @Test
    void accessRateIsTruncatedToWholePercentLikeDamo() {
        // 5 ms / 30 ms: 6 samples per aggregation, nr_accesses 1 is 16.67%, which damo truncates to 16
        Recording rec = record(new Attributes(5_000, 30_000, 1_000_000, 10, 1000, null),
                List.of(snap(0, 30, 1, 0, 0, 0)));
        assertThat(SnapshotFilter.all().accessRatePercent(16, 16).windows(rec)).containsExactly(w(0, 30));
        assertThat(SnapshotFilter.all().accessRatePercent(17, 100).windows(rec)).isEmpty();
    }

    @Test
    void ageIsInAggregationIntervalsTimesTheAggregationInterval() {
        // >= 1 s means age >= 10: only A in s2 (12)
        assertThat(SnapshotFilter.all().ageUs(1_000_000, Long.MAX_VALUE).windows(REC)).containsExactly(w(200, 300));
        // 500..600 ms means age 5 or 6: B in s0 and s1
        assertThat(SnapshotFilter.all().ageUs(500_000, 600_000).windows(REC)).containsExactly(w(0, 200));
    }

    @Test
    void regionSizeSelectsRegionsBeforeTheOtherConditions() {
        // B (64 KiB) is in every snapshot
        assertThat(SnapshotFilter.all().regionSize(16 << 10, -1L).windows(REC))
                .containsExactly(w(0, 500), w(600, 700));
        // B with any access: s2 (5%) and s5
        assertThat(SnapshotFilter.all().regionSize(16 << 10, -1L).accessRatePercent(1, 100).windows(REC))
                .containsExactly(w(200, 300), w(600, 700));
    }

    @Test
    void addressRangesClipRegions() {
        SnapshotFilter f = SnapshotFilter.all().addresses(List.of(new SnapshotFilter.Range(0x2000, 0x18000)));
        TargetSnapshot s0 = f.apply(REC.snapshots().getFirst(), REC.header().attributes()).targets().getFirst();
        assertThat(s0.starts()).containsExactly(0x2000L, 0x10000L);
        assertThat(s0.ends()).containsExactly(0x3000L, 0x18000L);
        assertThat(s0.nrAccesses()).containsExactly(20, 0);
        // a range missing both regions leaves nothing
        SnapshotFilter none = SnapshotFilter.all().addresses(List.of(new SnapshotFilter.Range(0x4000, 0x8000)));
        assertThat(none.windows(REC)).isEmpty();
    }

    @Test
    void snapshotSizeCountsTheBytesLeftAfterTheOtherFilters() {
        SnapshotFilter clipped = SnapshotFilter.all().addresses(List.of(new SnapshotFilter.Range(0x2000, 0x18000)));
        // hot and clipped: A's 4 KiB in s0, s1, s4; s5 adds B's clipped 32 KiB (36 KiB in all)
        SnapshotFilter hot = clipped.accessRatePercent(50, 100);
        assertThat(hot.snapshotSizes(List.of(new SnapshotFilter.Range(1 << 10, 8 << 10))).windows(REC))
                .containsExactly(w(0, 200), w(400, 500));
        assertThat(hot.snapshotSizes(List.of(new SnapshotFilter.Range(36 << 10, 36 << 10))).windows(REC))
                .containsExactly(w(600, 700));
    }

    @Test
    void overlappingOrReversedRangesAreRejected() {
        assertThatThrownBy(() -> SnapshotFilter.all().addresses(List.of(
                        new SnapshotFilter.Range(0, 0x2000), new SnapshotFilter.Range(0x1000, 0x3000))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlapping");
        assertThatThrownBy(() -> SnapshotFilter.all().addresses(List.of(new SnapshotFilter.Range(0x3000, 0x1000))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start > end");
    }

    @Test
    void timesReportPrintsOneSecondsLinePerWindowWithMicrosecondPrecision() {
        assertThat(ProfileReport.times(SnapshotFilter.all().accessRatePercent(50, 100).windows(REC)))
                .isEqualTo("0.000000-0.200000\n0.400000-0.500000\n0.600000-0.700000\n");
        assertThat(new TimeWindow(1_234_567_891L, 2_000_000_500L).toSecondsText())
                .isEqualTo("1.234568-2.000001");
    }
}
