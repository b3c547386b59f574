package org.jdamon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jdamon.profile.Profile;
import org.jdamon.profile.ProfileCodec;
import org.jdamon.record.files.RecordFiles;
import org.jdamon.record.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code record --trace FILE --profile} on a two-phase Lackey trace, then {@code report profile}. At 0.1
 * instructions per µs one instruction is 10 µs; with 1 ms sampling and 10 ms aggregation a phase of
 * 10,000 instructions lasts 100 ms (10 snapshots). Phase A: instructions at 0x401000, each followed by 10
 * loads sweeping the 1024 pages of [0x10000000, +4 MiB), so every page is touched within each 1 ms sample;
 * phase B: instructions at 0x402000 with a load into [0x20000000, +16 KiB). The windows where the 4 MiB
 * area is hot are phase A's, and its instruction address must own their samples.
 */
class RecordProfileTraceTest {
    private static final long BIG = 0x10000000L;
    private static final long SMALL = 0x20000000L;

    private static Path trace(Path dir) throws Exception {
        Path f = dir.resolve("two-phases.lackey");
        try (BufferedWriter w = Files.newBufferedWriter(f)) {
            long page = 0;
            for (int i = 0; i < 10_000; i++) {
                w.write("I  401000,4\n");
                for (int k = 0; k < 10; k++) {
                    w.write(" L " + Long.toHexString(BIG + (page++ % 1024) * 4096) + ",8\n");
                }
            }
            for (int i = 0; i < 10_000; i++) {
                w.write("I  402000,4\n");
                w.write(" L " + Long.toHexString(SMALL + (i % 4) * 4096) + ",8\n");
            }
        }
        return f;
    }

    @Test
    void traceProfileNamesThePhaseOfTheLargeWorkingSet(@TempDir Path dir) throws Exception {
        Path rec = dir.resolve("t.jdamon");
        CliRunner r = CliRunner.run("record", "--trace", trace(dir).toString(), "--instr-per-us", "0.1", "-s", "1ms", "-a", "10ms",
                "--profile", "--profile_every", "10", "-o", rec.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Recording recording = RecordFiles.read(rec);
        Profile p = ProfileCodec.decodeAll(recording.sideData());
        // 20,000 instructions, one in 10 kept; instruction k is at k * 10 us
        assertThat(p.samples()).hasSize(2000);
        assertThat(p.samples().get(1).timeNs()).isEqualTo(100_000);
        assertThat(p.samples().get(1000).top()).isEqualTo("0x402000");

        CliRunner times = CliRunner.run("report", "times", "-i", rec.toString(), "--address", "0x10000000", "0x10400000",
                "--access_rate", "50%", "max");
        assertThat(times.exitCode()).as(times.err()).isZero();
        List<String> lines = times.out().lines().toList();
        assertThat(lines).isNotEmpty();
        // every window lies in phase A (0-100 ms), give or take one 10 ms aggregation
        for (String l : lines) {
            String[] se = l.split("-");
            assertThat(Double.parseDouble(se[1])).as(l).isLessThanOrEqualTo(0.110);
        }
        CliRunner prof = CliRunner.run("report", "profile", "-i", rec.toString(), "--address", "0x10000000", "0x10400000",
                "--access_rate", "50%", "max");
        assertThat(prof.exitCode()).as(prof.err()).isZero();
        String self = prof.out().split("# top functions \\(self")[1].lines().skip(1).findFirst().orElseThrow();
        assertThat(self).endsWith("  0x401000");
        assertThat(Double.parseDouble(self.trim().split("%")[0])).isGreaterThan(90);
    }

    @Test
    void profileOfASimulationIsAUsageError(@TempDir Path dir) {
        CliRunner r = CliRunner.run("record", "--sim", "demo", "--profile", "-o", dir.resolve("x").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--profile needs a process");
    }

    /**
     * A real Lackey trace of a small C program under Valgrind, named through the binary's symbols: the
     * position-independent executable is mapped at 0x108000, so its work_big loop (nearly all of the
     * program's instructions) must come out as "work_big". Skipped where gcc or valgrind is missing.
     */
    @Test
    void valgrindTraceIsNamedWithTheBinarysSymbols(@TempDir Path dir) throws Exception {
        java.util.Optional<Path> gcc = onPath("gcc");
        java.util.Optional<Path> valgrind = onPath("valgrind");
        org.junit.jupiter.api.Assumptions.assumeTrue(gcc.isPresent() && valgrind.isPresent(),
                "skipped: needs gcc and valgrind on the PATH");
        Path src = dir.resolve("tiny.c");
        Files.writeString(src, """
                #include <stdlib.h>
                static volatile long sink;
                __attribute__((noinline)) void work_big(void) {
                    long *a = malloc(1 << 20);
                    for (int r = 0; r < 3; r++)
                        for (int i = 0; i < (1 << 17); i += 8)
                            a[i] += i;
                    sink = a[8];
                    free(a);
                }
                int main(void) { work_big(); return 0; }
                """);
        Path exe = dir.resolve("tiny");
        assertThat(new ProcessBuilder(gcc.get().toString(), "-O1", "-o", exe.toString(), src.toString())
                .inheritIO().start().waitFor()).isZero();
        Path lackey = dir.resolve("tiny.lackey");
        assertThat(new ProcessBuilder(valgrind.get().toString(), "--tool=lackey", "--trace-mem=yes",
                        "--log-file=" + lackey, exe.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor()).isZero();
        Path rec = dir.resolve("tiny.jdamon");
        // a few hundred thousand instructions: at 1 per us with 10 ms aggregations, some tens of snapshots
        CliRunner r = CliRunner.run("record", "--trace", lackey.toString(), "--instr-per-us", "1", "-s", "1ms", "-a", "10ms",
                "--profile", "--profile_every", "100",
                "--profile_binary", exe.toString(), "-o", rec.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        CliRunner prof = CliRunner.run("report", "profile", "-i", rec.toString());
        assertThat(prof.exitCode()).as(prof.err()).isZero();
        String self = prof.out().split("# top functions \\(self")[1].lines().skip(1).findFirst().orElseThrow();
        assertThat(self).endsWith("  work_big");
    }

    private static java.util.Optional<Path> onPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }
}
