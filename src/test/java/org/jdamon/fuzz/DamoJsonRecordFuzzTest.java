package org.jdamon.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** damo's {@code json} records, through the reader every report uses. */
class DamoJsonRecordFuzzTest {
    @FuzzTest
    void read(byte[] data) {
        check(data);
    }

    static void check(byte[] data) {
        RecordFuzzing.readBothWays(FuzzInputs.write("damo.json", data), data);
    }
}
