package org.jdamon.ops.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinaryTraceTest {
    @TempDir
    Path dir;

    record Trace(long[] addrs, int[] infos) {}

    /** Random records mixing sequential code, clustered data, far jumps and odd sizes. */
    static Trace randomTrace(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] a = new long[n];
        int[] info = new int[n];
        long pc = 0x400000;
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(4);
            int size = switch (rnd.nextInt(6)) {
                case 0 -> 1 + rnd.nextInt(12);
                case 1 -> 16;
                case 2 -> 64;
                case 3 -> 13 + rnd.nextInt(2000);
                default -> 8;
            };
            long addr;
            if (kind == TraceReader.KIND_INSTR) {
                addr = rnd.nextInt(8) == 0 ? rnd.nextLong() : pc;
                pc = addr + size;
            } else {
                addr = rnd.nextInt(5) == 0 ? rnd.nextLong() : 0x7ff0_0000_0000L + rnd.nextInt(1 << 20);
            }
            a[i] = addr;
            info[i] = TraceReader.info(kind, size);
        }
        return new Trace(a, info);
    }

    static byte[] encode(Trace t) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (BinaryTraceWriter w = new BinaryTraceWriter(bos)) {
            for (int i = 0; i < t.addrs().length; i++) {
                w.write(TraceReader.kind(t.infos()[i]), t.addrs()[i], TraceReader.size(t.infos()[i]));
            }
        }
        return bos.toByteArray();
    }

    static Trace decode(byte[] bytes, int batch) {
        TraceReader r = TraceInput.open(new ByteArrayInputStream(bytes), "t.bin");
        long[] a = new long[16];
        int[] info = new int[16];
        int n = 0;
        long[] ba = new long[batch];
        int[] bi = new int[batch];
        int got;
        while ((got = r.read(ba, bi)) > 0) {
            if (n + got > a.length) {
                a = Arrays.copyOf(a, 2 * (n + got));
                info = Arrays.copyOf(info, 2 * (n + got));
            }
            System.arraycopy(ba, 0, a, n, got);
            System.arraycopy(bi, 0, info, n, got);
            n += got;
        }
        return new Trace(Arrays.copyOf(a, n), Arrays.copyOf(info, n));
    }

    @Test
    void roundTripsRandomTracesExactly() throws IOException {
        for (long seed = 1; seed <= 5; seed++) {
            Trace t = randomTrace(seed, 5_000 * (int) seed);
            byte[] bytes = encode(t);
            for (int batch : new int[] {1, 7, 4096}) {
                Trace back = decode(bytes, batch);
                assertThat(back.addrs()).as("seed %d batch %d", seed, batch).isEqualTo(t.addrs());
                assertThat(back.infos()).as("seed %d batch %d", seed, batch).isEqualTo(t.infos());
            }
        }
    }

    @Test
    void straightLineCodeCostsABitMoreThanOneBytePerInstruction() throws IOException {
        // Header 10 bytes. One block of 1000 records: header varints 1000 (2 bytes), delta bytes 3 (1),
        // size bytes 0 (1); 1000 tags; 500 bytes of 4-bit lengths; deltas: the first instruction is
        // 0x400000 from the predicted 0, zigzag 0x800000 = 3 bytes, every later one follows the previous
        // (delta 0, length 0, no bytes). End block: 0, 1000 records, 1000 instructions = 1 + 2 + 2.
        int n = 1000;
        long[] a = new long[n];
        int[] info = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = 0x400000 + 4L * i;
            info[i] = TraceReader.info(TraceReader.KIND_INSTR, 4);
        }
        byte[] bytes = encode(new Trace(a, info));
        assertThat(bytes.length).isEqualTo(10 + (4 + 1000 + 500 + 3) + 5);
    }

    @Test
    void everyTruncationIsDetected() throws IOException {
        byte[] bytes = encode(randomTrace(11, 300));
        for (int cut = BinaryTrace.HEADER_BYTES; cut < bytes.length; cut++) {
            byte[] part = Arrays.copyOf(bytes, cut);
            int c = cut;
            assertThatThrownBy(() -> decode(part, 64)).as("cut at %d", c)
                    .isInstanceOf(TraceFormatException.class)
                    .hasMessageContaining("t.bin: truncated binary trace");
        }
    }

    @Test
    void corruptTagAndBadTotalsAreReported() throws IOException {
        byte[] bytes = encode(randomTrace(3, 10));
        byte[] corrupt = bytes.clone();
        // 10 records: the block header is 3 one-byte varints, so the first tag is at byte 13.
        corrupt[BinaryTrace.HEADER_BYTES + 3] = 0x10; // kind I with register 1: never written
        assertThatThrownBy(() -> decode(corrupt, 64))
                .hasMessage("t.bin: corrupt binary trace: record tag 0x10 at byte 13");
        byte[] badCount = bytes.clone();
        badCount[BinaryTrace.HEADER_BYTES] = 9; // the block claims 9 records: its columns no longer add up
        assertThatThrownBy(() -> decode(badCount, 64)).isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith("t.bin: corrupt binary trace");
        byte[] badVersion = bytes.clone();
        badVersion[8] = 1;
        assertThatThrownBy(() -> decode(badVersion, 64)).hasMessage("t.bin: unsupported binary trace version 1");
    }

    @Test
    void gzippedTracesAreReadAndTruncatedGzipIsAOneLineError() throws IOException {
        Trace t = randomTrace(5, 50_000);
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(encode(t));
        }
        byte[] gz = bos.toByteArray();
        assertThat(decode(gz, 4096).addrs()).isEqualTo(t.addrs());
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        assertThatThrownBy(() -> decode(cut, 4096)).isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith("t.bin: truncated gzip stream");

        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            text.append("I  ").append(Integer.toHexString(0x400000 + 4 * i)).append(",4\n");
        }
        Path file = dir.resolve("t.txt.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.toString().getBytes());
        }
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 100));
        assertThatThrownBy(() -> {
            try (TraceReader r = TraceInput.open(file.toString())) {
                while (r.read(new long[1024], new int[1024]) > 0) {
                    // drain
                }
            }
        }).isInstanceOf(TraceFormatException.class).hasMessageStartingWith(file + ": truncated gzip stream");
    }

    @Test
    void emptyFilesAndMissingFilesAreOneLineErrors() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty"));
        assertThatThrownBy(() -> TraceInput.open(empty.toString())).hasMessage(empty + ": empty trace");
        Path emptyGz = dir.resolve("empty.gz");
        new GZIPOutputStream(Files.newOutputStream(emptyGz)).close();
        assertThatThrownBy(() -> TraceInput.open(emptyGz.toString())).hasMessage(emptyGz + ": empty trace");
        assertThatThrownBy(() -> TraceInput.open(dir.resolve("nope").toString()))
                .hasMessage("no such trace file: " + dir.resolve("nope"));
    }
}
