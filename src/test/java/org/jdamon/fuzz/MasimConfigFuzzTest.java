package org.jdamon.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.jdamon.ops.sim.MasimConfigException;
import org.jdamon.ops.sim.SimWorkloads;

/** masim configurations as {@code record --sim FILE} loads them. */
class MasimConfigFuzzTest {
    @FuzzTest
    void load(byte[] data) {
        check(data);
    }

    static void check(byte[] data) {
        Path file = FuzzInputs.write("workload.cfg", data);
        try {
            SimWorkloads.load(file.toString());
        } catch (MasimConfigException e) {
            FuzzInputs.assertNamesFile(e, file, data);
        }
    }
}
