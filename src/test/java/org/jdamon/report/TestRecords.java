package org.jdamon.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdamon.core.Attributes;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetInfo;
import org.jdamon.record.TargetSnapshot;

/** Hand-built records for the picture tests. */
public final class TestRecords {
    public static final long MIB = 1L << 20;
    public static final long SEC = 1_000_000_000L;
    public static final long HEAP = 0x1000_0000L;
    public static final long MMAP = 0x7f00_0000_0000L;
    public static final long STACK = 0x7fff_f000_0000L;

    private TestRecords() {}

    public static RecordHeader header(int nrTargets) {
        List<TargetInfo> targets = new ArrayList<>();
        for (int i = 0; i < nrTargets; i++) {
            targets.add(new TargetInfo(i, -1, "sim" + i));
        }
        return new RecordHeader(1, "test", Attributes.DAMO_DEFAULTS, "sim", targets, 0, Map.of("workload", "test"));
    }

    public static Recording of(List<Snapshot> snapshots) {
        return new Recording(header(1), snapshots, List.of(), List.of());
    }

    /**
     * A process-like target over 10 s in 100 ms windows: heap 64 MiB, mmap 256 MiB, stack 8 MiB, each cut
     * in 16 equal regions. The mmap area's bytes [+64 MiB, +128 MiB) are accessed 20 times per window during
     * [2 s, 6 s); everything else is idle.
     */
    public static Recording hotBand() {
        List<Snapshot> snaps = new ArrayList<>();
        long window = SEC / 10;
        for (int k = 0; k < 100; k++) {
            long t0 = k * window;
            boolean hot = t0 >= 2 * SEC && t0 < 6 * SEC;
            long[] starts = new long[48];
            long[] ends = new long[48];
            int[] nr = new int[48];
            int[] age = new int[48];
            fill(starts, ends, 0, HEAP, 64 * MIB);
            fill(starts, ends, 16, MMAP, 256 * MIB);
            fill(starts, ends, 32, STACK, 8 * MIB);
            for (int i = 16 + 4; i < 16 + 8; i++) {
                nr[i] = hot ? 20 : 0;
            }
            snaps.add(new Snapshot(t0, t0 + window, List.of(new TargetSnapshot(0, starts, ends, nr, age))));
        }
        return of(snaps);
    }

    private static void fill(long[] starts, long[] ends, int from, long base, long size) {
        long piece = size / 16;
        for (int i = 0; i < 16; i++) {
            starts[from + i] = base + i * piece;
            ends[from + i] = base + (i + 1) * piece;
        }
    }

    public static TargetSnapshot target(int id, long[] bounds, int[] nr) {
        long[] s = new long[nr.length];
        long[] e = new long[nr.length];
        for (int i = 0; i < nr.length; i++) {
            s[i] = bounds[i];
            e[i] = bounds[i + 1];
        }
        return new TargetSnapshot(id, s, e, nr, new int[nr.length]);
    }
}
