package org.jdamon.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Valgrind Lackey text traces ({@code record --trace FILE}). */
class LackeyTraceFuzzTest {
    @FuzzTest
    void read(byte[] data) {
        check(data);
    }

    static void check(byte[] data) {
        TraceFuzzing.readToEnd(FuzzInputs.write("lackey.txt", data), data);
    }
}
