package org.jdamon.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdamon.core.Attributes;
import org.jdamon.record.RecordFormat;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.RecordSource;
import org.jdamon.record.RecordStream;
import org.jdamon.record.SideData;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetInfo;
import org.jdamon.record.TargetSnapshot;
import org.junit.jupiter.api.Test;

/**
 * {@code report heatmap --guide} and {@code --output raw} ({@link DamoHeatmap}) stream: over a record made
 * one snapshot at a time, no snapshot outlives the next few, so memory does not grow with the record.
 */
class DamoHeatmapStreamingTest {
    private static final int SNAPSHOTS = 512;
    private static final int CHECK_EVERY = 64;

    /**
     * 512 snapshots of 128 ns from 0, each with the one region [0, 4096) accessed once, intervals
     * unrecorded; every 64th snapshot collects garbage and notes how many earlier snapshots are alive.
     */
    private static final class Generated implements RecordSource {
        final List<WeakReference<Snapshot>> handedOut = new ArrayList<>();
        int mostAlive;

        @Override
        public RecordStream open() {
            handedOut.clear();
            RecordHeader header = new RecordHeader(RecordFormat.VERSION, "test", Attributes.DAMO_DEFAULTS, "sim",
                    List.of(new TargetInfo(0, -1, "")), 5_000, Map.of(RecordFormat.PROP_INTERVALS, "unrecorded"));
            return new RecordStream() {
                int next;

                @Override
                public RecordHeader header() {
                    return header;
                }

                @Override
                public Snapshot nextSnapshot() {
                    if (next == SNAPSHOTS) {
                        return null;
                    }
                    if (next % CHECK_EVERY == 0) {
                        System.gc();
                        int alive = 0;
                        for (WeakReference<Snapshot> w : handedOut) {
                            alive += w.get() != null ? 1 : 0;
                        }
                        mostAlive = Math.max(mostAlive, alive);
                    }
                    Snapshot s = new Snapshot(next * 128L, next * 128L + 128, List.of(new TargetSnapshot(0,
                            new long[] {0}, new long[] {4096}, new int[] {1}, new int[] {0})));
                    handedOut.add(new WeakReference<>(s));
                    next++;
                    return s;
                }

                @Override
                public List<SideData> sideData() {
                    return List.of();
                }

                @Override
                public List<String> warnings() {
                    return List.of();
                }

                @Override
                public void close() {}
            };
        }
    }

    @Test
    void guideAndRawOutputKeepNoMoreThanTheLastSnapshots() throws IOException {
        Generated g = new Generated();
        // one area [0, 4096); the span from the first start to the last end, 512 x 128 ns, absolute from 5000
        assertThat(DamoHeatmap.guideText(g)).isEqualTo("target_id: 0\ntime: [5000, 70536) (65536)\n"
                + "region\t 0: [0, 4096) (4096)\n");
        assertThat(g.mostAlive).isLessThanOrEqualTo(2);
        g.mostAlive = 0;
        // one pixel over the whole span and area: each snapshot adds 1 access x 128 ns x 4096 bytes, the
        // pixel is 65,536 ns x 4096 bytes, so the heat is 512 x 128 / 65,536 = 1.0 (powers of two: damo's
        // sum-then-divide per region stays exact)
        assertThat(DamoHeatmap.rawText(g, new DamoHeatmap.RawOptions(null, List.of(), false, null, 1, 1, false,
                false, false))).isEqualTo("0\t0\t1.0\n");
        assertThat(g.mostAlive).isLessThanOrEqualTo(2);
    }
}
