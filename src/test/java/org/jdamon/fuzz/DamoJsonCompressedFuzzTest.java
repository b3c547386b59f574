package org.jdamon.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * damo's {@code json_compressed} records. The harness compresses the fuzzed JSON (zlib as damo writes
 * it, or gzip, chosen by the first byte) and, when the second byte is not 0, cuts the compressed file
 * there, so both the JSON inside the stream and torn compressed files are exercised.
 */
class DamoJsonCompressedFuzzTest {
    @FuzzTest
    void read(byte[] data) {
        check(data);
    }

    static void check(byte[] data) {
        if (data.length < 2) {
            return;
        }
        byte[] json = Arrays.copyOfRange(data, 2, data.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = (data[0] & 1) == 0 ? new DeflaterOutputStream(out) : new GZIPOutputStream(out)) {
            z.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] file = out.toByteArray();
        int cut = data[1] & 0xFF;
        if (cut != 0 && cut < file.length) {
            file = Arrays.copyOf(file, cut);
        }
        RecordFuzzing.readBothWays(FuzzInputs.write("damo.json.z", file), json);
    }
}
