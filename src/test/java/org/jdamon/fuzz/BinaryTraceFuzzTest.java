package org.jdamon.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** jdamon's binary trace format (docs/trace-format.md), plain or gzipped. */
class BinaryTraceFuzzTest {
    @FuzzTest
    void read(byte[] data) {
        check(data);
    }

    static void check(byte[] data) {
        TraceFuzzing.readToEnd(FuzzInputs.write("trace.bin", data), data);
    }
}
