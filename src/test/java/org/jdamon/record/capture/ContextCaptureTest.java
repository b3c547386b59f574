package org.jdamon.record.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdamon.core.AddressRange;
import org.jdamon.core.Attributes;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.ScriptedOperations;
import org.jdamon.core.Target;
import org.jdamon.core.VirtualClock;
import org.jdamon.record.RecordFileTest;
import org.jdamon.record.RecordFormat;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.RecordReader;
import org.jdamon.record.RecordWriter;
import org.jdamon.record.Recording;
import org.jdamon.record.SideData;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetInfo;
import org.jdamon.record.TargetSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextCaptureTest {
    @TempDir
    Path dir;

    static final long BASE = 0x7f00_0000_0000L;

    /** One 64 MiB range whose first 16 MiB are always accessed. */
    static ScriptedOperations hotHead() {
        return new ScriptedOperations(List.of(new AddressRange(BASE, BASE + (64L << 20))),
                addr -> addr < BASE + (16L << 20));
    }

    @Test
    void attachedWriterRecordsEveryAggregationWithRelativeTimes() throws Exception {
        long clockStart = 5_000_000_000L;
        long epoch = 1_000_000_000_000L;
        MonitorContext ctx = MonitorContext.builder()
                .attributes(Attributes.DAMO_DEFAULTS)
                .operations(hotHead())
                .clock(new VirtualClock(clockStart, epoch))
                .addTarget(new Target(0, 4242, "hot-head", List.of()))
                .deadlineNs(clockStart + 1_000_000_000L)
                .seed(7)
                .build();
        List<Snapshot> seen = new ArrayList<>();
        ctx.addAfterAggregation((c, s, e) -> seen.add(new Snapshot(s - c.startNs(), e - c.startNs(),
                List.of(TargetSnapshot.of(0, c.targets().get(0).regions())))));
        Path p = dir.resolve("ctx.jdr");
        RecordWriter w = ContextCapture.attach(ctx, p, Map.of("workload", "hot-head"));
        ctx.run();
        w.close();

        Recording r = RecordReader.read(p);
        assertThat(r.warnings()).isEmpty();
        // 1 s of virtual time at 100 ms aggregation: 10 windows, the first [0, 100 ms)
        assertThat(r.snapshots()).hasSize(10).hasSameSizeAs(seen);
        assertThat(r.snapshots().get(0).startNs()).isZero();
        assertThat(r.snapshots().get(0).endNs()).isEqualTo(100_000_000L);
        assertThat(r.snapshots().get(9).endNs()).isEqualTo(1_000_000_000L);
        for (int i = 0; i < seen.size(); i++) {
            RecordFileTest.assertSameSnapshot(r.snapshots().get(i), seen.get(i));
        }
        RecordHeader h = r.header();
        assertThat(h.operations()).isEqualTo("scripted");
        assertThat(h.attributes()).isEqualTo(Attributes.DAMO_DEFAULTS);
        assertThat(h.targets()).containsExactly(new TargetInfo(0, 4242, "hot-head"));
        assertThat(h.startEpochNs()).isEqualTo(epoch + clockStart);
        assertThat(h.properties()).containsEntry("workload", "hot-head");
        assertThat(w.snapshotsWritten()).isEqualTo(10);
    }

    @Test
    void contextStoppedBeforeAnyAggregationStillLeavesAReadableEmptyRecord() throws IOException {
        MonitorContext ctx = MonitorContext.builder().operations(hotHead())
                .addTarget(new Target(0, -1, "x", List.of())).build();
        Path p = dir.resolve("empty.jdr");
        ContextCapture.attach(ctx, p, Map.of()).close();
        Recording r = RecordReader.read(p);
        assertThat(r.snapshots()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.header().targets()).hasSize(1);
    }

    @Test
    void attributeChangesBecomeSideDataBeforeTheNextSnapshot() throws Exception {
        MonitorContext ctx = MonitorContext.builder()
                .operations(hotHead())
                .addTarget(new Target(0, -1, "x", List.of()))
                .deadlineNs(1_000_000_000L)
                .build();
        Attributes slower = Attributes.DAMO_DEFAULTS.withIntervals(5_000, 200_000, 1_000_000);
        int[] aggregations = {0};
        ctx.addAfterAggregation((c, s, e) -> {
            if (++aggregations[0] == 3) {
                c.commitAttributes(slower);
            }
        });
        Path p = dir.resolve("attrs.jdr");
        RecordWriter w = ContextCapture.attach(ctx, p, Map.of());
        ctx.run();
        w.close();
        Recording r = RecordReader.read(p);
        assertThat(r.sideData()).singleElement().satisfies(sd -> {
            assertThat(sd.kind()).isEqualTo(RecordFormat.SIDE_ATTRIBUTES);
            assertThat(RecordReader.attributesOf(sd)).isEqualTo(slower);
            // committed after the 3rd window (ending at 300 ms, iteration 60); the worker takes it at the
            // next iteration's call point (kdamond_call), 305 ms, so the 4th window ends 200 ms later
            assertThat(sd.timeNs()).isEqualTo(505_000_000L);
        });
        // 3 windows of 100 ms, then windows of 200 ms from 305 ms; the one that would end at 1.105 s is
        // cut by the 1 s deadline
        assertThat(r.snapshots()).extracting(Snapshot::endNs)
                .containsExactly(100_000_000L, 200_000_000L, 300_000_000L, 505_000_000L, 705_000_000L,
                        905_000_000L);
        assertThat(r.header().attributes()).isEqualTo(Attributes.DAMO_DEFAULTS);
    }

    @Test
    void sideDataSinkWorksWhateverTheListenerOrder() throws Exception {
        MonitorContext ctx = MonitorContext.builder()
                .operations(hotHead())
                .addTarget(new Target(0, -1, "x", List.of()))
                .deadlineNs(300_000_000L)
                .build();
        Path p = dir.resolve("sink.jdr");
        RecordWriter[] w = new RecordWriter[1];
        // registered before the writer attaches: runs before the writer's own listener
        ctx.addAfterAggregation((c, s, e) -> w[0].sideDataSink()
                .accept(new SideData("test.tick", e - c.startNs(), new byte[] {1})));
        w[0] = ContextCapture.attach(ctx, p, Map.of());
        ctx.run();
        w[0].close();
        Recording r = RecordReader.read(p);
        assertThat(r.warnings()).isEmpty();
        assertThat(r.snapshots()).hasSize(3);
        assertThat(r.sideData()).extracting(SideData::timeNs)
                .containsExactly(100_000_000L, 200_000_000L, 300_000_000L);
    }
}
