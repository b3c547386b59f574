package org.jdamon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inputs issue 15 found leaking Java errors, each now a one-line usage error (exit 2) naming the
 * file, the line where there is one, and the limit that was exceeded.
 */
class InputBoundsTest {
    @TempDir
    Path dir;

    private CliRunner usageError(String... args) {
        CliRunner r = CliRunner.run(args);
        assertThat(r.err()).startsWith("jdamon: ").hasLineCount(1).doesNotContain("Exception", "Cannot invoke", "jackson");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        return r;
    }

    private CliRunner kdamonds(String name, String json) throws IOException {
        Path f = Files.writeString(dir.resolve(name), json);
        CliRunner r = usageError("args", "damon", "--kdamonds", f.toString());
        assertThat(r.err()).contains(f.toString());
        return r;
    }

    @Test
    void deepJsonNestingIsRefusedWithTheLimit() throws IOException {
        assertThat(kdamonds("deep-arrays.json", "[".repeat(100_000) + "]".repeat(100_000)).err())
                .contains("line 1: not valid JSON at column 66", "nesting depth (65) exceeds the maximum allowed (64)");
        assertThat(kdamonds("deep-objects.json", "{\"a\":".repeat(999) + "1" + "}".repeat(999)).err())
                .contains("nesting depth", "(64)");
        assertThat(kdamonds("unclosed.json", "{\"kdamonds\": " + "[".repeat(5_000)).err()).contains("nesting depth");
    }

    @Test
    void longNumbersAndStringsAreRefusedWithTheLimit() throws IOException {
        assertThat(kdamonds("number.json", "{\"kdamonds\": [" + "9".repeat(10_000) + "]}").err())
                .contains("line 1: not valid JSON at column ", "Number value length (10000) exceeds the maximum allowed (64)");
        assertThat(kdamonds("string.json", "{\"kdamonds\": [\"" + "x".repeat(100_000) + "\"]}").err())
                .contains("String value length", "(65536)");
    }

    @Test
    void aValidKdamondsFileJdamonCannotRunNamesTheFile() throws IOException {
        assertThat(kdamonds("two.json", "{\"kdamonds\": [{\"contexts\": [{}, {}]}]}").err())
                .contains("--kdamonds ", "two.json: jdamon runs exactly one kdamond with one context"
                        + " (found 1 kdamond(s), the first with 2 context(s))");
        assertThat(kdamonds("none.json", "{\"kdamonds\": []}").err()).contains("(found 0 kdamond(s))");
    }

    @Test
    void aDirectoryAsKdamondsFileNamesIt() {
        assertThat(usageError("args", "damon", "--kdamonds", dir.toString()).err())
                .isEqualTo("jdamon: " + dir + ": cannot read: Is a directory" + System.lineSeparator());
    }

    @Test
    void hugeAndEndlessConfigFilesAreRefusedWithTheLimit() throws IOException {
        Path big = dir.resolve("big.json");
        Files.writeString(big, "{\"kdamonds\": [\"" + "x".repeat(17 << 20) + "\"]}");
        assertThat(usageError("args", "damon", "--kdamonds", big.toString()).err())
                .contains(big + ": larger than 16 MiB, the limit for a kdamonds file");
        assertThat(usageError("args", "damon", "--kdamonds", "/dev/zero").err())
                .contains("/dev/zero: larger than 16 MiB");
        assertThat(usageError("record", "--sim", "/dev/zero", "-o", dir.resolve("r").toString()).err())
                .contains("/dev/zero");
    }

    @Test
    void endlessRecordInputIsRefusedWithTheLimit() {
        assertThat(usageError("report", "raw", "-i", "/dev/zero").err())
                .contains("/dev/zero: larger than 256 MiB");
    }

    private CliRunner masim(String name, byte[] text) throws IOException {
        Path f = Files.write(dir.resolve(name), text);
        CliRunner r = usageError("record", "--sim", f.toString(), "-o", dir.resolve(name + ".data").toString());
        assertThat(r.err()).contains(f + ":");
        assertThat(Files.exists(dir.resolve(name + ".data"))).isFalse();
        return r;
    }

    private CliRunner masim(String name, String text) throws IOException {
        return masim(name, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void masimNumbersPastTheirRangeNameFileAndLine() throws IOException {
        assertThat(masim("weight.cfg", "a, 1M\n\np\n1s\na, 1, 0, 99999999999999999999\n").err())
                .contains("weight.cfg:5: bad probability '99999999999999999999'");
        assertThat(masim("weights.cfg", "a, 1M\n\np\n1s\na, 1, 0, 4611686018427387904\na, 1, 0, 4611686018427387904\n").err())
                .contains("weights.cfg:5: phase 'p': probabilities add up to more than 2147483647");
        assertThat(masim("size.cfg", "a, 9223372036854775807\nb, 9223372036854775807\n\np\n1s\na, 1, 0, 1\n").err())
                .contains("size.cfg:1: regions add up to more than 64.000 PiB");
        assertThat(masim("sizes.cfg", "a, 99999999999999999999\n\np\n1s\na, 1, 0, 1\n").err())
                .contains("sizes.cfg:1: bad region size");
        assertThat(masim("time.cfg", "a, 1M\n\np\n9000000000000\na, 1, 0, 1\n\nq\n9000000000000\na, 1, 0, 1\n").err())
                .contains("time.cfg:8: phases last more than 9223372036854 ms in total");
    }

    @Test
    void aNonUtf8MasimFileNamesTheEncodingAndTheLine() throws IOException {
        byte[] text = "a, 1M\n\np\n1s\na, 1, 0, 1 \u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(masim("latin1.cfg", text).err()).contains("latin1.cfg:5: not UTF-8 text (byte 0xE9 at offset 23)");
    }

    @Test
    void theInitialDataFileIsCheckedLikeMasimWould() throws IOException {
        assertThat(masim("missing.cfg", "a, 1M, /nonexistent/x\n\np\n1s\na, 1, 0, 1\n").err())
                .contains("missing.cfg:1: data file '/nonexistent/x' does not exist (give an existing file, or none)");
        assertThat(masim("nul.cfg", "a, 1M, none\0\n\np\n1s\na, 1, 0, 1\n").err())
                .contains("nul.cfg:1: data file 'none\\x00' is not a valid file name");
        assertThat(masim("dir.cfg", "a, 1M, " + dir + "\n\np\n1s\na, 1, 0, 1\n").err())
                .contains("dir.cfg:1: data file '" + dir + "' is a directory");
        assertThat(masim("long.cfg", "a, 1M, /" + "x".repeat(2 << 20) + "\n\np\n1s\na, 1, 0, 1\n").err())
                .contains("long.cfg:1: line longer than 8192 characters");

        Path data = Files.write(dir.resolve("init.bin"), new byte[4096]);
        Path ok = Files.writeString(dir.resolve("ok.cfg"), "a, 1M, " + data + "\nb, 4K, none\n\np\n100ms\na, 1, 0, 1\n");
        CliRunner r = CliRunner.run("record", "--sim", ok.toString(), "-o", dir.resolve("ok.data").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
    }
}
