package org.jdamon.ops.linux.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdamon.ops.linux.access.PagemapEntry;
import org.jdamon.ops.linux.access.PagemapReader;
import org.jdamon.ops.linux.syscall.Syscalls;
import org.jdamon.ops.linux.syscall.TargetGoneException;
import org.junit.jupiter.api.Test;

/** Reads this JVM's own pagemap for a mapping whose residency the test controls. */
class PagemapReaderTest {
    @Test
    void touchedPagesArePresentAndUntouchedAreNot() throws IOException {
        long page = Syscalls.pageSize();
        int pages = 256;
        MemorySegment m = Syscalls.mmapAnonymous(pages * page);
        try (PagemapReader reader = new PagemapReader(-1, page)) {
            for (int i = 0; i < pages; i += 2) {
                m.set(ValueLayout.JAVA_BYTE, i * page, (byte) 1);
            }
            long[] addrs = new long[pages];
            for (int i = 0; i < pages; i++) {
                addrs[i] = m.address() + i * page + 17;
            }
            long[] entries = new long[pages];
            reader.read(addrs, pages, entries);
            for (int i = 0; i < pages; i++) {
                assertThat(PagemapEntry.present(entries[i])).as("page %d", i).isEqualTo(i % 2 == 0);
            }
            // 256 sorted pages in spans of 64 pages: 4 preads, not 256.
            assertThat(reader.preads()).isEqualTo(pages / PagemapReader.SPAN_PAGES);
        } finally {
            Syscalls.munmap(m);
        }
    }

    @Test
    void distantAddressesAreReadSeparatelyAndMatchSingleReads() throws IOException {
        long page = Syscalls.pageSize();
        MemorySegment a = Syscalls.mmapAnonymous(4 * page);
        MemorySegment b = Syscalls.mmapAnonymous(4 * page);
        try (PagemapReader batch = new PagemapReader(-1, page); PagemapReader single = new PagemapReader(-1, page)) {
            a.set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
            b.set(ValueLayout.JAVA_BYTE, 3 * page, (byte) 1);
            long x = a.address();
            long y = b.address() + 3 * page;
            long[] addrs = {Math.min(x, y), Math.max(x, y)};
            long[] together = new long[2];
            batch.read(addrs, 2, together);
            for (int i = 0; i < 2; i++) {
                long[] one = new long[1];
                single.read(new long[] {addrs[i]}, 1, one);
                assertThat(together[i]).isEqualTo(one[0]);
            }
            assertThat(PagemapEntry.present(together[0]) || PagemapEntry.present(together[1])).isTrue();
        } finally {
            Syscalls.munmap(a);
            Syscalls.munmap(b);
        }
    }

    @Test
    void zombieHasNoAddressSpace() throws Exception {
        // sleep 0.1 runs in the background of a shell that then execs sleep 3, which never reaps it.
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0.1 & exec sleep 3").start();
        try {
            Thread.sleep(400);
            long zombie = parent.toHandle().children().findFirst().orElseThrow().pid();
            assertThat(Files.readString(Path.of("/proc/" + zombie + "/stat"))).contains(") Z ");
            try (PagemapReader reader = new PagemapReader(zombie, 4096)) {
                assertThatThrownBy(() -> reader.read(new long[] {0x400000}, 1, new long[1]))
                        .isInstanceOf(TargetGoneException.class);
            } catch (TargetGoneException e) {
                assertThat(e).hasMessageContaining(Long.toString(zombie)); // gone already at open: also fine
            }
        } finally {
            parent.destroyForcibly();
        }
    }
}
