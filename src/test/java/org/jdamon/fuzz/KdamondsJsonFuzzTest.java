package org.jdamon.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.jdamon.config.ConfigException;
import org.jdamon.config.KdamondsJson;

/** damo's kdamonds JSON as {@code --kdamonds FILE} reads it. */
class KdamondsJsonFuzzTest {
    @FuzzTest
    void read(byte[] data) {
        check(data);
    }

    static void check(byte[] data) {
        Path file = FuzzInputs.write("kdamonds.json", data);
        try {
            KdamondsJson.read(file);
        } catch (ConfigException e) {
            FuzzInputs.assertNamesFile(e, file, data);
        }
    }
}
