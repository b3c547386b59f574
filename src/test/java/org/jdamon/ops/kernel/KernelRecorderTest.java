package org.jdamon.ops.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdamon.core.Attributes;
import org.jdamon.ops.kernel.KdamondSpec;
import org.jdamon.ops.kernel.Ownership;
import org.jdamon.ops.kernel.SysfsDamon;
import org.jdamon.ops.kernel.SysfsScheme;
import org.jdamon.record.Snapshot;
import org.jdamon.record.capture.KernelRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots from a fixture of a running kdamond, and the scheme the recorder adds. */
class KernelRecorderTest {
    @TempDir
    Path sys;

    @TempDir
    Path state;

    @Test
    void snapshotAsksForTriedRegionsAndTurnsThemIntoATargetSnapshot() throws IOException {
        Path k = FixtureTree.load(sys, "guest-6.12-running.tree");
        Ownership own = new Ownership(state);
        own.putKdamond(new Ownership.KdamondRecord(0, 389, List.of(386L), 1));
        SysfsDamon d = new SysfsDamon(sys, own);
        KdamondSpec spec = KdamondSpec.of(new KdamondSpec.Context("vaddr", Attributes.KERNEL_DEFAULTS,
                List.of(KdamondSpec.TargetSpec.process(386)), List.of(SysfsScheme.statEverything(0))));
        KernelRecorder r = KernelRecorder.attach(d, 0, spec, 0);

        List<Snapshot> got = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        int[] calls = {0};
        // a real state file reads "on" again after a command; the fixture file keeps what was written
        int n = r.run(0, () -> {
            try {
                FixtureTree.write(k.resolve("0/state"), "on");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return calls[0]++ >= 2;
        }, snap -> {
            got.add(snap);
            commands.add(readState(k));
        });

        assertThat(n).isEqualTo(2);
        assertThat(commands).containsExactly("update_schemes_tried_regions", "update_schemes_tried_regions");
        Snapshot s = got.getFirst();
        assertThat(s.targets()).hasSize(1);
        assertThat(s.target(0).size()).isEqualTo(13);
        assertThat(s.target(0).totalBytes()).isEqualTo(593743872L);
        assertThat(s.startNs()).isEqualTo(-100_000_000L).as("first window: one aggregation before the first read");
        assertThat(got.get(1).startNs()).isEqualTo(s.endNs());
        assertThat(r.header(1, "test", Map.of()).targets().getFirst().pid()).isEqualTo(386);
        r.close();
        assertThat(Files.readString(k.resolve("0/state")).strip()).as("attach() never stops").isEqualTo("on");
    }

    private static String readState(Path k) {
        try {
            return Files.readString(k.resolve("0/state")).strip();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void snapshotSchemeMatchesEverythingEverySample() {
        Attributes a = new Attributes(10_000, 200_000, 1_000_000, 10, 1000, null);
        KdamondSpec spec = KdamondSpec.of(new KdamondSpec.Context("vaddr", a,
                List.of(KdamondSpec.TargetSpec.process(1)), List.of()));
        SysfsScheme s = KernelRecorder.withSnapshotScheme(spec, true).context().schemes().getLast();
        assertThat(s.action()).isEqualTo("stat");
        assertThat(s.applyIntervalUs()).isEqualTo(10_000);
        // "everything": 0..ULONG_MAX for size, samples and age (a new sysfs scheme defaults to 0..0)
        assertThat(s.pattern()).isEqualTo(new SysfsScheme.AccessPattern(0, -1L, 0, -1L, 0, -1L));
        assertThat(KernelRecorder.withSnapshotScheme(spec, false).context().schemes().getLast().applyIntervalUs())
                .isZero();
    }
}
