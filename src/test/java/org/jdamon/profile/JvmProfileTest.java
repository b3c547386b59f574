package org.jdamon.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdamon.record.LabeledRange;
import org.jdamon.record.MemoryAreasCodec;
import org.jdamon.record.Recording;
import org.jdamon.record.SideData;
import org.jdamon.report.profile.ProfileSummary;
import org.jdamon.report.SnapshotFilter;
import org.jdamon.report.TimeWindow;
import org.jdamon.record.RecordWriter;
import org.jdamon.record.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Profiles a child JVM (src/test/resources/profile/TwoPhases.java: 1.2 s sweeping a 64 MiB array in
 * touchLargeArray, then 1.2 s on an 8 KiB array in touchSmallArray) with JFR through jcmd, and checks
 * that the call stacks in the large-working-set windows name touchLargeArray and those of the small one
 * touchSmallArray. The access-pattern snapshots are synthetic ({@link PhaseRecords}), aligned with the
 * phase times the child reports, because this host cannot watch a process's accesses (no page-idle or
 * soft-dirty); the profile, its timestamps and the JVM memory areas are real.
 */
class JvmProfileTest {
    private static final long PHASE_MS = 1200;

    @TempDir
    Path dir;

    @Test
    void profileOfLargeWorkingSetWindowsNamesTheLargeArrayMethod() throws Exception {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Path source = Path.of("src/test/resources/profile/TwoPhases.java").toAbsolutePath();
        Process child = new ProcessBuilder(javaBin.toString(), "-XX:NativeMemoryTracking=summary", "-Xmx512m",
                        source.toString(), Long.toString(PHASE_MS))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                Writer in = new java.io.OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
            String ready = out.readLine();
            assertThat(ready).startsWith("ready ");
            long pid = Long.parseLong(ready.substring(6).trim());
            assertThat(pid).isEqualTo(child.pid());
            assertThat(Profiler.Kind.detect(pid)).isEqualTo(Profiler.Kind.JVM);

            long recordStart = JfrCollector.epochNs(java.time.Instant.now());
            Profiler.Handle h = Profiler.start(pid, 0, new Profiler.Options(Duration.ofMillis(10), 499, true));
            in.write("go\n");
            in.flush();
            String[] phases = out.readLine().split(" ");
            long bigFrom = Long.parseLong(phases[1]) - recordStart;
            long bigTo = Long.parseLong(phases[2]) - recordStart;
            long end = Long.parseLong(phases[3]) - recordStart;
            List<SideData> side = h.stop(recordStart, end);
            in.write("exit\n");
            in.flush();

            List<LabeledRange> areas = MemoryAreasCodec.latest(side, 0);
            assertThat(areas).extracting(LabeledRange::label)
                    .contains("Java heap", "metaspace", "code cache", "thread stack: main");
            long heapStart = areas.stream().filter(a -> a.label().equals("Java heap")).findFirst().orElseThrow().start();

            Profile profile = ProfileCodec.decodeAll(side);
            assertThat(profile.source()).isEqualTo("jfr");
            // 10 ms sampling over 2.4 s of a busy main thread is ~240 samples on an idle CPU and 100-ish on
            // this shared host (JFR samples only threads running Java code); 30 is enough for the shares below
            assertThat(profile.samples()).hasSizeGreaterThan(30);
            assertThat(profile.samples().getFirst().timeNs()).isBetween(0L, end);

            Recording rec = PhaseRecords.record(recordStart, end + PhaseRecords.SNAPSHOT_NS, bigFrom, bigTo,
                    heapStart, heapStart + PhaseRecords.BIG, side);
            SnapshotFilter large = SnapshotFilter.all().regionSize(32L << 20, -1L).accessRatePercent(50, 100);
            List<TimeWindow> bigWindows = large.windows(rec);
            assertThat(bigWindows).hasSize(1);
            // the window is made of whole 100 ms snapshots whose middles are inside the phase
            assertThat(bigWindows.getFirst().startNs()).isBetween(bigFrom - 50_000_000L, bigFrom + 50_000_000L);
            assertThat(bigWindows.getFirst().endNs()).isBetween(bigTo - 50_000_000L, bigTo + 50_000_000L);
            assertThat(topWorkloadFunction(ProfileSummary.of(profile, bigWindows)))
                    .isEqualTo("TwoPhases.touchLargeArray");

            SnapshotFilter small = SnapshotFilter.all().regionSize(0, 1L << 20).accessRatePercent(50, 100);
            assertThat(topWorkloadFunction(ProfileSummary.of(profile, small.windows(rec))))
                    .isEqualTo("TwoPhases.touchSmallArray");

            // the same through a record file and the command line
            Path file = dir.resolve("jvm.jdamon");
            try (RecordWriter w = RecordWriter.create(file, rec.header())) {
                for (Snapshot s : rec.snapshots()) {
                    w.writeSnapshot(s);
                }
                for (SideData sd : side) {
                    w.writeSideData(sd);
                }
            }
            StringWriter report = new StringWriter();
            CommandLine cl = org.jdamon.cli.Main.commandLine();
            cl.setOut(new PrintWriter(report));
            int exit = cl.execute("report", "profile", "-i", file.toString(), "--sz_region", "32M", "max",
                    "--access_rate", "50%", "max", "--top", "20", "--timeline", dir.resolve("t.png").toString());
            assertThat(exit).isZero();
            // in the totals (every frame on the stack), touchLargeArray covers most samples of the windows,
            // touchSmallArray few if any (a window may overlap the next phase by up to half a snapshot)
            String totals = report.toString().split("# top functions \\(total")[1].split("# hottest")[0];
            assertThat(percentOf(totals, "TwoPhases.touchLargeArray")).isGreaterThan(70);
            assertThat(percentOf(totals, "TwoPhases.touchSmallArray")).isLessThan(20);
            assertThat(dir.resolve("t.png")).isNotEmptyFile();
        } finally {
            if (!child.waitFor(20, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    /**
     * {@code record --profile -- java ...} starts profiling right after starting the JVM: it must be told
     * apart from a native program before libjvm is loaded, and JFR must start once the JVM answers.
     */
    @Test
    void aJustStartedJvmIsRecognisedAndProfiled() throws Exception {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Path source = Path.of("src/test/resources/profile/TwoPhases.java").toAbsolutePath();
        Process child = new ProcessBuilder(javaBin.toString(), source.toString(), "300")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                Writer in = new java.io.OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
            assertThat(Profiler.Kind.detect(child.pid())).isEqualTo(Profiler.Kind.JVM);
            Profiler.Handle h = Profiler.start(child.pid(), 0, new Profiler.Options(Duration.ofMillis(10), 499, false));
            assertThat(out.readLine()).startsWith("ready ");
            in.write("go\n");
            in.flush();
            assertThat(out.readLine()).startsWith("phases ");
            in.write("exit\n");
            in.flush();
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            // the JVM has exited: its samples come from the dump it wrote on exit
            Profile p = ProfileCodec.decodeAll(h.stop(0, 0));
            assertThat(p.samples()).anyMatch(s -> s.frames().contains("TwoPhases.touchLargeArray"));
        } finally {
            child.destroyForcibly();
        }
    }

    /** The percentage on the report line naming {@code function}, 0 if no line does. */
    private static double percentOf(String reportSection, String function) {
        return reportSection.lines().filter(l -> l.endsWith("  " + function)).findFirst()
                .map(l -> Double.parseDouble(l.trim().split("%")[0])).orElse(0.0);
    }

    /** The phase method with the most samples (running or calling), which must cover most samples. */
    private static String topWorkloadFunction(ProfileSummary s) {
        ProfileSummary.Entry top = s.total().stream()
                .filter(e -> e.function().startsWith("TwoPhases.touch"))
                .findFirst().orElseThrow();
        assertThat(s.percent(top.count())).as("share of %s", top.function()).isGreaterThan(70);
        return top.function();
    }
}
