package org.jdamon.ops.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.jdamon.core.AddressRange;
import org.jdamon.core.Attributes;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Target;
import org.jdamon.core.damos.AccessPattern;
import org.jdamon.core.damos.DamosAction;
import org.jdamon.core.damos.DamosEngine;
import org.jdamon.core.damos.MemoryState;
import org.jdamon.core.damos.Scheme;
import org.jdamon.ops.linux.procfs.ProcStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DAMOS on a live child process through process_madvise, driven by jdamon's engine. The access signal
 * is a stand-in that sees no access (this host has neither page-idle nor soft-dirty), so every region
 * is cold and a {@code pageout} scheme for cold regions pages the child's memory out. No swap here:
 * the child's memory is a clean file mapping, which pageout can drop.
 */
class VaddrDamosTest {
    private static final long MIB = 1 << 20;

    @Test
    void pageoutOfColdRegionsLowersTheChildsRss(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer page = ByteBuffer.allocate(4096); // page-sized writes: single-page folios (see ProcessMadviseTest)
            for (long off = 0; off < 32 * MIB; off += 4096) {
                ch.write(page.clear());
            }
            ch.force(true);
        }
        Process child = new ProcessBuilder("/usr/bin/python3", "-c", """
                import mmap, sys, time
                f = open(sys.argv[1], 'rb')
                m = mmap.mmap(f.fileno(), 0, prot=mmap.PROT_READ)
                s = sum(m[i] for i in range(0, len(m), 4096))
                print('ready', flush=True)
                time.sleep(30)
                """, file.toString()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("ready");
            long before = ProcStatus.rssBytes(child.pid());
            assertThat(before).isGreaterThan(32 * MIB);

            VaddrOperations ops = VaddrOperations.vaddr(new VaddrOperationsTest.RangeAccess(new AddressRange(0, 1)));
            DamosEngine engine = new DamosEngine(List.of(Scheme.of(
                    new AccessPattern(0, Long.MAX_VALUE, 0, 0, 0, Integer.MAX_VALUE), DamosAction.PAGEOUT)));
            engine.validateFor(ops);
            Target t = new Target(0, child.pid(), "python3", null);
            MonitorContext ctx = MonitorContext.builder()
                    .attributes(Attributes.DAMO_DEFAULTS)
                    .operations(ops)
                    .schemes(engine)
                    .addTarget(t)
                    .deadlineNs(300_000_000L) // 3 aggregations of virtual time
                    .build();
            ctx.run();
            long after = ProcStatus.rssBytes(child.pid());
            System.out.printf("DAMOS pageout: child RSS %d -> %d KiB, sz_applied %d%n", before >> 10, after >> 10,
                    engine.stats(0).szApplied());
            assertThat(after).isLessThan(before - 24 * MIB);
            // Every region was tried; regions spanning holes between mappings or [vvar] count 0 bytes
            // applied (ENOMEM/EINVAL after advising the mappings before them), as in the kernel's vaddr.
            assertThat(engine.stats(0).szTried()).isGreaterThan(32 * MIB);
            assertThat(engine.stats(0).szApplied()).isPositive().isLessThanOrEqualTo(engine.stats(0).szTried());
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void memoryStateIsTheTargetsRss() throws Exception {
        Process child = new ProcessBuilder("sleep", "10").start();
        try {
            Thread.sleep(100);
            VaddrOperations ops = VaddrOperations.vaddr(new VaddrOperationsTest.RangeAccess(new AddressRange(0, 1)));
            Target t = new Target(0, child.pid(), "sleep", null);
            MonitorContext ctx = MonitorContext.builder().operations(ops).addTarget(t).build();
            ops.init(ctx);
            MemoryState m = ops.memoryState(ctx);
            long rss = ProcStatus.rssBytes(child.pid());
            ops.cleanup(ctx);
            assertThat(m.rssBytes()).isBetween(rss - 64 * 1024, rss + 64 * 1024);
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void actionsProcessMadviseCannotDoAreRejectedUpFront() {
        VaddrOperations ops = VaddrOperations.vaddr(new VaddrOperationsTest.RangeAccess(new AddressRange(0, 1)));
        for (DamosAction ok : List.of(DamosAction.PAGEOUT, DamosAction.COLD, DamosAction.WILLNEED,
                DamosAction.COLLAPSE, DamosAction.STAT)) {
            assertThat(ops.supportsAction(ok)).as(ok.keyword()).isTrue();
        }
        DamosEngine hugepage = new DamosEngine(List.of(Scheme.of(AccessPattern.ANY, DamosAction.HUGEPAGE)));
        assertThatThrownBy(() -> hugepage.validateFor(ops)).hasMessageContaining("does not support action hugepage");
        PaddrOperations paddr = new PaddrOperations(new VaddrOperationsTest.RangeAccess(new AddressRange(0, 1)));
        assertThat(paddr.supportsAction(DamosAction.PAGEOUT)).isFalse();
        assertThat(paddr.supportsAction(DamosAction.STAT)).isTrue();
    }
}
