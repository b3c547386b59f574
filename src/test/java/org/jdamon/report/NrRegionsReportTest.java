package org.jdamon.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jdamon.record.RecordFixtures;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;
import org.junit.jupiter.api.Test;

class NrRegionsReportTest {
    /** 25 snapshots; snapshot i has (i % 5) + 1 regions, so the 5 kept after skipping 20 have 1..5. */
    private static Recording counts() {
        List<Snapshot> snaps = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            int n = i % 5 + 1;
            long[] v = new long[4 * n];
            for (int k = 0; k < n; k++) {
                v[4 * k] = 4096L * k;
                v[4 * k + 1] = 4096L * (k + 1);
            }
            TargetSnapshot t = RecordFixtures.target(0, v);
            snaps.add(new Snapshot(i * 100L, i * 100L + 100, List.of(t)));
        }
        return new Recording(ReportFixtures.wss().header(), snaps, List.of(), List.of());
    }

    @Test
    void firstTwentySnapshotsAreSkippedAndTheRestTabulated() {
        int[] ps = PercentileTable.range(0, 101, 25);
        String out = NrRegionsReport.text(NrRegionsReport.distributions(counts(), true), ps);
        // sorted 1 2 3 4 5: index int(p/100*5) -> 0 1 2 3 (4 clamped); average 3
        assertThat(out).isEqualTo("# <percentile> <# regions>\n# target_id\t0\n# avr:\t3\n"
                + "0\t1\n25\t2\n50\t3\n75\t4\n100\t5\n");
    }

    @Test
    void timeOrderKeepsTheSequence() {
        Distribution d = NrRegionsReport.distributions(counts(), false).get(0);
        assertThat(d.values()).containsExactly(1, 2, 3, 4, 5);
        String json = NrRegionsReport.json(NrRegionsReport.distributions(counts(), true), new int[] {50});
        assertThat(json).isEqualTo("{\"targets\":[{\"target_id\":0,\"avg_nr_regions\":3,"
                + "\"percentiles\":[{\"percentile\":50,\"nr_regions\":3}]}]}\n");
    }
}
