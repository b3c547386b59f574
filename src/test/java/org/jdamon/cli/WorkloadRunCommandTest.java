package org.jdamon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadRunCommandTest {

    @Test
    void shortConfigPrintsMasimLinesAndRegionAddresses(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("short.cfg");
        Files.writeString(cfg, """
                # two regions, the hot one written at random, the other walked
                hot, 1048576
                cold, 4194304

                hot phase
                200
                hot, 1, 64, 1, wo

                walk
                200
                cold, 0, 4096, 1, ro
                """);
        CliRunner r = CliRunner.run("workload", "run", "--verbose", "--no-warm-up", "--engine", "jvm", cfg.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(2);
        Pattern masim = Pattern.compile("(.+):\\t +([0-9,]+) accesses/msec, ([0-9]+) msecs run");
        for (String line : lines) {
            Matcher m = masim.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            assertThat(Long.parseLong(m.group(2).replace(",", ""))).isPositive();
            assertThat(Long.parseLong(m.group(3))).isBetween(200L, 1200L);
        }
        assertThat(lines.get(0)).startsWith("hot phase:");
        Matcher region = Pattern.compile("region hot: 0x([0-9a-f]+)-0x([0-9a-f]+) \\(1048576 bytes\\)")
                .matcher(r.err());
        assertThat(region.find()).as(r.err()).isTrue();
        assertThat(Long.parseUnsignedLong(region.group(2), 16) - Long.parseUnsignedLong(region.group(1), 16))
                .isEqualTo(1048576);
        assertThat(r.err()).contains("workload: pid " + ProcessHandle.current().pid());
        assertThat(r.err()).contains("phase walk: start at ");
        assertThat(r.err()).containsPattern("workload: pid [0-9]+ \\(this JVM\\): buffers 5.0 MiB of [0-9.]+ MiB mapped");
    }

    /**
     * The native helper: its address space is the buffers plus libc and a stack, so they are most of what
     * it maps (a JVM maps hundreds of MiB around them). Needs a C compiler; skipped without one.
     */
    @Test
    void nativeHelperRunsThePlanInAnAddressSpaceOfMostlyBuffers(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                org.jdamon.workload.NativeWorkload.helper(new StringBuilder()).isPresent(), "no C compiler");
        Path cfg = dir.resolve("n.cfg");
        Files.writeString(cfg, """
                a, 16M
                b, 16M

                hot phase
                300
                a, 1, 64, 1, wo
                b, 0, 64, 1, rw
                """);
        CliRunner r = CliRunner.run("workload", "run", "--verbose", "--engine", "native", cfg.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Matcher line = Pattern.compile("hot phase:\\t +([0-9,]+) accesses/msec, ([0-9]+) msecs run").matcher(r.out());
        assertThat(line.find()).as(r.out()).isTrue();
        assertThat(Long.parseLong(line.group(1).replace(",", ""))).isPositive();
        assertThat(Long.parseLong(line.group(2))).isBetween(300L, 1300L);
        Matcher helper = Pattern.compile("workload: pid ([0-9]+)\n").matcher(r.err());
        assertThat(helper.find()).as(r.err()).isTrue();
        assertThat(Long.parseLong(helper.group(1))).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(r.err()).containsPattern("region a: 0x[0-9a-f]+-0x[0-9a-f]+ \\(16777216 bytes\\)");
        Matcher layout = Pattern.compile("\\(native helper\\): buffers 32.0 MiB of ([0-9.]+) MiB mapped \\(([0-9]+) %\\)")
                .matcher(r.err());
        assertThat(layout.find()).as(r.err()).isTrue();
        assertThat(Integer.parseInt(layout.group(2))).isGreaterThan(50);
    }

    @Test
    void badConfigNamesFileAndLine(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("bad.cfg");
        Files.writeString(cfg, "a, 4096\n\nphase\n100\nnosuch, 1, 64, 1\n");
        CliRunner r = CliRunner.run("workload", "run", cfg.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("jdamon: " + cfg + ":5:");
    }
}
