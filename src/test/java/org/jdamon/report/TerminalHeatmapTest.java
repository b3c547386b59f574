package org.jdamon.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jdamon.report.TestRecords.SEC;

import java.util.List;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.report.heatmap.HeatmapGrid;
import org.jdamon.report.heatmap.HeatmapViews;
import org.junit.jupiter.api.Test;

class TerminalHeatmapTest {

    @Test
    void digitsOfAHandBuiltRecord() {
        // 4 windows of 1 s over [0, 8000), 8 columns of 1000 B. Windows 0, 1, 3: [0,1500) at 10, rest 0.
        // Window 2: [0,8000) at 5. Max = 10 -> digit = floor(heat / 10 * 10), capped at 9.
        // Rows 0,1,3: col 0 = 10 -> 9; col 1 = (500*10)/1000 = 5 -> 5; cols 2..7 = 0. Row 2: all 5.
        List<Snapshot> snaps = new java.util.ArrayList<>();
        for (int k = 0; k < 4; k++) {
            var t = k == 2
                    ? TestRecords.target(0, new long[] {0, 8000}, new int[] {5})
                    : TestRecords.target(0, new long[] {0, 1500, 8000}, new int[] {10, 0});
            snaps.add(new Snapshot(k * SEC, (k + 1) * SEC, List.of(t)));
        }
        Recording rec = TestRecords.of(snaps);
        HeatmapGrid g = HeatmapGrid.build(rec, new HeatmapGrid.Spec(0, 0, 4 * SEC, 0, 8000, 4, 8));
        String out = TerminalHeatmap.render(g, null, "samples");
        String[] lines = out.split("\n");
        assertThat(lines[0]).isEqualTo("95000000");
        assertThat(lines[1]).isEqualTo("95000000");
        assertThat(lines[2]).isEqualTo("55555555");
        assertThat(lines[3]).isEqualTo("95000000");
        assertThat(lines[4]).startsWith("# access_frequency: 0 1 2 3 4 5 6 7 8 9");
        // 8000 / 1024 = 7.8125 exactly, a tie at 3 decimals: half-even (Python's %.3f, as damo prints) -> 7.812
        assertThat(lines[5]).isEqualTo("# x-axis: space [0x0, 0x1f40) (7.812 KiB)");
        assertThat(lines[6]).isEqualTo("# y-axis: time [0 us, 4 s) (4 s)");
        assertThat(lines[7]).startsWith("# resolution: 8x4 (1000 B and 1 s for each character)");
    }

    @Test
    void defaultMapIs80By40AndColouredOnRequest() {
        Recording rec = TestRecords.hotBand();
        HeatmapViews.View v = HeatmapViews.plan(rec, HeatmapViews.Options.defaults(40, 80)).getFirst();
        HeatmapGrid g = HeatmapGrid.build(rec.snapshots(), v.spec(), v.layout());
        String[] lines = TerminalHeatmap.render(g, null, "samples").split("\n");
        assertThat(lines).hasSize(44);
        for (int i = 0; i < 40; i++) {
            assertThat(lines[i]).hasSize(80);
        }
        // Hottest area = mmap: band [+64, +128) MiB of 256 = columns 20..39, time [2 s, 6 s) of 10 = rows 8..23.
        assertThat(lines[10].substring(20, 40)).isEqualTo("9".repeat(20));
        assertThat(lines[10].substring(0, 20)).isEqualTo("0".repeat(20));
        assertThat(lines[30]).isEqualTo("0".repeat(80));
        String coloured = TerminalHeatmap.render(g, TerminalHeatmap.ColorSet.FLAME, "samples");
        // digit 9 in the flame set is xterm colour 226 (yellow) as background.
        assertThat(coloured.split("\n")[10]).contains("48;5;226m9");
        assertThat(coloured).contains("\033[0m");
    }
}
