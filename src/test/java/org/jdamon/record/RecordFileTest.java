package org.jdamon.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class RecordFileTest {
    @TempDir
    Path dir;

    private static final long ULONG_MAX = -1L;

    /** Three snapshots of two targets, side data between them, extreme addresses in target 1. */
    private List<Snapshot> sample() {
        List<Snapshot> s = new ArrayList<>();
        s.add(new Snapshot(0, 100_000_000, List.of(
                RecordFixtures.target(0, 0x1000, 0x3000, 5, 0, 0x3000, 0x8000, 0, 3),
                RecordFixtures.target(1, 0x8000_0000_0000_0000L, 0xF000_0000_0000_0000L, 20, 7,
                        0xF000_0000_0000_0000L, ULONG_MAX, -1, -1))));
        s.add(new Snapshot(100_000_000, 200_000_000, List.of(
                RecordFixtures.target(0, 0x1000, 0x2000, 1, 1, 0x5000, 0x8000, 2, 4),
                // unaligned, odd sizes, and a region list that is not sorted
                RecordFixtures.target(1, 0x123, 0x457, 3, 1_000_000, 17, 18, Integer.MAX_VALUE, Integer.MIN_VALUE))));
        s.add(new Snapshot(200_000_000, 300_000_001, List.of(
                RecordFixtures.target(0), RecordFixtures.target(1, 0, 0, 0, 0))));
        return s;
    }

    private Path writeSample(boolean close) throws IOException {
        Path p = dir.resolve("r.jdr");
        RecordWriter w = RecordWriter.create(p, RecordFixtures.header(2));
        List<Snapshot> s = sample();
        w.writeSnapshot(s.get(0));
        w.writeSideData(new SideData("damos.stats", 150_000_000, "hello".getBytes(StandardCharsets.UTF_8)));
        w.writeSnapshot(s.get(1));
        w.writeSideData(new SideData("empty", -5, new byte[0]));
        w.writeSnapshot(s.get(2));
        if (close) {
            w.close();
        }
        return p;
    }

    public static void assertSameSnapshot(Snapshot a, Snapshot b) {
        assertThat(a.startNs()).isEqualTo(b.startNs());
        assertThat(a.endNs()).isEqualTo(b.endNs());
        assertThat(a.targets()).hasSameSizeAs(b.targets());
        for (int i = 0; i < a.targets().size(); i++) {
            TargetSnapshot x = a.targets().get(i);
            TargetSnapshot y = b.targets().get(i);
            assertThat(x.targetId()).isEqualTo(y.targetId());
            assertThat(x.starts()).containsExactly(y.starts());
            assertThat(x.ends()).containsExactly(y.ends());
            assertThat(x.nrAccesses()).containsExactly(y.nrAccesses());
            assertThat(x.ages()).containsExactly(y.ages());
        }
    }

    @Test
    void roundTripKeepsEverything() throws IOException {
        Recording r = RecordReader.read(writeSample(true));
        assertThat(r.warnings()).isEmpty();
        assertThat(r.header()).isEqualTo(RecordFixtures.header(2));
        List<Snapshot> want = sample();
        assertThat(r.snapshots()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertSameSnapshot(r.snapshots().get(i), want.get(i));
        }
        assertThat(r.sideData()).hasSize(2);
        assertThat(r.sideData().get(0).kind()).isEqualTo("damos.stats");
        assertThat(r.sideData().get(0).timeNs()).isEqualTo(150_000_000);
        assertThat(new String(r.sideData().get(0).payload(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(r.sideData().get(1).timeNs()).isEqualTo(-5);
        assertThat(r.sideData().get(1).payload()).isEmpty();
    }

    @Test
    void sameInputSameBytes() throws IOException {
        byte[] a = Files.readAllBytes(writeSample(true));
        byte[] b = Files.readAllBytes(writeSample(true));
        assertThat(b).isEqualTo(a);
    }

    @Test
    void randomSnapshotsRoundTrip() throws IOException {
        long seed = 20261126L;
        SplittableRandom rnd = new SplittableRandom(seed);
        Path p = dir.resolve("rand.jdr");
        List<Snapshot> want = new ArrayList<>();
        try (RecordWriter w = RecordWriter.create(p, RecordFixtures.header(1))) {
            for (int i = 0; i < 50; i++) {
                Snapshot s = new Snapshot(i * 100L, i * 100L + 100,
                        List.of(RecordFixtures.randomTarget(0, 1 + rnd.nextInt(300), rnd)));
                want.add(s);
                w.writeSnapshot(s);
            }
        }
        Recording r = RecordReader.read(p);
        assertThat(r.warnings()).as("seed %d", seed).isEmpty();
        for (int i = 0; i < want.size(); i++) {
            assertSameSnapshot(r.snapshots().get(i), want.get(i));
        }
    }

    @Test
    void unclosedRecordIsReadableUpToTheLastSnapshot() throws IOException {
        Path p = writeSample(false);
        Recording r = RecordReader.read(p);
        assertThat(r.snapshots()).hasSize(3);
        assertThat(r.warnings()).singleElement().asString().startsWith("no end marker");
    }

    @Test
    void truncationAtEveryOffsetKeepsTheIntactPrefix() throws IOException {
        byte[] full = Files.readAllBytes(writeSample(true));
        List<Long> chunkEnds = chunkEnds(full);
        long headerEnd = chunkEnds.get(0);
        Path cut = dir.resolve("cut.jdr");
        for (int len = 0; len < full.length; len++) {
            Files.write(cut, Arrays.copyOf(full, len));
            if (len < headerEnd) {
                assertThatThrownBy(() -> RecordReader.read(cut))
                        .as("cut at %d", len)
                        .isInstanceOf(RecordFormatException.class)
                        .hasMessageStartingWith(cut.toString());
                continue;
            }
            Recording r = RecordReader.read(cut);
            // chunks: header, snap, side, snap, side, snap, end
            int complete = 0;
            while (complete + 1 < chunkEnds.size() && chunkEnds.get(complete + 1) <= len) {
                complete++;
            }
            int snapshots = complete >= 5 ? 3 : complete >= 3 ? 2 : complete >= 1 ? 1 : 0;
            assertThat(r.snapshots()).as("cut at %d", len).hasSize(snapshots);
            long intactEnd = chunkEnds.get(complete);
            if (intactEnd < len) {
                assertThat(r.warnings().get(0)).as("cut at %d", len)
                        .isEqualTo("offset %d: truncated chunk; skipped the last %d bytes"
                                .formatted(intactEnd, len - intactEnd));
            }
            assertThat(r.warnings()).as("cut at %d", len).last().asString().startsWith("no end marker");
        }
    }

    @Test
    void corruptByteIsDetectedAndTheRestStillRead() throws IOException {
        byte[] full = Files.readAllBytes(writeSample(true));
        List<Long> ends = chunkEnds(full);
        // flip one byte inside the payload of the first snapshot chunk (chunk index 1)
        int at = (int) (ends.get(0) + 7);
        full[at] ^= 0x40;
        Path p = dir.resolve("bad.jdr");
        Files.write(p, full);
        Recording r = RecordReader.read(p);
        assertThat(r.snapshots()).hasSize(2);
        assertSameSnapshot(r.snapshots().get(0), sample().get(1));
        long chunkLen = ends.get(1) - ends.get(0);
        assertThat(r.warnings()).containsExactly(
                "offset %d: corrupt chunk (CRC mismatch); skipped %d bytes up to the next intact chunk at offset %d"
                        .formatted(ends.get(0), chunkLen, ends.get(1)));
    }

    @Test
    void corruptLengthFieldResynchronises() throws IOException {
        byte[] full = Files.readAllBytes(writeSample(true));
        List<Long> ends = chunkEnds(full);
        int at = (int) (ends.get(2) + 1); // most significant length byte of the second snapshot
        full[at] = 0x7f;
        Path p = dir.resolve("badlen.jdr");
        Files.write(p, full);
        Recording r = RecordReader.read(p);
        assertThat(r.snapshots()).hasSize(2);
        assertSameSnapshot(r.snapshots().get(1), sample().get(2));
        assertThat(r.warnings()).singleElement().asString()
                .startsWith("offset %d: corrupt chunk length; skipped %d bytes"
                        .formatted(ends.get(2), ends.get(3) - ends.get(2)));
    }

    @Test
    void unknownChunkKindIsSkippedWithANote() throws IOException {
        byte[] full = Files.readAllBytes(writeSample(true));
        List<Long> ends = chunkEnds(full);
        // insert a valid chunk of kind 99 after the first snapshot
        byte[] payload = {1, 2, 3};
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        byte[] chunk = {99, 0, 0, 0, 3, 1, 2, 3, 0, 0, 0, 0};
        crc.update(chunk, 0, 5 + payload.length);
        int c = (int) crc.getValue();
        chunk[8] = (byte) (c >>> 24);
        chunk[9] = (byte) (c >>> 16);
        chunk[10] = (byte) (c >>> 8);
        chunk[11] = (byte) c;
        int cut = (int) (long) ends.get(1);
        byte[] out = new byte[full.length + chunk.length];
        System.arraycopy(full, 0, out, 0, cut);
        System.arraycopy(chunk, 0, out, cut, chunk.length);
        System.arraycopy(full, cut, out, cut + chunk.length, full.length - cut);
        Path p = dir.resolve("unknown.jdr");
        Files.write(p, out);
        Recording r = RecordReader.read(p);
        assertThat(r.snapshots()).hasSize(3);
        assertThat(r.sideData()).hasSize(2);
        assertThat(r.warnings()).containsExactly(
                "offset %d: 1 chunk(s) of unknown kind 99 (written by a newer jdamon?); skipped 12 bytes".formatted(cut));
    }

    @Test
    void newerVersionIsRefused() throws IOException {
        byte[] full = Files.readAllBytes(writeSample(true));
        full[9] = 2;
        Path p = dir.resolve("future.jdr");
        Files.write(p, full);
        assertThatThrownBy(() -> RecordReader.read(p))
                .isInstanceOf(RecordFormatException.class)
                .hasMessage(p + ": record format version 2 is newer than this jdamon reads (1); use a newer jdamon");
    }

    @Test
    void notARecordAndEmptyFileAreClearErrors() throws IOException {
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);
        assertThatThrownBy(() -> RecordReader.read(empty)).hasMessage(empty + ": empty file, not a record");
        Path text = Files.writeString(dir.resolve("text"), "hello world");
        assertThatThrownBy(() -> RecordReader.read(text)).hasMessage(text + ": not a jdamon record file");
    }

    @Test
    void streamingReaderYieldsSnapshotsInOrder() throws IOException {
        Path p = writeSample(true);
        try (RecordReader r = RecordReader.open(p)) {
            int n = 0;
            for (Snapshot s : r) {
                assertSameSnapshot(s, sample().get(n++));
            }
            assertThat(n).isEqualTo(3);
            assertThat(r.sideData()).hasSize(2);
            assertThat(r.warnings()).isEmpty();
        }
    }

    @Test
    void randomDamageNeverYieldsAlteredSnapshots() throws IOException {
        long seed = 77;
        SplittableRandom rnd = new SplittableRandom(seed);
        Path clean = dir.resolve("clean.jdr");
        List<Snapshot> want = new ArrayList<>();
        try (RecordWriter w = RecordWriter.create(clean, RecordFixtures.header(1))) {
            for (int i = 0; i < 30; i++) {
                Snapshot s = new Snapshot(i * 100L, i * 100L + 100, List.of(RecordFixtures.randomTarget(0, 1 + rnd.nextInt(40), rnd)));
                want.add(s);
                w.writeSnapshot(s);
            }
        }
        byte[] full = Files.readAllBytes(clean);
        int headerEnd = (int) (long) chunkEnds(full).get(0);
        Path bad = dir.resolve("damaged.jdr");
        for (int round = 0; round < 100; round++) {
            byte[] b = full.clone();
            int flips = 1 + rnd.nextInt(4);
            for (int f = 0; f < flips; f++) {
                b[headerEnd + rnd.nextInt(b.length - headerEnd)] ^= (byte) (1 + rnd.nextInt(255));
            }
            if (rnd.nextBoolean()) {
                b = Arrays.copyOf(b, headerEnd + rnd.nextInt(b.length - headerEnd));
            }
            Files.write(bad, b);
            Recording r = RecordReader.read(bad);
            // every snapshot read back is an original one, in the original order (CRC-guarded)
            int next = 0;
            for (Snapshot s : r.snapshots()) {
                while (next < want.size() && want.get(next).startNs() != s.startNs()) {
                    next++;
                }
                assertThat(next).as("seed %d round %d", seed, round).isLessThan(want.size());
                assertSameSnapshot(s, want.get(next++));
            }
            if (r.snapshots().size() < want.size()) {
                assertThat(r.warnings()).as("seed %d round %d", seed, round).isNotEmpty();
            }
        }
    }

    /** Offsets where each chunk ends, parsed independently of the reader from the documented framing. */
    static List<Long> chunkEnds(byte[] file) {
        List<Long> ends = new ArrayList<>();
        int pos = RecordFormat.PREAMBLE_BYTES;
        while (pos < file.length) {
            int len = ((file[pos + 1] & 0xFF) << 24) | ((file[pos + 2] & 0xFF) << 16)
                    | ((file[pos + 3] & 0xFF) << 8) | (file[pos + 4] & 0xFF);
            pos += 9 + len;
            ends.add((long) pos);
        }
        return ends;
    }
}
