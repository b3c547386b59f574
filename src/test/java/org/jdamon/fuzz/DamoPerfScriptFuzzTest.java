package org.jdamon.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** damo's {@code perf_script} text records, through the reader every report uses. */
class DamoPerfScriptFuzzTest {
    @FuzzTest
    void read(byte[] data) {
        check(data);
    }

    static void check(byte[] data) {
        RecordFuzzing.readBothWays(FuzzInputs.write("perf.data.txt", data), data);
    }
}
