package org.jdamon.ops.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.jdamon.core.AddressRange;
import org.jdamon.core.Attributes;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Target;
import org.jdamon.core.WallClock;
import org.jdamon.ops.linux.LateMappingProcess;
import org.jdamon.ops.linux.SoftDirty;
import org.jdamon.ops.linux.VaddrOperations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 on a live process in the guest-run VM: a C program maps an 8 MiB buffer 4 s after the monitor
 * started and then writes it continuously; jdamon's engine (vaddr, soft-dirty, ops update every 500 ms,
 * that is every 100 sampling intervals) must pick the buffer up at the next update and find it written.
 */
@EnabledIfEnvironmentVariable(named = "JDAMON_GUEST", matches = "1")
class LateMappingIT {
    @TempDir
    Path dir;

    @Test
    void aBufferMappedLateIsPickedUpAtTheNextUpdateAndFoundHot() throws Exception {
        Guest.requireGuest();
        Path bin = LateMappingProcess.compile(dir);
        assertThat(bin).as("a C compiler in the guest").isNotNull();
        Attributes attrs = new Attributes(5_000, 100_000, 500_000, 10, 1000, null);
        try (LateMappingProcess child = LateMappingProcess.start(bin, 4_000, 8, 13_000)) {
            Target t = new Target(0, child.pid(), "late_mapping", null);
            WallClock clock = new WallClock();
            MonitorContext ctx = MonitorContext.builder()
                    .attributes(attrs)
                    .operations(VaddrOperations.vaddr(new SoftDirty(4096)))
                    .clock(clock)
                    .addTarget(t)
                    .deadlineNs(clock.nowNs() + 16_000_000_000L)
                    .build();
            LateMappingProcess.Watch watch = new LateMappingProcess.Watch(child).attach(ctx);
            ctx.run();
            AddressRange buffer = child.buffer();
            assertThat(buffer).as("the child printed its buffer").isNotNull();
            long delay = watch.coveredAtSample < 0 ? -1 : watch.coveredAtSample - watch.mappedAtSample;
            Guest.report("late-mapping", "8 MiB buffer mapped 4 s in (sample " + watch.mappedAtSample
                    + "): covered " + delay + " sampling intervals later (ops update every 100); up to "
                    + watch.maxAccessedBufferBytes / 1024 + " KiB of it seen written, "
                    + watch.accessedBufferBytes / 1024 + " KiB at the end; " + watch.lastSample + " samples, "
                    + watch.lastNrRegions + " regions at the last");
            assertThat(watch.coveredBeforeMapping).as("the first ranges did not cover the buffer").isFalse();
            assertThat(watch.coveredAtSample).as("the buffer was covered at some sample").isPositive();
            // the next update within 500 ms / 5 ms = 100 sampling intervals (the core counts them, as the
            // kernel does, so emulation's slow samples stretch the wall time, not this)
            assertThat(delay).isBetween(0L, 100L + 5);
            assertThat(watch.maxAccessedBufferBytes).isGreaterThanOrEqualTo((long) (0.8 * buffer.size()));
        }
    }
}
