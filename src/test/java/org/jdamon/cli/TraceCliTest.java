package org.jdamon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jdamon.truth.Coverage;
import org.jdamon.eval.CoverageSideData;
import org.jdamon.record.files.RecordFiles;
import org.jdamon.record.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code jdamon eval} and {@code jdamon trace convert} end to end on a hand-made trace. */
class TraceCliTest {
    @TempDir
    Path dir;

    static CliRunner jdamon(String... args) {
        return CliRunner.run(args);
    }

    /** The three-page trace of TraceOperationsTest: P1, then P1/P2 alternating, then P3 twice as long. */
    Path handTrace() throws Exception {
        StringBuilder sb = new StringBuilder("==1== hand-made\n");
        for (int k = 0; k < 400; k++) {
            long a = k < 100 ? 0x1000 + 8 * (k % 8) : k < 200 ? (k % 2 == 0 ? 0x1000 : 0x5000) : 0x9000_0040L;
            sb.append(" L ").append(Long.toHexString(a)).append(",8\n");
        }
        return Files.writeString(dir.resolve("hand.txt"), sb);
    }

    static final String[] HAND_OPTS = {"--accesses-per-us", "1", "-s", "10us", "-a", "100us", "-u", "100us",
        "-n", "3", "-m", "10", "--seed", "1", "--cold-age", "100us"};

    static String[] args(String first, String second, String... rest) {
        String[] a = new String[2 + HAND_OPTS.length + rest.length];
        a[0] = first;
        a[1] = second;
        System.arraycopy(HAND_OPTS, 0, a, 2, HAND_OPTS.length);
        System.arraycopy(rest, 0, a, 2 + HAND_OPTS.length, rest.length);
        return a;
    }

    @Test
    void evalPrintsTheHandWorkedScoresAsTextAndJson() throws Exception {
        Path trace = handTrace();
        CliRunner text = jdamon(args("eval", "--trace=" + trace));
        assertThat(text.exitCode()).as(text.err()).isZero();
        // See TraceOperationsTest: MAPE 37.5%, hot 1.0 / 0.6, cold 2/3 / 1.0, checks 70 vs 90.
        assertThat(text.out()).containsPattern("WSS error \\(MAPE\\) +37\\.5% +0\\.0%")
                .containsPattern("hot precision / recall +1\\.000 / 0\\.600 +1\\.000 / 1\\.000")
                .containsPattern("cold precision / recall +0\\.667 / 1\\.000")
                .containsPattern("access checks +70 +90");

        CliRunner json = jdamon(args("eval", "--trace=" + trace, "--json", "--no-baseline"));
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode root = JsonMapper.builder().build().readTree(json.out());
        JsonNode s = root.get("runs").get(0).get("summary");
        assertThat(s.get("wss_mape_percent").asDouble()).isEqualTo(37.5);
        assertThat(s.get("access_checks").asLong()).isEqualTo(70);
        assertThat(s.get("page_granular_checks").asLong()).isEqualTo(90);
        assertThat(root.get("runs")).hasSize(1);
        assertThat(root.get("runs").get(0).get("windows")).hasSize(4);
    }

    @Test
    void aConvertedTraceEvaluatesIdentically() throws Exception {
        Path trace = handTrace();
        Path bin = dir.resolve("hand.jdtrace.gz");
        CliRunner conv = jdamon("trace", "convert", trace.toString(), bin.toString());
        assertThat(conv.exitCode()).as(conv.err()).isZero();
        assertThat(conv.err()).contains("400 records");
        CliRunner a = jdamon(args("eval", "--trace=" + trace, "--json", "--no-baseline"));
        CliRunner b = jdamon(args("eval", "--trace=" + bin, "--json", "--no-baseline"));
        JsonMapper m = JsonMapper.builder().build();
        JsonNode wa = m.readTree(a.out()).get("runs").get(0).get("windows");
        JsonNode wb = m.readTree(b.out()).get("runs").get(0).get("windows");
        assertThat(wb).isEqualTo(wa);
    }

    @Test
    void standardInputIsATraceToo() throws Exception {
        Path trace = handTrace();
        java.io.InputStream oldIn = System.in;
        CliRunner fromStdin;
        try {
            System.setIn(Files.newInputStream(trace));
            fromStdin = jdamon(args("eval", "--trace=-", "--json"));
        } finally {
            System.setIn(oldIn);
        }
        assertThat(fromStdin.exitCode()).as(fromStdin.err()).isZero();
        CliRunner fromFile = jdamon(args("eval", "--trace=" + trace, "--json", "--no-baseline"));
        JsonMapper m = JsonMapper.builder().build();
        JsonNode a = m.readTree(fromStdin.out());
        // No second reading of standard input: the baseline is skipped, the DAMON windows are the same.
        assertThat(a.get("input").asString()).isEqualTo("<stdin>");
        assertThat(a.get("runs")).hasSize(1);
        assertThat(a.get("runs").get(0).get("windows")).isEqualTo(m.readTree(fromFile.out()).get("runs").get(0).get("windows"));
    }

    @Test
    void evalOfASimulatedWorkloadUsesItsTruth() throws Exception {
        // stairs: ten 10 MB regions, one of them accessed per phase -> the true WSS is 10 MB in most windows.
        CliRunner r = jdamon("eval", "--sim", "stairs", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode s = JsonMapper.builder().build().readTree(r.out()).get("runs").get(0).get("summary");
        assertThat(s.get("windows").asInt()).isGreaterThan(100);
        assertThat(s.get("true_wss_p50_bytes").asDouble()).isBetween(0.99e7, 1.01e7);
        assertThat(s.get("access_checks").asLong()).isPositive();
        // all ten regions are mapped from the start and spanned by the three regions: nothing outside
        JsonNode cov = s.get("coverage");
        assertThat(cov.get("pages").asLong()).isEqualTo(10 * ((10_000_000L + 4095) / 4096));
        assertThat(cov.get("accesses").asLong()).isPositive();
        assertThat(cov.get("accesses_outside").asLong()).isZero();
        assertThat(cov.get("page_windows_outside").asLong()).isZero();

        CliRunner bad = jdamon("eval", "--sim", "stairs", "--trace", "x");
        assertThat(bad.exitCode()).isEqualTo(2);
    }

    @Test
    void badInputIsAOneLineErrorWithExitCode() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.txt"), "I  400000,4\n L 1000,8\n L 10OO,8\n");
        CliRunner r = jdamon("eval", "--trace", bad.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("jdamon: " + bad + ":3: malformed Lackey record ' L 10OO,8'"
                + " (expected 'I  ADDR,SIZE' or ' L|S|M ADDR,SIZE')" + System.lineSeparator());

        Path empty = Files.writeString(dir.resolve("empty.txt"), "");
        r = jdamon("eval", "--trace", empty.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("jdamon: " + empty + ": empty trace");

        Path shortTrace = Files.writeString(dir.resolve("short.txt"), " L 1000,8\n");
        r = jdamon("eval", "--trace", shortTrace.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("the trace ended before the first aggregation ended");

        r = jdamon("eval", "--trace", shortTrace.toString(), "-s", "soon");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("invalid duration 'soon'");

        r = jdamon("eval", "--trace", shortTrace.toString(), "-s", "200ms", "-a", "100ms");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("sample interval (200000 us) > aggregation interval (100000 us)");

        r = jdamon("trace", "convert", dir.resolve("missing.txt").toString(), dir.resolve("o").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("jdamon: no such trace file: " + dir.resolve("missing.txt"));
    }

    @Test
    void aTraceShorterThanTenAggregationsGetsAHintWithTheRateThatStretchesIt() throws Exception {
        Path trace = handTrace(); // 400 records, no I records: trace time = 400 / accesses-per-us
        // at 1 access per us: 400 us, 4 aggregations of 100 us; 20 of them need 400 / 2000 = 0.2 per us
        CliRunner r = jdamon("record", "--trace", trace.toString(), "-o", dir.resolve("a.jdr").toString(),
                "--accesses-per-us", "1", "-s", "10us", "-a", "100us", "-u", "100us", "-n", "3", "-m", "10");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("jdamon: that is 4 aggregation interval(s) of 100 us; to stretch the trace "
                + "over 20, replay it with --accesses-per-us 0.2 (or lower -s and -a)");
        // at the default 400 per us the trace lasts 1 us, not one 100 ms aggregation: 400 / 2e6 = 0.0002
        r = jdamon("record", "--trace", trace.toString(), "-o", dir.resolve("b.jdr").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("recorded 0 snapshots").contains("0 aggregation interval(s) of 100 ms")
                .contains("--accesses-per-us 0.0002 ");
        // at 0.1 per us: 4 ms = 40 aggregations, enough: no hint
        r = jdamon("record", "--trace", trace.toString(), "-o", dir.resolve("c.jdr").toString(),
                "--accesses-per-us", "0.1", "-s", "10us", "-a", "100us", "-u", "100us", "-n", "3", "-m", "10");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("to stretch");
    }

    @Test
    void recordStoresPrintsAndWarnsAboutCoverage() throws Exception {
        // TraceOperationsTest: P2 and P3 are each outside for one window: 150 of 400 accesses, 2 of 5
        // page-windows; P2 is never touched once inside.
        Path out = dir.resolve("cov.jdr");
        CliRunner r = jdamon("record", "--trace", handTrace().toString(), "-o", out.toString(),
                "--accesses-per-us", "1", "-s", "10us", "-a", "100us", "-u", "100us", "-n", "3", "-m", "10");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("jdamon: coverage: 37.5% of accesses and 40.0% of touched pages per window"
                        + " fell outside every monitored region (worst window 100.0%); 1 of 3 touched pages were never"
                        + " monitored")
                .contains("jdamon: warning: 37.5% of accesses (40.0% of pages per window) were outside every"
                        + " monitored region").contains("lower -u/--updr");
        Recording rec = RecordFiles.read(out);
        var samples = CoverageSideData.all(rec.sideData());
        assertThat(samples).hasSize(4);
        assertThat(samples).extracting(smp -> smp.targets().getFirst().window().accessesOutside())
                .containsExactly(0L, 50L, 100L, 0L);
        assertThat(samples.getLast().targets().getFirst().total()).isEqualTo(new Coverage(3, 1, 400, 150));
    }

    @Test
    void onlySampleAndAggregationGivenScaleTheUpdateIntervalInTheHeader() throws Exception {
        Path out = dir.resolve("scaled.jdr");
        CliRunner r = jdamon("record", "--trace", handTrace().toString(), "-o", out.toString(),
                "--accesses-per-us", "1", "-s", "10us", "-a", "20us", "-n", "3", "-m", "10");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(RecordFiles.read(out).header().attributes().updateUs()).isEqualTo(200);
    }

    @Test
    void aSimulatedWorkloadIsFullyCovered() throws Exception {
        Path out = dir.resolve("sim.jdr");
        CliRunner r = jdamon("record", "--sim", "stairs", "--duration", "1s", "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("jdamon: coverage: 0.0% of accesses and 0.0% of touched pages per window")
                .contains("; 0 of 24,420 touched pages were never monitored")
                .doesNotContain("warning");
        Coverage total = CoverageSideData.all(RecordFiles.read(out).sideData()).getLast().targets().getFirst().total();
        // stairs' 10 s initial phase walks all ten 10,000,000 B regions with a 4 KiB stride, each many
        // times within 1 s (25,000 accesses/ms): ten times ceil(10e6 / 4096) pages
        assertThat(total.pages()).isEqualTo(10 * ((10_000_000L + 4095) / 4096));
        assertThat(total.accesses()).isPositive();
        assertThat(total.accessesOutside()).isZero();
    }
}
