package org.jdamon.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdamon.core.Attributes;
import org.jdamon.record.files.RecordFiles;
import org.jdamon.record.Recording;
import org.jdamon.record.SideData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code beforeClose} hooks ({@code record --profile}'s way into the record): side data written there lands
 * in the record, the context gives the record's start and the monitored time, and a failing hook does not
 * cost the snapshots.
 */
class BeforeCloseTest {
    @TempDir
    Path dir;

    @Test
    void sideDataWrittenBeforeCloseIsStoredAndFailuresKeepTheRecord() throws Exception {
        Path ok = dir.resolve("ok");
        List<long[]> seen = new ArrayList<>();
        new MonitorRun(SimSource.load("demo", 0))
                .attributes(Attributes.DAMO_DEFAULTS)
                .durationNs(2_000_000_000L)
                .output(ok)
                .beforeClose((ctx, writer) -> {
                    seen.add(new long[] {ctx.clock().epochOffsetNs() + ctx.startNs(), ctx.clock().nowNs() - ctx.startNs()});
                    try {
                        writer.writeSideData(new SideData("test.kind", 5, new byte[] {1, 2, 3}));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .run();
        Recording rec = RecordFiles.read(ok);
        assertThat(seen).hasSize(1);
        assertThat(seen.getFirst()[0]).isEqualTo(rec.header().startEpochNs());
        // 2 s of virtual time were monitored: 20 aggregations of 100 ms
        assertThat(seen.getFirst()[1]).isEqualTo(2_000_000_000L);
        assertThat(rec.sideData()).anySatisfy(sd -> {
            assertThat(sd.kind()).isEqualTo("test.kind");
            assertThat(sd.payload()).containsExactly(1, 2, 3);
        });

        Path failed = dir.resolve("failed");
        assertThatThrownBy(() -> new MonitorRun(SimSource.load("demo", 0))
                        .durationNs(1_000_000_000L)
                        .output(failed)
                        .beforeClose((ctx, writer) -> {
                            throw new IllegalStateException("profiler lost its target");
                        })
                        .run())
                .hasMessage("profiler lost its target");
        assertThat(RecordFiles.read(failed).snapshots()).hasSize(10);
    }
}
