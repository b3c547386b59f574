package org.jdamon.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jdamon.record.files.RecordFiles;
import org.jdamon.record.Recording;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record written to a full disk: a 32 KiB tmpfs mounted for the test (root only; skipped otherwise).
 * {@code record} must stop with one line naming the file and the reason, exit 1 (the disk, not the
 * input), and leave a record that reads up to its last complete snapshot, identical to the same run
 * written where there is room.
 */
class FullDiskTest {
    @TempDir
    Path dir;

    private Path mount;

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFullDiskIsAClearErrorAndTheRecordStaysReadable() throws Exception {
        Path tiny = Files.createDirectory(dir.resolve("tiny"));
        Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=32k", "tmpfs", tiny.toString())
                .redirectErrorStream(true).start();
        boolean mounted = m.waitFor(30, TimeUnit.SECONDS) && m.exitValue() == 0;
        assumeTrue(mounted, "cannot mount a tmpfs here (not root, or no CAP_SYS_ADMIN): " + new String(m.getInputStream().readAllBytes()));
        mount = tiny;

        String[] run = {"--sim", "stairs", "-a", "5ms", "--seed", "3"};
        Path full = tiny.resolve("r.data");
        Process p = JdamonProcess.builder(concat(new String[] {"record", "-o", full.toString()}, run))
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.exitValue()).as(err).isEqualTo(1);

        Recording partial = RecordFiles.read(full);
        assertThat(partial.snapshots()).isNotEmpty();
        assertThat(err.lines().filter(l -> l.startsWith("jdamon: ") && !l.startsWith("jdamon: warning")))
                .containsExactly("jdamon: cannot write the record " + full + ": No space left on device; "
                        + partial.snapshots().size() + " snapshot(s) written before it are readable");

        Path roomy = dir.resolve("r.data");
        Process q = JdamonProcess.builder(concat(new String[] {"record", "-o", roomy.toString(), "--duration", "2s"}, run))
                .redirectErrorStream(true).start();
        assertThat(q.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Recording whole = RecordFiles.read(roomy);
        assertThat(whole.snapshots().size()).isGreaterThan(partial.snapshots().size());
        for (int i = 0; i < partial.snapshots().size(); i++) {
            var a = partial.snapshots().get(i);
            var e = whole.snapshots().get(i);
            assertThat(a.startNs()).isEqualTo(e.startNs());
            assertThat(a.endNs()).isEqualTo(e.endNs());
            assertThat(a.target(0).starts()).isEqualTo(e.target(0).starts());
            assertThat(a.target(0).nrAccesses()).isEqualTo(e.target(0).nrAccesses());
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
