package org.jdamon.ops.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LackeyReaderTest {
    static TraceReader reader(String text) {
        return TraceInput.open(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), "t.txt");
    }

    @Test
    void parsesEveryRecordKindAndSkipsValgrindLines() {
        String text = """
                ==123== Lackey, an example Valgrind tool
                ==123==\s
                I  0401ab70,3
                 S 1fff000778,8
                 L BE80199C,4
                 M 0000000000000010,16
                # a comment

                I  ffffffffffffffff,15
                ==123== Exit code:       0
                """;
        long[] a = new long[16];
        int[] info = new int[16];
        int n = reader(text).read(a, info);
        assertThat(n).isEqualTo(5);
        assertThat(a).startsWith(0x0401ab70L, 0x1fff000778L, 0xBE80199CL, 0x10L, -1L);
        assertThat(info[0]).isEqualTo(TraceReader.info(TraceReader.KIND_INSTR, 3));
        assertThat(info[1]).isEqualTo(TraceReader.info(TraceReader.KIND_STORE, 8));
        assertThat(info[2]).isEqualTo(TraceReader.info(TraceReader.KIND_LOAD, 4));
        assertThat(info[3]).isEqualTo(TraceReader.info(TraceReader.KIND_MODIFY, 16));
        assertThat(info[4]).isEqualTo(TraceReader.info(TraceReader.KIND_INSTR, 15));
    }

    @Test
    void acceptsCrLfAndAMissingFinalNewline() {
        long[] a = new long[4];
        int[] info = new int[4];
        int n = reader("I  10,2\r\n L 20,4").read(a, info);
        assertThat(n).isEqualTo(2);
        assertThat(a[1]).isEqualTo(0x20);
        assertThat(TraceReader.size(info[1])).isEqualTo(4);
    }

    @Test
    void malformedLinesAreReportedWithTheirLineNumber() {
        String[] bad = {" X 10,4", "I 10", "I  zz,4", " L 10,", " L 10,4x", "L 10,4", "I  10,0", " L 12345678901234567,4"};
        for (String b : bad) {
            String text = "==1== header\nI  400000,4\n L 10,8\n" + b + "\nI  400004,4\n";
            assertThatThrownBy(() -> reader(text).read(new long[16], new int[16]))
                    .as(b)
                    .isInstanceOf(TraceFormatException.class)
                    .hasMessageStartingWith("t.txt:4: malformed Lackey record '" + b + "'");
        }
    }

    @Test
    void lineNumbersCountAcrossBatchesAndBuffers() {
        StringBuilder sb = new StringBuilder();
        int lines = 200_000; // about 3 MiB: several buffer refills
        for (int i = 0; i < lines; i++) {
            sb.append(" L ").append(Long.toHexString(0x10000L + i * 8L)).append(",8\n");
        }
        sb.append("garbage\n");
        TraceReader r = reader(sb.toString());
        long[] a = new long[1000];
        int[] info = new int[1000];
        long total = 0;
        try {
            int n;
            while ((n = r.read(a, info)) > 0) {
                total += n;
            }
        } catch (TraceFormatException e) {
            assertThat(e).hasMessageStartingWith("t.txt:" + (lines + 1) + ":");
        }
        assertThat(total).isEqualTo(lines);
    }

    /** A stream that returns at most a few bytes per read, so records straddle every buffer boundary. */
    static final class Trickle extends InputStream {
        private final byte[] data;
        private final SplittableRandom rnd;
        private int pos;

        Trickle(byte[] data, long seed) {
            this.data = data;
            this.rnd = new SplittableRandom(seed);
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= data.length) {
                return -1;
            }
            int k = Math.min(Math.min(len, 1 + rnd.nextInt(13)), data.length - pos);
            System.arraycopy(data, pos, b, off, k);
            pos += k;
            return k;
        }
    }

    @Test
    void recordsSplitAcrossArbitraryReadsParseIdentically() {
        long seed = 7;
        SplittableRandom rnd = new SplittableRandom(seed);
        int count = 5000;
        long[] expAddr = new long[count];
        int[] expInfo = new int[count];
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int kind = rnd.nextInt(4);
            long addr = rnd.nextLong() >>> rnd.nextInt(64);
            int size = 1 + rnd.nextInt(64);
            expAddr[i] = addr;
            expInfo[i] = TraceReader.info(kind, size);
            sb.append(kind == 0 ? "I  " : " " + "LSM".charAt(kind - 1) + " ")
                    .append(String.format("%08x", addr)).append(',').append(size).append('\n');
        }
        TraceReader r = TraceInput.open(new Trickle(sb.toString().getBytes(StandardCharsets.US_ASCII), seed), "t");
        long[] a = new long[count + 1];
        int[] info = new int[count + 1];
        int got;
        int n = 0;
        while ((got = r.read(a, info)) > 0) {
            n += got;
        }
        assertThat(java.util.Arrays.copyOf(a, n)).as("seed %d", seed).isEqualTo(expAddr);
        assertThat(java.util.Arrays.copyOf(info, n)).as("seed %d", seed).isEqualTo(expInfo);
    }

    @Test
    void emptyInputIsAClearError() {
        assertThatThrownBy(() -> reader("")).isInstanceOf(TraceFormatException.class)
                .hasMessage("t.txt: empty trace");
    }
}
