package org.jdamon.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.jdamon.cli.CliUnitsFuzzTest;

/**
 * Every parser's fuzz harness behind one fuzz target, which is what {@code mvn verify} fuzzes: Jazzer
 * fuzzes one target per JVM and a JVM with the agent costs about 15 s to start here, so one fork that
 * fuzzes all parsers for {@code fuzz.duration} keeps the suite short. The first byte picks the harness
 * (modulo their number), the rest is its input; the seeds are every harness's own seeds with their
 * index in front (scripts/fuzz-seeds.sh). Long runs fuzz one parser at a time (docs/reliability.md).
 */
class AllParsersFuzzTest {
    static final List<Consumer<byte[]>> HARNESSES = List.of(
            MasimConfigFuzzTest::check,
            KdamondsJsonFuzzTest::check,
            JdamonRecordFuzzTest::check,
            DamoJsonRecordFuzzTest::check,
            DamoJsonCompressedFuzzTest::check,
            DamoLegacyRecordFuzzTest::check,
            DamoPerfScriptFuzzTest::check,
            LackeyTraceFuzzTest::check,
            BinaryTraceFuzzTest::check,
            AllParsersFuzzTest::units);

    @FuzzTest
    void parse(byte[] data) {
        if (data.length == 0) {
            return;
        }
        HARNESSES.get((data[0] & 0xFF) % HARNESSES.size()).accept(Arrays.copyOfRange(data, 1, data.length));
    }

    /** The unit parsers: the first byte picks one, the rest is the text. */
    private static void units(byte[] data) {
        if (data.length > 0) {
            CliUnitsFuzzTest.check(data[0], new String(data, 1, data.length - 1, StandardCharsets.UTF_8));
        }
    }
}
