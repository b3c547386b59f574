package org.jdamon.report.heatmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.jdamon.report.TestRecords.MIB;
import static org.jdamon.report.TestRecords.SEC;

import java.util.List;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.report.TestRecords;
import org.jdamon.report.heatmap.AddressAreas;
import org.jdamon.report.heatmap.HeatmapGrid;
import org.jdamon.report.heatmap.HeatmapViews;
import org.junit.jupiter.api.Test;

class HeatmapGridTest {

    @Test
    void cellIsTheOverlapWeightedMeanOfNrAccesses() {
        // Two 1 s windows over [0, 4000): window 0 has [0,1500) at 10 and [1500,4000) at 0; window 1 has
        // [0,4000) at 4. One time cell covering both windows, 4 columns of 1000 bytes:
        // col 0: (10 + 4) / 2 = 7; col 1: (0.5*10 + 0.5*0 + 4) / 2 = 4.5; cols 2, 3: (0 + 4) / 2 = 2.
        Recording rec = TestRecords.of(List.of(
                new Snapshot(0, SEC, List.of(TestRecords.target(0, new long[] {0, 1500, 4000}, new int[] {10, 0}))),
                new Snapshot(SEC, 2 * SEC, List.of(TestRecords.target(0, new long[] {0, 4000}, new int[] {4})))));
        HeatmapGrid g = HeatmapGrid.build(rec, new HeatmapGrid.Spec(0, 0, 2 * SEC, 0, 4000, 1, 4));
        assertThat(g.heat(0, 0)).isCloseTo(7f, within(1e-5f));
        assertThat(g.heat(0, 1)).isCloseTo(4.5f, within(1e-5f));
        assertThat(g.heat(0, 2)).isCloseTo(2f, within(1e-5f));
        assertThat(g.heat(0, 3)).isCloseTo(2f, within(1e-5f));
        assertThat(g.maxHeat()).isCloseTo(7f, within(1e-5f));
    }

    @Test
    void gapsAndTimeBeforeTheFirstWindowHaveNoData() {
        // Regions [0,1000) and [3000,4000), one window [1 s, 2 s); grid [0, 2 s) x [0, 4000) in 2 x 4.
        Recording rec = TestRecords.of(List.of(new Snapshot(SEC, 2 * SEC, List.of(new org.jdamon.record.TargetSnapshot(
                0, new long[] {0, 3000}, new long[] {1000, 4000}, new int[] {3, 5}, new int[2])))));
        HeatmapGrid g = HeatmapGrid.build(rec, new HeatmapGrid.Spec(0, 0, 2 * SEC, 0, 4000, 2, 4));
        for (int a = 0; a < 4; a++) {
            assertThat(g.heat(0, a)).isNaN();
        }
        assertThat(g.heat(1, 0)).isEqualTo(3f);
        assertThat(g.heat(1, 1)).isNaN();
        assertThat(g.heat(1, 2)).isNaN();
        assertThat(g.heat(1, 3)).isEqualTo(5f);
    }

    @Test
    void hotBandCellsOfTheHotBandRecord() {
        Recording rec = TestRecords.hotBand();
        // 10 time cells of 1 s, 4 columns of 64 MiB over the mmap area: column 1 = [+64, +128) MiB.
        HeatmapGrid g = HeatmapGrid.build(rec, new HeatmapGrid.Spec(0, 0, 10 * SEC, TestRecords.MMAP,
                TestRecords.MMAP + 256 * MIB, 10, 4));
        for (int t = 0; t < 10; t++) {
            float expected = t >= 2 && t < 6 ? 20f : 0f;
            assertThat(g.heat(t, 1)).as("time cell %d", t).isCloseTo(expected, within(1e-4f));
            assertThat(g.heat(t, 0)).isZero();
            assertThat(g.heat(t, 2)).isZero();
        }
    }

    @Test
    void temperatureLayoutStacksHottestFirst() {
        // Regions [0,1000) nr 0, [1000,2000) nr 8, [2000,4000) nr 2; sorted: 1000 B at 8, 2000 B at 2, 1000 B at 0.
        Recording rec = TestRecords.of(List.of(new Snapshot(0, SEC,
                List.of(TestRecords.target(0, new long[] {0, 1000, 2000, 4000}, new int[] {0, 8, 2})))));
        HeatmapGrid g = HeatmapGrid.build(rec.snapshots(), new HeatmapGrid.Spec(0, 0, SEC, 0, 4000, 1, 4),
                HeatmapGrid.Layout.TEMPERATURE);
        assertThat(new float[] {g.heat(0, 0), g.heat(0, 1), g.heat(0, 2), g.heat(0, 3)})
                .containsExactly(8f, 2f, 2f, 0f);
    }

    @Test
    void areasAreTheUnionsAndTheHottestIsTheMmapBand() {
        List<AddressAreas.Area> areas = AddressAreas.of(TestRecords.hotBand(), 0);
        assertThat(areas).extracting(a -> a.range().start())
                .containsExactly(TestRecords.HEAP, TestRecords.MMAP, TestRecords.STACK);
        assertThat(areas.get(1).range().size()).isEqualTo(256 * MIB);
        // 20 accesses on 64 of 256 MiB during 4 of 10 s: 20 * 0.25 * 0.4 = 2.
        assertThat(areas.get(1).heat()).isCloseTo(2.0, within(1e-9));
        assertThat(AddressAreas.hottest(areas).index()).isEqualTo(1);
    }

    @Test
    void emptyRecordsAndBadSpecsAreRejected() {
        assertThatThrownBy(() -> HeatmapViews.plan(TestRecords.of(List.of()), HeatmapViews.Options.defaults(40, 80)))
                .hasMessageContaining("no snapshots");
        assertThatThrownBy(() -> new HeatmapGrid.Spec(0, 5, 5, 0, 10, 1, 1)).hasMessageContaining("empty time range");
        Recording rec = TestRecords.hotBand();
        assertThatThrownBy(() -> HeatmapViews.plan(rec,
                HeatmapViews.Options.defaults(40, 80).withTimeRange(new long[] {11 * SEC, 12 * SEC})))
                .hasMessage("time range [11000000000, 12000000000) ns is outside the record's [0, 10000000000) ns");
        assertThatThrownBy(() -> HeatmapViews.plan(rec, HeatmapViews.Options.defaults(40, 80)
                .withAddressRanges(List.of(new org.jdamon.core.AddressRange(0, 4096)))))
                .hasMessageStartingWith("address range 0x0-0x1000 holds no region of target 0");
        assertThatThrownBy(() -> new HeatmapGrid.Spec(0, 0, 5, 0, 10, 0, 1)).hasMessageContaining("resolution");
    }
}
