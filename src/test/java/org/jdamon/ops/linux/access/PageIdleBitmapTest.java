package org.jdamon.ops.linux.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.jdamon.core.AddressRange;
import org.jdamon.core.Attributes;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Target;
import org.jdamon.core.VirtualClock;
import org.jdamon.ops.linux.PaddrOperations;
import org.jdamon.ops.linux.VaddrOperationsTest;
import org.jdamon.ops.linux.access.PageIdle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page_idle bitmap layout (Documentation/admin-guide/mm/idle_page_tracking.rst): frame {@code pfn}
 * is bit {@code pfn % 64} of the native-endian 64-bit word at byte offset {@code pfn / 64 * 8}. A plain
 * file stands in for the kernel's (this host has none); it stores words rather than OR-ing bits, which
 * does not matter for one frame per word.
 */
class PageIdleBitmapTest {
    @Test
    void frameBitsLandWhereTheKernelReadsThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bitmap");
        Files.write(file, new byte[64]);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            PageIdle.Bitmap bitmap = new PageIdle.Bitmap(ch);
            bitmap.markIdle(130); // word 2 (bytes 16..23), bit 2
            ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.nativeOrder());
            assertThat(all.getLong(16)).isEqualTo(1L << 2);
            assertThat(all.getLong(0)).isZero();
            assertThat(bitmap.idle(130)).isTrue();
            assertThat(bitmap.idle(131)).isFalse();
            assertThat(bitmap.idle(2)).isFalse();
            bitmap.markIdle(63 + 64 * 5); // word 5, top bit
            assertThat(ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.nativeOrder()).getLong(40))
                    .isEqualTo(Long.MIN_VALUE);
        }
    }

    @Test
    void paddrSamplesTheGivenPhysicalRanges() throws Exception {
        AddressRange ram = new AddressRange(0x100000000L, 0x140000000L); // 1 GiB
        AddressRange hot = new AddressRange(0x100000000L, 0x110000000L); // its first 256 MiB
        VaddrOperationsTest.RangeAccess access = new VaddrOperationsTest.RangeAccess(hot);
        Target t = new Target(0, -1, "paddr", List.of(ram));
        List<long[]> last = new ArrayList<>(); // the final aggregation: start, end, nr_accesses per region
        MonitorContext ctx = MonitorContext.builder()
                .attributes(Attributes.DAMO_DEFAULTS)
                .operations(new PaddrOperations(access))
                .clock(new VirtualClock())
                .addTarget(t)
                .deadlineNs(3_000_000_000L)
                .afterAggregation((c, from, to) -> {
                    last.clear();
                    var r = c.targets().getFirst().regions();
                    for (int i = 0; i < r.size(); i++) {
                        last.add(new long[] {r.start(i), r.end(i), r.nrAccesses(i)});
                    }
                })
                .build();
        ctx.run();
        // judged at the last aggregation, before the split: after it, the pieces of the region that
        // straddled the edge still carry its count
        long insideHot = 0;
        for (long[] region : last) {
            if (hot.start() <= region[0] && region[1] <= hot.end()) {
                assertThat(region[2]).as("region inside the hot range").isEqualTo(20);
                insideHot += region[1] - region[0];
            } else if (region[0] >= hot.end()) {
                assertThat(region[2]).as("region outside the hot range").isZero();
            } // the one region straddling the edge may read either way
        }
        assertThat(last.getFirst()[0]).isEqualTo(ram.start());
        assertThat(last.getLast()[1]).isEqualTo(ram.end());
        // Only the one straddling region is lost, and no region grows beyond total / min_nr_regions.
        assertThat(insideHot).isGreaterThanOrEqualTo(hot.size() - ram.size() / 10);
    }
}
