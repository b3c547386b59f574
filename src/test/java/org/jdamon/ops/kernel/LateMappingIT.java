package org.jdamon.ops.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.jdamon.core.AddressRange;
import org.jdamon.core.Attributes;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Target;
import org.jdamon.core.WallClock;
import org.jdamon.ops.linux.LateMappingProcess;
import org.jdamon.ops.linux.access.SoftDirty;
import org.jdamon.ops.linux.VaddrOperations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 on a live process in the guest-run VM: a C program maps an 8 MiB buffer at the monitor's
 * sample 25 and then writes it continuously; jdamon's engine (vaddr, soft-dirty, ops update every
 * 100 ms, that is every 20 sampling intervals: at 20, 40, ...) must pick the buffer up at the update
 * of sample 40 and find it written. Counted in samples, as the core schedules updates, because
 * emulation makes each sample take far longer than 5 ms.
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
        Attributes attrs = new Attributes(5_000, 50_000, 100_000, 10, 1000, null);
        try (LateMappingProcess child = LateMappingProcess.start(bin, 8, 300_000)) {
            Target t = new Target(0, child.pid(), "late_mapping", null);
            WallClock clock = new WallClock();
            MonitorContext ctx = MonitorContext.builder()
                    .attributes(attrs)
                    .operations(VaddrOperations.vaddr(new SoftDirty(4096)))
                    .clock(clock)
                    .addTarget(t)
                    .deadlineNs(clock.nowNs() + 120_000_000_000L)
                    .build();
            LateMappingProcess.Watch watch = new LateMappingProcess.Watch(child, 25, 30).attach(ctx);
            ctx.run();
            AddressRange buffer = child.buffer();
            assertThat(buffer).as("the child printed its buffer").isNotNull();
            long delay = watch.coveredAtSample < 0 ? -1 : watch.coveredAtSample - watch.mappedAtSample;
            Guest.report("late-mapping", "8 MiB buffer mapped at sample 25 (known at sample " + watch.mappedAtSample
                    + "): covered at sample " + watch.coveredAtSample + ", " + delay
                    + " sampling intervals later (ops update every 20); up to "
                    + watch.maxAccessedBufferBytes / 1024 + " KiB of it seen written, "
                    + watch.accessedBufferBytes / 1024 + " KiB at the end; " + watch.lastSample + " samples, "
                    + watch.lastNrRegions + " regions at the last");
            assertThat(watch.coveredBeforeMapping).as("the ranges before the mapping did not cover it").isFalse();
            assertThat(watch.mappedAtSample).as("sample at which the range was known").isBetween(25L, 40L);
            // covered after the update that follows the mapping (40), at the next sample's check
            assertThat(watch.coveredAtSample).isEqualTo(41);
            assertThat(watch.maxAccessedBufferBytes).isGreaterThanOrEqualTo((long) (0.8 * buffer.size()));
        }
    }
}
