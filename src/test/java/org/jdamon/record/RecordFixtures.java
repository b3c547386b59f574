package org.jdamon.record;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jdamon.core.Attributes;

/** Small hand-made headers and snapshots shared by the record and report tests. */
public final class RecordFixtures {
    private RecordFixtures() {}

    /** Writes {@code r}'s header and snapshots as a jdamon record at {@code file}, and returns the file. */
    public static Path write(Recording r, Path file) throws IOException {
        try (RecordWriter w = RecordWriter.create(file, r.header())) {
            for (Snapshot s : r.snapshots()) {
                w.writeSnapshot(s);
            }
        }
        return file;
    }

    public static RecordHeader header(int nrTargets) {
        List<TargetInfo> targets = new java.util.ArrayList<>();
        for (int i = 0; i < nrTargets; i++) {
            targets.add(new TargetInfo(i, 1000 + i, "t" + i));
        }
        return new RecordHeader(RecordFormat.VERSION, "jdamon test", Attributes.DAMO_DEFAULTS, "sim", targets,
                1_700_000_000_000_000_000L, Map.of("seed", "42", RecordFormat.PROP_ACCESS_PRIMITIVE, "sim"));
    }

    public static TargetSnapshot target(int id, long... startEndNrAge) {
        int n = startEndNrAge.length / 4;
        long[] s = new long[n];
        long[] e = new long[n];
        int[] nr = new int[n];
        int[] age = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = startEndNrAge[4 * i];
            e[i] = startEndNrAge[4 * i + 1];
            nr[i] = (int) startEndNrAge[4 * i + 2];
            age[i] = (int) startEndNrAge[4 * i + 3];
        }
        return new TargetSnapshot(id, s, e, nr, age);
    }

    /** {@code n} page-aligned adjacent regions (with a few gaps) starting at a heap-like address. */
    public static TargetSnapshot randomTarget(int id, int n, SplittableRandom rnd) {
        long[] s = new long[n];
        long[] e = new long[n];
        int[] nr = new int[n];
        int[] age = new int[n];
        long addr = 0x55_5555_0000_000L;
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(20) == 0) {
                addr += (1L + rnd.nextInt(1 << 20)) << 12;
            }
            s[i] = addr;
            addr += (1L + rnd.nextInt(4096)) << 12;
            e[i] = addr;
            nr[i] = rnd.nextInt(21);
            age[i] = rnd.nextInt(200);
        }
        return new TargetSnapshot(id, s, e, nr, age);
    }
}
