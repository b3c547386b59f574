package org.jdamon.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import org.jdamon.record.RecordFormat;

/**
 * jdamon's own record format. Most mutations break a chunk's CRC and only exercise the reader's
 * resynchronisation, so when the input's first byte is odd the harness first rewrites every chunk's
 * CRC: the payload decoders then see the mutated bytes as if a buggy writer had produced them.
 */
class JdamonRecordFuzzTest {
    @FuzzTest
    void read(byte[] data) {
        check(data);
    }

    static void check(byte[] data) {
        if (data.length == 0) {
            return;
        }
        byte[] file = java.util.Arrays.copyOfRange(data, 1, data.length);
        if ((data[0] & 1) == 1) {
            fixCrcs(file);
        }
        RecordFuzzing.readBothWays(FuzzInputs.write("jdamon.data", file), data);
    }

    private static void fixCrcs(byte[] f) {
        ByteBuffer b = ByteBuffer.wrap(f);
        int pos = RecordFormat.MAGIC.length + 2;
        CRC32C crc = new CRC32C();
        while (pos + 5 <= f.length) {
            long len = b.getInt(pos + 1) & 0xFFFF_FFFFL;
            if (pos + 5 + len + 4 > f.length) {
                return;
            }
            crc.reset();
            crc.update(f, pos, (int) (5 + len));
            b.putInt((int) (pos + 5 + len), (int) crc.getValue());
            pos += (int) (5 + len + 4);
        }
    }
}
