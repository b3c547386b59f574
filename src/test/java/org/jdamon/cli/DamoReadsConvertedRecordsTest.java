package org.jdamon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * damo itself reads jdamon's records once converted: damo's {@code report wss} on the converted file prints
 * the table jdamon's {@code report wss} prints on the original. Runs only when {@code DAMO_SRC} points at
 * a damo source tree (damo runs with python3 from there; nothing is installed).
 */
@EnabledIfEnvironmentVariable(named = "DAMO_SRC", matches = ".+")
class DamoReadsConvertedRecordsTest {
    @TempDir
    Path dir;

    private static String damo(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("python3", Path.of(System.getenv("DAMO_SRC"), "damo").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void damosWssOfConvertedRecordsIsJdamonsWssOfTheOriginal() throws Exception {
        Path rec = dir.resolve("zigzag.jdr");
        CliRunner r = CliRunner.run("record", "--sim", "zigzag", "--duration", "20s", "-o", rec.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        for (String[] wssArgs : List.of(new String[0], new String[] {"--range", "0", "101", "5", "--raw_number"})) {
            String[] jdamonArgs = concat(new String[] {"report", "wss", "-i", rec.toString()}, wssArgs);
            CliRunner mine = CliRunner.run(jdamonArgs);
            assertThat(mine.exitCode()).as(mine.err()).isZero();
            for (String format : List.of("json_compressed", "perf_script")) {
                Path converted = dir.resolve("zigzag." + format);
                CliRunner c = CliRunner.run("convert_record_format", "--record_file", rec.toString(), "--format",
                        format, "--output_file", converted.toString());
                assertThat(c.exitCode()).as(c.err()).isZero();
                String theirs = damo(dir, concat(new String[] {"report", "wss", "-i", converted.toString()}, wssArgs));
                assertThat(theirs).as(format + " " + String.join(" ", wssArgs)).isEqualTo(mine.out());
            }
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
