package org.jdamon.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.jdamon.record.RecordFixtures;
import org.jdamon.record.RecordReader;
import org.jdamon.record.RecordWriter;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;

/**
 * Write and streaming-read cost of record files: {@code N} snapshots of {@code R} synthetic regions
 * (default: one hour at the default 100 ms aggregation, 1000 regions). Reports CPU time of the calling
 * thread, which stays meaningful on a busy machine, next to wall time. Not a unit test; run by hand
 * (command in {@code docs/benchmarks/record.md}).
 */
public final class RecordThroughputBench {
    private RecordThroughputBench() {}

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 36_000;
        int regions = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        SplittableRandom rnd = new SplittableRandom(1);
        TargetSnapshot[] pool = new TargetSnapshot[64];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = RecordFixtures.randomTarget(0, regions, rnd);
        }
        Path p = Files.createTempFile("jdamon-bench", ".jdr");
        try {
            run(p, 2_000, pool); // warm-up
            double[] r = run(p, n, pool);
            System.out.printf("%d snapshots x %d regions: %.1f MB (%.2f bytes/region); write %.2f s CPU (%.2f s wall, %.1f us/snapshot); "
                            + "stream read %.2f s CPU (%.2f s wall, %.1f ns/region)%n",
                    n, regions, r[0] / 1e6, r[0] / ((double) n * regions), r[1], r[2], r[1] * 1e6 / n, r[3], r[4],
                    r[3] * 1e9 / ((double) n * regions));
        } finally {
            Files.deleteIfExists(p);
        }
    }

    private static double[] run(Path p, int n, TargetSnapshot[] pool) throws IOException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        try (RecordWriter w = RecordWriter.create(p, RecordFixtures.header(1))) {
            for (int i = 0; i < n; i++) {
                w.writeSnapshot(new Snapshot(i * 100_000_000L, (i + 1) * 100_000_000L, List.of(pool[i % pool.length])));
            }
        }
        long c1 = mx.getCurrentThreadCpuTime();
        long t1 = System.nanoTime();
        long regions = 0;
        try (RecordReader r = RecordReader.open(p)) {
            for (Snapshot s : r) {
                regions += s.targets().get(0).size();
            }
        }
        long c2 = mx.getCurrentThreadCpuTime();
        long t2 = System.nanoTime();
        if (regions == 0 && n > 0) {
            throw new IllegalStateException("nothing read back");
        }
        return new double[] {Files.size(p), (c1 - c0) / 1e9, (t1 - t0) / 1e9, (c2 - c1) / 1e9, (t2 - t1) / 1e9};
    }
}
