package org.jdamon.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jdamon.core.Attributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed and same input give the same record, byte for byte; another seed gives another record. */
class DeterminismTest {
    @TempDir
    Path dir;

    private byte[] record(String name, long seed) throws Exception {
        Path out = dir.resolve(name);
        new MonitorRun(SimSource.load("stairs_30secs", 0))
                .attributes(Attributes.DAMO_DEFAULTS)
                .seed(seed)
                .output(out)
                .run();
        return Files.readAllBytes(out);
    }

    @Test
    void sameSeedSameBytes() throws Exception {
        byte[] a = record("a", 7);
        byte[] b = record("b", 7);
        byte[] c = record("c", 8);
        assertThat(a.length).isGreaterThan(1000);
        assertThat(b).isEqualTo(a);
        assertThat(c).isNotEqualTo(a);
    }
}
