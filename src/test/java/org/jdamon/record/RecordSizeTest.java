package org.jdamon.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytes per snapshot on synthetic DAMON-like snapshots (page-aligned adjacent regions of up to 16 MiB, a
 * few gaps, nr_accesses 0..20, ages 0..199): the numbers in {@code docs/benchmarks/record.md}.
 *
 * <p>Bound worked out from the encoding: per region at most 1 (gap, usually 0) + 2 (size below 2^14 pages)
 * + 1 (nr_accesses) + 2 (age) bytes, but a gap of up to 2^20 pages takes 3 bytes; per snapshot 9 bytes of
 * framing plus at most 10 + 10 (times) + 1 + 1 + 3 + 1 bytes of snapshot and target headers.
 */
class RecordSizeTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {10, 100, 1000})
    void bytesPerSnapshot(int regions) throws IOException {
        long seed = 1234 + regions;
        SplittableRandom rnd = new SplittableRandom(seed);
        Path p = dir.resolve("size-" + regions + ".jdr");
        int snapshots = 200;
        long headerBytes;
        try (RecordWriter w = RecordWriter.create(p, RecordFixtures.header(1))) {
            headerBytes = w.bytesWritten();
            for (int i = 0; i < snapshots; i++) {
                long t = 1_000_000_000L + i * 100_000_000L;
                w.writeSnapshot(new Snapshot(t, t + 100_000_000L, List.of(RecordFixtures.randomTarget(0, regions, rnd))));
            }
        }
        long total = Files.size(p);
        double perSnapshot = (double) (total - headerBytes - 11) / snapshots;
        double perRegion = perSnapshot / regions;
        System.out.printf("record size: %4d regions: %.1f bytes/snapshot, %.2f bytes/region (seed %d)%n",
                regions, perSnapshot, perRegion, seed);
        double gapShare = 1.0 / 20 * 2; // 1 in 20 regions has a gap of up to 3 varint bytes (2 more)
        assertThat(perSnapshot).as("seed %d", seed).isLessThanOrEqualTo(9 + 26 + regions * (6 + gapShare));
        assertThat(RecordReader.read(p).snapshots()).hasSize(snapshots);
    }
}
