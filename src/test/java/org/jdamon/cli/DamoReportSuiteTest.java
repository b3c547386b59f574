package org.jdamon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * damo's own report test suite (tests/report/test.sh and its expects/) run against this build through
 * {@code scripts/damo-report-suite.sh}: every case must give damo's bytes. Opt-in: runs only when the
 * environment variable {@code DAMO_SRC} names a damo checkout (e.g. {@code DAMO_SRC=/tmp/damo}).
 */
class DamoReportSuiteTest {
    @TempDir
    Path dir;

    @Test
    void everyCaseGivesDamosBytes() throws IOException, InterruptedException {
        String damoSrc = System.getenv("DAMO_SRC");
        assumeTrue(damoSrc != null && Files.isRegularFile(Path.of(damoSrc, "tests", "report", "test.sh")),
                "set DAMO_SRC to a damo checkout to run damo's report suite");
        String java = ProcessHandle.current().info().command().orElse("java");
        Path launcher = dir.resolve("jdamon");
        Files.writeString(launcher, "#!/bin/sh\nexec '" + java + "' --enable-native-access=ALL-UNNAMED "
                + "-Djava.awt.headless=true -cp '" + System.getProperty("java.class.path") + "' "
                + Main.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        ProcessBuilder pb = new ProcessBuilder("bash", Path.of("scripts", "damo-report-suite.sh").toString(), damoSrc)
                .redirectErrorStream(true);
        pb.environment().put("JDAMON", launcher.toString());
        pb.environment().put("TMPDIR", dir.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.MINUTES)).isTrue();
        assertThat(out).as(out).contains("damo report suite: 45 passed, 0 failed, 0 skipped");
        assertThat(p.exitValue()).as(out).isZero();
    }
}
