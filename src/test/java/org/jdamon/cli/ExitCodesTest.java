package org.jdamon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command against each class of bad input: an unknown option, a bad value, a missing file and a
 * file that is not what it should be exit 2 with one {@code jdamon:} line naming what is wrong; a
 * runtime failure (nothing to tune) exits 1. Nothing here reaches the kernel: every case fails before.
 */
class ExitCodesTest {
    @TempDir
    static Path dir;

    static Path missing;
    static Path garbage;
    static Path badMasim;
    static Path badKdamonds;
    static Path badTrace;
    static Path record;

    @BeforeAll
    static void files() throws IOException {
        missing = dir.resolve("missing.data");
        garbage = Files.writeString(dir.resolve("garbage.data"), "not a record\n".repeat(8));
        badMasim = Files.writeString(dir.resolve("bad.cfg"), "a, 1M\n\nphase\n1s\nb, 0, 4K, 1\n");
        badKdamonds = Files.writeString(dir.resolve("bad.json"), "{\"kdamonds\": [{\"contexts\": 3}]}");
        badTrace = Files.writeString(dir.resolve("bad.trace"), "I  400000,4\n L zz,8\n");
        record = dir.resolve("good.data");
        assertThat(CliRunner.run("record", "--sim", "default", "--duration", "1s", "-o", record.toString()).exitCode())
                .isZero();
    }

    static Stream<Arguments> badInputs() {
        List<Arguments> rows = new ArrayList<>();
        // unknown options and bad values, for every command that takes options
        for (String[] cmd : new String[][] {{"demo"}, {"record"}, {"report", "raw"}, {"report", "wss"},
                {"report", "access"}, {"report", "heatmap"}, {"report", "nr_regions"}, {"report", "damon"},
                {"report", "schemes"}, {"report", "times"}, {"report", "profile"}, {"report", "site"},
                {"eval"}, {"trace", "record"}, {"trace", "convert"}, {"serve"}, {"bench", "engine"},
                {"args", "damon"}, {"features"}, {"workload", "run"}, {"start"}, {"tune"}, {"stop"},
                {"status"}, {"module"}}) {
            // commands with required parameters name those first: either way one usage line
            rows.add(row(2, "jdamon: ", concat(cmd, "--no-such-option")));
        }
        rows.add(row(2, "--sample: invalid duration '5 parsecs'", "record", "--sim", "demo", "-s", "5 parsecs"));
        rows.add(row(2, "invalid duration", "serve", "--sim", "demo", "-a", "soon"));
        rows.add(row(2, "invalid", "eval", "--sim", "demo", "--duration", "forever"));
        rows.add(row(2, "invalid", "start", "--ops", "paddr", "-s", "fast"));
        rows.add(row(2, "invalid", "args", "damon", "--damos_action", "pageout",
                "--damos_quotas", "lots", "1G", "1s"));
        rows.add(row(2, "--access_rate: invalid percentage 'lots'", "report", "times", "-i", record.toString(),
                "--access_rate", "lots", "max"));
        rows.add(row(2, "invalid address", "report", "heatmap", "-i", record.toString(), "--address_range", "here", "there"));
        // a missing file
        for (String[] cmd : new String[][] {{"report", "raw"}, {"report", "wss"}, {"report", "access"},
                {"report", "heatmap"}, {"report", "nr_regions"}, {"report", "damon"}, {"report", "schemes"},
                {"report", "times"}, {"report", "profile"}}) {
            rows.add(row(2, missing + ": no such record file", concat(cmd, "-i", missing.toString())));
        }
        rows.add(row(2, missing.toString(), "record", "--sim", missing.toString()));
        rows.add(row(2, missing.toString(), "demo", "--sim", missing.toString(), "-o", dir.resolve("d.data").toString(),
                "--png", dir.resolve("d.png").toString()));
        rows.add(row(2, missing.toString(), "eval", "--trace", missing.toString()));
        rows.add(row(2, missing.toString(), "trace", "convert", missing.toString(), dir.resolve("o.bin").toString()));
        rows.add(row(2, missing.toString(), "serve", "-i", missing.toString()));
        rows.add(row(2, missing.toString(), "args", "damon", "--kdamonds", missing.toString()));
        rows.add(row(2, missing.toString(), "workload", "run", missing.toString()));
        rows.add(row(2, "no such directory", "record", "--sim", "demo", "-o", dir.resolve("no/dir/r.data").toString()));
        // a file that is not what it should be
        for (String[] cmd : new String[][] {{"report", "raw"}, {"report", "wss"}, {"report", "access"},
                {"report", "heatmap"}, {"report", "nr_regions"}, {"report", "damon"}, {"report", "schemes"},
                {"report", "times"}, {"report", "profile"}, {"serve"}}) {
            rows.add(row(2, garbage + ": not a record file", concat(cmd, "-i", garbage.toString())));
        }
        rows.add(row(2, badMasim + ":5: unknown region 'b'", "record", "--sim", badMasim.toString(),
                "-o", dir.resolve("r.data").toString()));
        rows.add(row(2, badMasim + ":5: unknown region 'b'", "eval", "--sim", badMasim.toString()));
        rows.add(row(2, badMasim + ":5: unknown region 'b'", "workload", "run", badMasim.toString()));
        rows.add(row(2, badMasim + ":5: unknown region 'b'", "serve", "--sim", badMasim.toString()));
        rows.add(row(2, badKdamonds.toString(), "args", "damon", "--kdamonds", badKdamonds.toString()));
        rows.add(row(2, badKdamonds.toString(), "record", "--sim", "demo", "--kdamonds", badKdamonds.toString()));
        rows.add(row(2, badKdamonds.toString(), "start", "--kdamonds", badKdamonds.toString()));
        rows.add(row(2, badTrace + ":2: malformed Lackey record", "eval", "--trace", badTrace.toString()));
        rows.add(row(2, badTrace + ":2: malformed Lackey record", "trace", "convert", badTrace.toString(),
                dir.resolve("o2.bin").toString()));
        rows.add(row(2, badTrace + ":2: malformed Lackey record", "record", "--trace", badTrace.toString(),
                "-o", dir.resolve("t.data").toString()));
        // runtime failures: the input is fine, the system is not in a state to do it
        rows.add(row(1, "no kdamond started by jdamon is running", "tune", "paddr", "--state_dir",
                dir.resolve("state").toString(), "-s", "10ms"));
        return rows.stream();
    }

    @ParameterizedTest(name = "{1}: exit {0}")
    @MethodSource("badInputs")
    void badInputIsOneLineWithItsExitCode(int exit, String command, String expected, String[] args) {
        CliRunner r = CliRunner.run(args);
        assertThat(r.err()).as(command).contains(expected).doesNotContain("Exception", "\tat ");
        assertThat(r.err().lines().filter(l -> l.startsWith("jdamon: ")).count()).as(command).isEqualTo(1);
        assertThat(r.exitCode()).as(command + ": " + r.err()).isEqualTo(exit);
    }

    private static Arguments row(int exit, String expected, String... args) {
        return Arguments.of(exit, String.join(" ", args), expected, args);
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
