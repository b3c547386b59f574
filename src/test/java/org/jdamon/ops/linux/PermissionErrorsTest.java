package org.jdamon.ops.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jdamon.ops.linux.syscall.Syscalls;
import org.junit.jupiter.api.Test;

/**
 * Missing permissions, for real: as root, the test runs {@link PermissionProbeMain} as user nobody
 * (setpriv) against a root-owned process and a process of its own.
 */
class PermissionErrorsTest {
    @Test
    void unprivilegedUserIsToldWhichCapabilityIsMissing() throws Exception {
        assumeTrue(((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0, "needs root to drop to nobody");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv");
        Path classes = Path.of(PermissionProbeMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path mainClasses = Path.of(Syscalls.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process root = new ProcessBuilder("sleep", "10").start();
        try {
            Process p = new ProcessBuilder(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
                    "--clear-groups", java, "-XX:-UsePerfData", "-Xshare:auto", "--enable-native-access=ALL-UNNAMED",
                    "-cp", classes + ":" + mainClasses, PermissionProbeMain.class.getName(),
                    Long.toString(root.pid()))).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(out).isZero();
            assertThat(line(out, "pagemap")).contains("needs ptrace read access").contains("CAP_SYS_PTRACE");
            assertThat(line(out, "clear_refs")).contains("only the process's owner (or root)");
            // Another user's process: the ptrace check (EACCES) fails before the capability check.
            assertThat(line(out, "madvise-other-user")).contains("EACCES").contains("ptrace read access");
            // Its own child: ptrace is fine, but advising another process needs CAP_SYS_NICE (EPERM).
            assertThat(line(out, "madvise-same-user")).contains("EPERM").contains("CAP_SYS_NICE");
        } finally {
            root.destroyForcibly();
        }
    }

    private static String line(String out, String step) {
        return out.lines().filter(l -> l.startsWith(step + ": ")).findFirst().orElse("(no line for " + step + ")\n" + out);
    }
}
