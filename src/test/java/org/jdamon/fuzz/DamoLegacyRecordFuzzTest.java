package org.jdamon.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** damo's old binary {@code damon.data} records (with and without the version magic), through the reader every report uses. */
class DamoLegacyRecordFuzzTest {
    @FuzzTest
    void read(byte[] data) {
        check(data);
    }

    static void check(byte[] data) {
        RecordFuzzing.readBothWays(FuzzInputs.write("damon.data", data), data);
    }
}
