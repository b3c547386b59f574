package org.jdamon.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jdamon.record.LabeledRange;
import org.jdamon.record.MemoryAreasCodec;
import org.jdamon.record.Recording;
import org.jdamon.record.SideData;
import org.jdamon.report.profile.ProfileSummary;
import org.jdamon.report.SnapshotFilter;
import org.jdamon.report.TimeWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Profiles a small C program (src/test/resources/profile/two_phases.c: 1 s in touch_large over 64 MiB,
 * then 1 s in touch_small over 8 KiB) with perf, and checks that the large-working-set windows' stacks
 * name touch_large and the small ones touch_small. As in {@link JvmProfileTest} the access-pattern
 * snapshots are synthetic, aligned with the phase times the program prints (this host cannot watch the
 * accesses); the perf samples and their realtime timestamps are real. Skipped, saying why, where perf or
 * a C compiler is missing or perf is not allowed to sample.
 */
class NativeProfileTest {
    private static final long PHASE_MS = 1000;

    @Test
    void profileOfLargeWorkingSetWindowsNamesTheLargeBufferFunction(@TempDir Path dir) throws Exception {
        Optional<String> perfProblem = PerfCollector.unavailableReason();
        assumeTrue(perfProblem.isEmpty(), () -> "skipped: " + perfProblem.orElse(""));
        Optional<Path> cc = Tools.onPath("gcc").or(() -> Tools.onPath("cc"));
        assumeTrue(cc.isPresent(), "skipped: no C compiler (gcc or cc) on the PATH");

        Path exe = dir.resolve("two_phases");
        Tools.Result built = Tools.run(120, List.of(cc.get().toString(), "-O1", "-g", "-fno-omit-frame-pointer",
                "-o", exe.toString(), Path.of("src/test/resources/profile/two_phases.c").toAbsolutePath().toString()));
        assertThat(built.ok()).as(built.output()).isTrue();

        Process child = new ProcessBuilder(exe.toString(), Long.toString(PHASE_MS))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
            String ready = out.readLine();
            assertThat(ready).isEqualTo("ready " + child.pid());
            assertThat(Profiler.Kind.detect(child.pid())).isEqualTo(Profiler.Kind.NATIVE);

            long recordStart = JfrCollector.epochNs(java.time.Instant.now());
            Profiler.Handle h = Profiler.start(child.pid(), 0, Profiler.Options.DEFAULTS);
            in.write("go\n");
            in.flush();
            String[] phases = out.readLine().split(" ");
            long bigFrom = Long.parseLong(phases[1]) - recordStart;
            long bigTo = Long.parseLong(phases[2]) - recordStart;
            long end = Long.parseLong(phases[3]) - recordStart;
            List<SideData> side = h.stop(recordStart, end);
            in.write("exit\n");
            in.flush();

            assertThat(MemoryAreasCodec.latest(side, 0)).extracting(LabeledRange::label).contains("program", "heap", "stack");
            Profile profile = ProfileCodec.decodeAll(side);
            assertThat(profile.source()).isEqualTo("perf");
            // cpu-clock counts only while the child runs: 499 Hz over 2 s is ~1000 samples on an idle CPU,
            // 150-ish on this shared host; 40 is enough for the shares asserted below
            assertThat(profile.samples()).hasSizeGreaterThan(40);

            Recording rec = PhaseRecords.record(recordStart, end + PhaseRecords.SNAPSHOT_NS, bigFrom, bigTo,
                    0x7f0000000000L, 0x7fff00000000L, side);
            List<TimeWindow> bigWindows =
                    SnapshotFilter.all().regionSize(32L << 20, -1L).accessRatePercent(50, 100).windows(rec);
            assertThat(bigWindows).hasSize(1);
            assertThat(topWorkloadFunction(ProfileSummary.of(profile, bigWindows))).isEqualTo("touch_large");
            List<TimeWindow> smallWindows =
                    SnapshotFilter.all().regionSize(0, 1L << 20).accessRatePercent(50, 100).windows(rec);
            assertThat(topWorkloadFunction(ProfileSummary.of(profile, smallWindows))).isEqualTo("touch_small");
        } finally {
            if (!child.waitFor(20, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    private static String topWorkloadFunction(ProfileSummary s) {
        ProfileSummary.Entry top = s.total().stream()
                .filter(e -> e.function().startsWith("touch_"))
                .findFirst().orElseThrow();
        assertThat(s.percent(top.count())).as("share of %s", top.function()).isGreaterThan(70);
        return top.function();
    }
}
