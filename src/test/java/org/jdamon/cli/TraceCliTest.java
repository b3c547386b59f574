package org.jdamon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code jdamon eval} and {@code jdamon trace convert} end to end on a hand-made trace. */
class TraceCliTest {
    @TempDir
    Path dir;

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
        Result text = jdamon(args("eval", "--trace=" + trace));
        assertThat(text.exit()).as(text.err()).isZero();
        // See TraceOperationsTest: MAPE 37.5%, hot 1.0 / 0.6, cold 2/3 / 1.0, checks 70 vs 90.
        assertThat(text.out()).containsPattern("WSS error \\(MAPE\\) +37\\.5% +0\\.0%")
                .containsPattern("hot precision / recall +1\\.000 / 0\\.600 +1\\.000 / 1\\.000")
                .containsPattern("cold precision / recall +0\\.667 / 1\\.000")
                .containsPattern("access checks +70 +90");

        Result json = jdamon(args("eval", "--trace=" + trace, "--json", "--no-baseline"));
        assertThat(json.exit()).as(json.err()).isZero();
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
        Result conv = jdamon("trace", "convert", trace.toString(), bin.toString());
        assertThat(conv.exit()).as(conv.err()).isZero();
        assertThat(conv.err()).contains("400 records");
        Result a = jdamon(args("eval", "--trace=" + trace, "--json", "--no-baseline"));
        Result b = jdamon(args("eval", "--trace=" + bin, "--json", "--no-baseline"));
        JsonMapper m = JsonMapper.builder().build();
        JsonNode wa = m.readTree(a.out()).get("runs").get(0).get("windows");
        JsonNode wb = m.readTree(b.out()).get("runs").get(0).get("windows");
        assertThat(wb).isEqualTo(wa);
    }

    @Test
    void badInputIsAOneLineErrorWithExitCode() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.txt"), "I  400000,4\n L 1000,8\n L 10OO,8\n");
        Result r = jdamon("eval", "--trace", bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("jdamon: " + bad + ":3: malformed Lackey record ' L 10OO,8'"
                + " (expected 'I  ADDR,SIZE' or ' L|S|M ADDR,SIZE')" + System.lineSeparator());

        Path empty = Files.writeString(dir.resolve("empty.txt"), "");
        r = jdamon("eval", "--trace", empty.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("jdamon: " + empty + ": empty trace");

        Path shortTrace = Files.writeString(dir.resolve("short.txt"), " L 1000,8\n");
        r = jdamon("eval", "--trace", shortTrace.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("the trace ended before the first aggregation ended");

        r = jdamon("eval", "--trace", shortTrace.toString(), "-s", "soon");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("invalid duration 'soon'");

        r = jdamon("eval", "--trace", shortTrace.toString(), "-s", "200ms", "-a", "100ms");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("sample interval (200000 us) > aggregation interval (100000 us)");

        r = jdamon("trace", "convert", dir.resolve("missing.txt").toString(), dir.resolve("o").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("jdamon: no such trace file: " + dir.resolve("missing.txt"));
    }
}
