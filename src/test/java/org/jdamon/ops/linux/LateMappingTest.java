package org.jdamon.ops.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.jdamon.core.AddressRange;
import org.jdamon.core.Attributes;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Target;
import org.jdamon.core.WallClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * vaddr on a live process that maps its big buffer late, at sample 50 (the ops update runs every 40
 * samples: 200 ms / 5 ms): the buffer is outside the ranges until the update at sample 80 and inside
 * from then on, seen at the sample after it. This host has no page-idle and
 * no soft-dirty, so the access signal is a stand-in that reports the buffer as accessed once it is known
 * (the real signal is tested in the VM, {@code org.jdamon.ops.kernel.LateMappingIT}); the ranges come
 * from the child's real {@code /proc/PID/maps}.
 */
class LateMappingTest {
    @TempDir
    Path dir;

    @Test
    void aBufferMappedLateIsPickedUpAtTheNextUpdate() throws Exception {
        Path bin = LateMappingProcess.compile(dir);
        assumeTrue(bin != null, "no C compiler (cc or gcc): skipping the late-mapping test");
        Attributes attrs = new Attributes(5_000, 50_000, 200_000, 10, 1000, null);
        try (LateMappingProcess child = LateMappingProcess.start(bin, 16, 60_000)) {
            VaddrOperationsTest.RangeAccess access = new VaddrOperationsTest.RangeAccess(child::buffer);
            Target t = new Target(0, child.pid(), "late_mapping", null);
            WallClock clock = new WallClock();
            MonitorContext ctx = MonitorContext.builder()
                    .attributes(attrs)
                    .operations(VaddrOperations.vaddr(access))
                    .clock(clock)
                    .addTarget(t)
                    .deadlineNs(clock.nowNs() + 20_000_000_000L)
                    .build();
            LateMappingProcess.Watch watch = new LateMappingProcess.Watch(child, 50, 30).attach(ctx);
            ctx.run();
            AddressRange buffer = child.buffer();
            assertThat(buffer).as("the child printed its buffer").isNotNull();
            assertThat(buffer.size()).isEqualTo(16L << 20);
            assertThat(watch.coveredBeforeMapping).as("the ranges before the mapping did not cover it").isFalse();
            assertThat(watch.mappedAtSample).as("sample at which the range was known").isBetween(50L, 80L);
            // covered after the update that follows the mapping (80), at the next sample's check
            assertThat(watch.coveredAtSample).isEqualTo(81);
            assertThat(watch.accessedBufferBytes).isGreaterThanOrEqualTo((long) (0.9 * buffer.size()));
        }
    }
}
