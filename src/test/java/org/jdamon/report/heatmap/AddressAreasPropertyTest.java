package org.jdamon.report.heatmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;
import org.jdamon.report.TestRecords;
import org.jdamon.report.heatmap.AddressAreas;
import org.junit.jupiter.api.Test;

/** The one-pass area computation against a brute force over every region, on seeded random records. */
class AddressAreasPropertyTest {
    @Test
    void matchesTheBruteForceUnionAndHeat() {
        for (long seed = 1; seed <= 40; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            List<Snapshot> snaps = new ArrayList<>();
            int nSnaps = 1 + rnd.nextInt(30);
            long t = 0;
            for (int k = 0; k < nSnaps; k++) {
                // 1..4 islands of 1..6 contiguous regions, placed with gaps at random page offsets.
                List<long[]> regions = new ArrayList<>();
                long addr = rnd.nextLong(64) * 4096;
                int islands = 1 + rnd.nextInt(4);
                for (int i = 0; i < islands; i++) {
                    int pieces = 1 + rnd.nextInt(6);
                    for (int p = 0; p < pieces; p++) {
                        long size = (1 + rnd.nextLong(16)) * 4096;
                        regions.add(new long[] {addr, addr + size, rnd.nextInt(21)});
                        addr += size;
                    }
                    addr += rnd.nextLong(64) * 4096; // may be 0: islands then touch
                }
                long[] s = new long[regions.size()];
                long[] e = new long[regions.size()];
                int[] nr = new int[regions.size()];
                for (int i = 0; i < s.length; i++) {
                    s[i] = regions.get(i)[0];
                    e[i] = regions.get(i)[1];
                    nr[i] = (int) regions.get(i)[2];
                }
                long dt = 1 + rnd.nextLong(1000);
                snaps.add(new Snapshot(t, t + dt, List.of(new TargetSnapshot(0, s, e, nr, new int[s.length]))));
                t += dt;
            }
            Recording rec = TestRecords.of(snaps);
            List<AddressAreas.Area> areas = AddressAreas.of(rec, 0);

            List<long[]> all = new ArrayList<>();
            for (Snapshot sn : snaps) {
                TargetSnapshot ts = sn.targets().getFirst();
                for (int i = 0; i < ts.size(); i++) {
                    all.add(new long[] {ts.starts()[i], ts.ends()[i]});
                }
            }
            all.sort(Comparator.comparingLong(r -> r[0]));
            List<long[]> unions = new ArrayList<>();
            for (long[] r : all) {
                if (!unions.isEmpty() && r[0] <= unions.getLast()[1]) {
                    unions.getLast()[1] = Math.max(unions.getLast()[1], r[1]);
                } else {
                    unions.add(new long[] {r[0], r[1]});
                }
            }
            assertThat(areas).as("seed %d", seed).hasSize(unions.size());
            double totalTime = 0;
            for (Snapshot sn : snaps) {
                totalTime += sn.endNs() - sn.startNs();
            }
            for (int u = 0; u < unions.size(); u++) {
                assertThat(areas.get(u).range().start()).as("seed %d", seed).isEqualTo(unions.get(u)[0]);
                assertThat(areas.get(u).range().end()).as("seed %d", seed).isEqualTo(unions.get(u)[1]);
                double heat = 0;
                for (Snapshot sn : snaps) {
                    TargetSnapshot ts = sn.targets().getFirst();
                    for (int i = 0; i < ts.size(); i++) {
                        if (ts.starts()[i] >= unions.get(u)[0] && ts.ends()[i] <= unions.get(u)[1]) {
                            heat += (double) ts.nrAccesses()[i] * ts.regionSize(i) * (sn.endNs() - sn.startNs());
                        }
                    }
                }
                double expected = heat / ((unions.get(u)[1] - unions.get(u)[0]) * totalTime);
                assertThat(areas.get(u).heat()).as("seed %d", seed).isCloseTo(expected, within(1e-9 * (1 + expected)));
            }
        }
    }
}
