package org.jdamon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The pictures commands' handling of bad input: one line on stderr, exit 1 (runtime) or 2 (usage). */
class PicturesCliTest {
    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {}

    static Result run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void missingAndEmptyRecordsAreOneLineRuntimeErrors() throws Exception {
        Result missing = run("report", "heatmap", "-i", dir.resolve("nope.data").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("jdamon: no such record file: " + dir.resolve("nope.data") + "\n");
        Path empty = Files.createFile(dir.resolve("empty.data"));
        Result e = run("report", "heatmap", "-i", empty.toString());
        assertThat(e.exit()).isEqualTo(1);
        assertThat(e.err()).isEqualTo("jdamon: " + empty + ": empty file, not a record\n");
        Result site = run("report", "site", "-i", dir.toString(), "-o", dir.resolve("site").toString());
        assertThat(site.exit()).isEqualTo(1);
        assertThat(site.err()).contains("is a directory").doesNotContain("\n\n");
    }

    @Test
    void badOptionsAreUsageErrorsBeforeAnyFileIsRead() {
        String in = dir.resolve("nope.data").toString();
        assertThat(run("report", "heatmap", "-i", in, "--draw_range", "biggest").err())
                .startsWith("jdamon: unknown --draw_range 'biggest'");
        assertThat(run("report", "heatmap", "-i", in, "--draw_range", "biggest").exit()).isEqualTo(2);
        assertThat(run("report", "heatmap", "-i", in, "--address_range", "0x2000", "0x1000").exit()).isEqualTo(2);
        assertThat(run("report", "heatmap", "-i", in, "--address_range", "0xZZ", "1G").err())
                .contains("invalid address '0xZZ'");
        assertThat(run("report", "heatmap", "-i", in, "--time_range", "5s", "1s").exit()).isEqualTo(2);
        assertThat(run("report", "heatmap", "-i", in, "--output", "x.gif").err())
                .contains("unsupported image type");
        assertThat(run("report", "heatmap", "-i", in, "--stdout_colorset", "rainbow").exit()).isEqualTo(2);
        assertThat(run("serve").exit()).isEqualTo(2);
        assertThat(run("serve", "-i", in, "--port", "70000").err()).contains("--port must be within 0..65535");
        assertThat(run("report").exit()).isEqualTo(2);
    }
}
