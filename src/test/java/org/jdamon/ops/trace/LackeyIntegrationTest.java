package org.jdamon.ops.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdamon.cli.Main;
import org.jdamon.core.AddressRange;
import org.jdamon.core.Attributes;
import org.jdamon.session.Evaluation;
import org.jdamon.truth.Coverage;
import org.jdamon.eval.CoverageSideData;
import org.jdamon.eval.EvalRun;
import org.jdamon.eval.EvalSummary;
import org.jdamon.eval.EvalThresholds;
import org.jdamon.record.files.RecordFiles;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetSnapshot;
import org.jdamon.report.WorkingSetSize;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real programs under Valgrind Lackey: a C program with a known pattern (compiled here) and unmodified
 * system tools. Skipped, saying why, when valgrind or gcc is missing.
 */
class LackeyIntegrationTest {
    /** Touches each page of a 64 MiB array once, then sweeps a 1 MiB array 200 times; writes its range. */
    static final String HOT_COLD_C = """
            #include <stdio.h>
            #include <stdlib.h>
            #define HOT (1L << 20)
            #define COLD (64L << 20)
            int main(int argc, char **argv) {
                int passes = atoi(argv[1]);
                char *cold = malloc(COLD);
                char *hot = malloc(HOT);
                for (long i = 0; i < COLD; i += 4096) cold[i] = 1;
                long sum = 0;
                for (int p = 0; p < passes; p++)
                    for (long i = 0; i < HOT; i += 1024) sum += ++hot[i];
                FILE *f = fopen(argv[2], "w");
                fprintf(f, "%lx %lx %ld\\n", (unsigned long) hot, (unsigned long) (hot + HOT), sum);
                fclose(f);
                return 0;
            }
            """;

    /**
     * The issue-12 program: after start-up mallocs (so mmaps) a 16 MiB array and a 1 MiB one, writes a byte
     * of every page of the first once, then increments random bytes of the second argv[1] times
     * (xorshift, about 10 instructions each); writes the hot array's range.
     */
    static final String LATE_C = """
            #include <stdio.h>
            #include <stdlib.h>
            #define HOT (1L << 20)
            #define COLD (16L << 20)
            int main(int argc, char **argv) {
                long n = atol(argv[1]);
                char *cold = malloc(COLD);
                char *hot = malloc(HOT);
                for (long i = 0; i < COLD; i += 4096) cold[i] = 1;
                unsigned long x = 88172645463325252UL, sum = 0;
                for (long k = 0; k < n; k++) {
                    x ^= x << 13; x ^= x >> 7; x ^= x << 17;
                    sum += ++hot[x & (HOT - 1)];
                }
                FILE *f = fopen(argv[2], "w");
                fprintf(f, "%lx %lx %lu\\n", (unsigned long) hot, (unsigned long) (hot + HOT), sum);
                fclose(f);
                return 0;
            }
            """;

    static final long MIB = 1 << 20;

    static Path lateProgram;

    @TempDir
    static Path dir;

    static Path program;

    @BeforeAll
    static void compile() throws Exception {
        assumeTrue(LackeyProcess.findOnPath("valgrind") != null, "valgrind is not installed: skipping Lackey tests");
        assumeTrue(LackeyProcess.findOnPath("gcc") != null, "gcc is not installed: skipping Lackey tests");
        program = compile("hotcold", HOT_COLD_C);
        lateProgram = compile("late", LATE_C);
    }

    /** Static linking keeps the dynamic loader's start-up out of the trace; falls back if libc.a is missing. */
    static Path compile(String name, String source) throws Exception {
        Path src = Files.writeString(dir.resolve(name + ".c"), source);
        Path bin = dir.resolve(name);
        if (run("gcc", "-O1", "-static", "-o", bin.toString(), src.toString()) != 0) {
            assertThat(run("gcc", "-O1", "-o", bin.toString(), src.toString())).isZero();
        }
        return bin;
    }

    static int run(String... cmd) throws IOException, InterruptedException {
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("cc.log").toFile())
                .start().waitFor();
    }

    record Result(int exit, String out, String err) {}

    static synchronized Result jdamon(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void findsTheHotArrayOfAProgramTracedAsItRuns() throws Exception {
        // Time: 0.5 instructions per us stretches the ~1.7 M instructions to ~3.5 s, 35 aggregations;
        // regions follow new mappings every 100 ms (-u) so the arrays are covered soon after their first use.
        Path saved = dir.resolve("hotcold.jdtrace");
        Path range = dir.resolve("range.txt");
        Path record = dir.resolve("hotcold.data");
        Result r = jdamon("trace", "record", "-o", record.toString(), "--save-trace", saved.toString(),
                "--instr-per-us", "0.5", "-u", "100ms", "--", program.toString(), "200", range.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Recording rec = RecordFiles.read(record);
        assertThat(rec.snapshots()).hasSizeGreaterThan(25);
        assertThat(p50(new WorkingSetSize(1, 1, 0).series(rec, 0))).isBetween((long) (0.9 * MIB), (long) (1.1 * MIB));
        String[] hot = Files.readString(range).trim().split(" ");
        AddressRange hotRange = new AddressRange(Long.parseLong(hot[0], 16), Long.parseLong(hot[1], 16));
        assertThat(hotRange.size()).isEqualTo(MIB);

        TraceOptions opts = TraceOptions.DEFAULTS.withInstructionsPerUs(0.5);
        Attributes attrs = Attributes.DAMO_DEFAULTS.withIntervals(5_000, 100_000, 100_000);
        EvalThresholds th = EvalThresholds.DEFAULTS;
        EvalSummary whole = Evaluation.trace(() -> TraceInput.open(saved.toString()), opts, attrs, 42, th,
                null, false).getFirst().summary();
        assertThat(whole.windows()).isGreaterThan(25);
        assertThat(whole.estimatedWssP50()).isBetween(0.9 * MIB, 1.1 * MIB);

        List<EvalRun> focused = Evaluation.trace(() -> TraceInput.open(saved.toString()), opts, attrs, 42,
                th, hotRange, true);
        EvalSummary damon = focused.get(0).summary();
        assertThat(damon.hotPrecision()).isGreaterThanOrEqualTo(0.9);
        assertThat(damon.hotRecall()).isGreaterThanOrEqualTo(0.9);
        assertThat(damon.damonChecks() * 100).isLessThan(damon.pageGranularChecks());
        EvalSummary baseline = focused.get(1).summary();
        assertThat(baseline.hotPrecision()).isEqualTo(1.0);
        assertThat(baseline.hotRecall()).isEqualTo(1.0);
    }

    /**
     * Issue 12: a program that maps its arrays after start-up and ends within 30 ms of trace time, traced
     * with only -s and -a. The update interval follows them (10 x 200 us = 2 ms), so the arrays are
     * monitored from the first update on; with damo's 1 s the ranges never leave the start-up pages, the
     * WSS is 0 and the coverage warning says so.
     */
    @Test
    void aShortProgramMappingItsArraysLateIsMonitoredWithOnlySampleAndAggregationGiven() throws Exception {
        Path saved = dir.resolve("late.jdtrace");
        Path range = dir.resolve("late-range.txt");
        Path record = dir.resolve("late.data");
        Result r = jdamon("trace", "record", "-o", record.toString(), "--save-trace", saved.toString(),
                "-s", "10us", "-a", "200us", "--", lateProgram.toString(), "1000000", range.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Recording rec = RecordFiles.read(record);
        assertThat(rec.header().attributes().updateUs()).isEqualTo(2_000);
        Snapshot last = rec.snapshots().getLast();
        assertThat(last.endNs()).as("trace time").isLessThan(30_000_000L);
        assertThat(rec.snapshots()).hasSizeGreaterThan(20);
        String[] hot = Files.readString(range).trim().split(" ");
        AddressRange hotRange = new AddressRange(Long.parseLong(hot[0], 16), Long.parseLong(hot[1], 16));
        long p50 = p50(new WorkingSetSize(1, 1, 0).series(rec, 0));
        assertThat(p50).isBetween((long) (0.9 * MIB), (long) (1.1 * MIB));
        // the hot array is found: at the end, regions with accesses cover at least 90% of it
        long hotFound = 0;
        TargetSnapshot ts = last.targets().getFirst();
        for (int i = 0; i < ts.size(); i++) {
            if (ts.nrAccesses()[i] > 0) {
                long s = Math.max(ts.starts()[i], hotRange.start());
                long e = Math.min(ts.ends()[i], hotRange.end());
                hotFound += Math.max(0, e - s);
            }
        }
        assertThat(hotFound).isGreaterThanOrEqualTo((long) (0.9 * MIB));
        assertThat(r.err()).contains("jdamon: coverage: ");

        // The same trace with damo's 1 s update interval: the arrays are never monitored, and record says so
        Path stale = dir.resolve("late-1s.data");
        Result s1 = jdamon("record", "--trace", saved.toString(), "-o", stale.toString(),
                "-s", "10us", "-a", "200us", "-u", "1s");
        assertThat(s1.exit()).as(s1.err()).isZero();
        // (what remains is the start-up pages still in use: the stack, libc's data)
        assertThat(p50(new WorkingSetSize(1, 1, 0).series(RecordFiles.read(stale), 0))).isLessThan(MIB / 16);
        assertThat(s1.err()).contains("jdamon: warning: ").contains("were outside every monitored region");
        Coverage missed = CoverageSideData.all(RecordFiles.read(stale).sideData()).getLast().targets().getFirst()
                .total();
        // the 4096 cold and 256 hot pages, at least, were never seen
        assertThat(missed.pagesOutside()).isGreaterThanOrEqualTo(4096 + 256);
    }

    @Test
    void unmodifiedProgramsReplayWithoutErrors() throws Exception {
        assumeTrue(LackeyProcess.findOnPath("sort") != null, "sort is not installed");
        StringBuilder sb = new StringBuilder();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        for (int i = 0; i < 2000; i++) {
            sb.append(Long.toHexString(rnd.nextLong())).append('\n');
        }
        Path data = Files.writeString(dir.resolve("data.txt"), sb);
        Path sorted = dir.resolve("sorted.txt");
        Path record = dir.resolve("sort.data");
        Result r = jdamon("trace", "record", "-o", record.toString(), "--instr-per-us", "10", "--eval", "--",
                "sort", "-o", sorted.toString(), data.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readAllLines(sorted)).hasSize(2000).isSorted();
        int snapshots = Integer.parseInt(field(r.err(), "recorded (\\d+) snapshots"));
        int pages = Integer.parseInt(field(r.err(), "records, ([\\d,]+) pages").replace(",", ""));
        // sort, libc and the loader touch hundreds of pages; far fewer than a gigabyte.
        assertThat(pages).isBetween(50, 1 << 18);
        Recording rec = RecordFiles.read(record);
        assertThat(rec.snapshots()).hasSize(snapshots).isNotEmpty();
        long wss = p50(new WorkingSetSize(1, 1, 0).series(rec, 0));
        assertThat(wss).isPositive().isLessThan(1L << 30);
        // The eval table came with it, scoring the same run.
        assertThat(r.out()).contains("aggregation windows").containsPattern("hot precision / recall +[01]\\.\\d{3} / [01]\\.\\d{3}");
    }

    @Test
    void aFailingCommandIsAOneLineError() {
        Result r = jdamon("trace", "record", "-o", dir.resolve("false.data").toString(), "--instr-per-us", "1", "--",
                "false");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("jdamon: command 'false' failed under valgrind with exit code 1");

        Result missing = jdamon("trace", "record", "-o", dir.resolve("missing.data").toString(), "--",
                dir.resolve("no-such-program").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("jdamon: command '" + dir.resolve("no-such-program")
                + "' failed under valgrind with exit code");
    }

    static long p50(long[] series) {
        long[] s = series.clone();
        java.util.Arrays.sort(s);
        return s[(s.length + 1) / 2 - 1];
    }

    static String field(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in:%n%s", regex, text).isTrue();
        return m.group(1);
    }
}
