package org.jdamon.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jdamon.record.SideData;
import org.jdamon.truth.Coverage;
import org.junit.jupiter.api.Test;

/** The {@code coverage} side-data payload, byte by byte as docs/record-format.md lays it out. */
class CoverageSideDataTest {
    @Test
    void encodesTheDocumentedLayout() {
        var s = new CoverageSideData.Sample(7_000, List.of(new CoverageSideData.TargetCoverage(1,
                new Coverage(2, 1, 100, 50), new Coverage(300, 2, 400, 150))));
        SideData d = CoverageSideData.encode(s);
        assertThat(d.kind()).isEqualTo("coverage");
        assertThat(d.timeNs()).isEqualTo(7_000);
        // version 1, one target, id 1 zig-zagged to 2, then 2 1 100 50 | 300 (0xac 0x02) 2 400 (0x90 0x03) 150 (0x96 0x01)
        assertThat(d.payload()).containsExactly(1, 1, 2, 2, 1, 100, 50, 0xac, 0x02, 2, 0x90, 0x03, 0x96, 0x01);
        assertThat(CoverageSideData.decode(d)).isEqualTo(s);
    }

    @Test
    void aMalformedChunkIsAnErrorNamingItsTime() {
        assertThatThrownBy(() -> CoverageSideData.decode(new SideData("coverage", 5, new byte[] {2, 0})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("coverage chunk at 5 ns is malformed: version 2 (this jdamon reads 1)");
        // more pages outside than touched
        assertThatThrownBy(() -> CoverageSideData.decode(new SideData("coverage", 9,
                new byte[] {1, 1, 0, 1, 2, 0, 0, 0, 0, 0, 0})))
                .hasMessageStartingWith("coverage chunk at 9 ns is malformed: impossible coverage 2/1 pages");
        assertThatThrownBy(() -> CoverageSideData.decode(new SideData("coverage", 9, new byte[] {1, 1, 0, 1})))
                .hasMessageStartingWith("coverage chunk at 9 ns is malformed: ");
    }

    @Test
    void sharesAndTheWarningThreshold() {
        assertThat(new CoverageSummary(new Coverage(100, 0, 1000, 50), 100, 5, 1).poor())
                .as("exactly 5% is not above it").isFalse();
        assertThat(new CoverageSummary(new Coverage(100, 0, 1000, 0), 100, 6, 1).poor()).isTrue();
        assertThat(Coverage.NONE.pagesOutsideShare()).isZero();
        assertThat(new Coverage(1, 0, 2, 1).plus(new Coverage(3, 2, 4, 4))).isEqualTo(new Coverage(4, 2, 6, 5));
        // the warning goes by page-windows and accesses, not by pages never monitored
        Coverage fewMissed = new Coverage(100, 90, 1000, 50);
        assertThat(new CoverageSummary(fewMissed, 1000, 50, 1.0).warning(1_000_000)).isNull();
        assertThat(new CoverageSummary(fewMissed, 1000, 51, 1.0).warning(1_000_000)).isEqualTo(
                "5.0% of accesses (5.1% of pages per window) were outside every monitored region: memory"
                        + " mapped after a ranges update is unseen until the next one (every 1 s); lower -u/--updr,"
                        + " e.g. to the aggregation interval");
        assertThat(new CoverageSummary(new Coverage(100, 0, 1000, 51), 1000, 0, 0).poor()).isTrue();
    }
}
