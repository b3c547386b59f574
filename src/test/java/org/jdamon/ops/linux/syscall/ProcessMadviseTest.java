package org.jdamon.ops.linux.syscall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jdamon.ops.linux.procfs.ProcSmaps;
import org.jdamon.ops.linux.syscall.NativeCallException;
import org.jdamon.ops.linux.syscall.ProcessMadvise;
import org.jdamon.ops.linux.syscall.Syscalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** process_madvise through a pidfd on this JVM's own memory (the host runs tests as root on 6.18). */
class ProcessMadviseTest {
    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void pageoutDropsResidentPagesOfAFileMapping(@TempDir Path dir) throws IOException {
        // Without swap (this host has none) anonymous pages cannot be reclaimed, so page out clean
        // page-cache pages of a file mapping: mincore then reports them gone from memory.
        long page = Syscalls.pageSize();
        int pages = 64;
        Path file = dir.resolve("data");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
            // One write per page: the page cache then holds single-page folios. A single large write can
            // land in a large folio, which pageout must split first and skips when it cannot.
            ByteBuffer b = ByteBuffer.allocate((int) page);
            for (int p = 0; p < pages; p++) {
                b.clear();
                for (int i = 0; i < b.capacity(); i++) {
                    b.put(i, (byte) (i + p));
                }
                ch.write(b);
            }
            ch.force(true);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment m = ch.map(FileChannel.MapMode.READ_ONLY, 0, pages * page, arena);
                long sum = 0;
                for (long off = 0; off < m.byteSize(); off += page) {
                    sum += m.get(ValueLayout.JAVA_BYTE, off);
                }
                // the first byte of page p was written as p: 0 + 1 + ... + 63 = 64 x 63 / 2
                assertThat(sum).isEqualTo(2_016);
                long before = Syscalls.residentPages(m, page);
                assertThat(before).isEqualTo(pages);
                long smapsBefore = ProcSmaps.find(ProcSmaps.readSelf(), m.address()).field("Rss");
                assertThat(smapsBefore).isEqualTo(pages * page);

                try (ProcessMadvise pm = ProcessMadvise.open(SELF)) {
                    long advised = pm.apply(m.address(), m.byteSize(), ProcessMadvise.Action.PAGEOUT);
                    assertThat(advised).isEqualTo(pages * page);
                }
                long after = Syscalls.residentPages(m, page);
                long smapsAfter = ProcSmaps.find(ProcSmaps.readSelf(), m.address()).field("Rss");
                System.out.printf("pageout: resident pages %d -> %d, smaps Rss %d -> %d bytes%n", before, after,
                        smapsBefore, smapsAfter);
                assertThat(after).isLessThan(before / 2);
                assertThat(smapsAfter).isLessThan(smapsBefore / 2);
            }
        }
    }

    @Test
    void coldAndWillneedOnAnonymousMemoryAdviseTheWholeRange() {
        long page = Syscalls.pageSize();
        MemorySegment m = Syscalls.mmapAnonymous(16 * page);
        try (ProcessMadvise pm = ProcessMadvise.open(SELF)) {
            for (long off = 0; off < m.byteSize(); off += page) {
                m.set(ValueLayout.JAVA_BYTE, off, (byte) 1);
            }
            assertThat(pm.apply(m.address(), m.byteSize(), ProcessMadvise.Action.COLD)).isEqualTo(16 * page);
            assertThat(pm.apply(m.address(), m.byteSize(), ProcessMadvise.Action.WILLNEED)).isEqualTo(16 * page);
            assertThat(Syscalls.residentPages(m, page)).isEqualTo(16); // cold only reorders the LRU
        } finally {
            Syscalls.munmap(m);
        }
    }

    @Test
    void unmappedRangeCountsAsNothingApplied() {
        long page = Syscalls.pageSize();
        MemorySegment m = Syscalls.mmapAnonymous(4 * page);
        long addr = m.address();
        Syscalls.munmap(m);
        try (ProcessMadvise pm = ProcessMadvise.open(SELF)) {
            assertThat(pm.apply(addr, 4 * page, ProcessMadvise.Action.COLD)).isZero();
        }
    }

    @Test
    void deadPidIsNamed() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long pid = p.pid();
        assertThatThrownBy(() -> ProcessMadvise.open(pid))
                .isInstanceOf(NativeCallException.class)
                .hasMessageContaining("ESRCH")
                .hasMessageContaining("no process with pid " + pid);
    }

    @Test
    void unalignedRangeIsRejectedWithTheReason() {
        try (ProcessMadvise pm = ProcessMadvise.open(SELF)) {
            assertThatThrownBy(() -> pm.apply(0x1001, 4096, ProcessMadvise.Action.PAGEOUT))
                    .isInstanceOf(NativeCallException.class)
                    .hasMessageContaining("EINVAL")
                    .hasMessageContaining("page aligned");
        }
    }

    @Test
    void actionKeywordsAreDamos() {
        assertThat(ProcessMadvise.Action.of("pageout")).isEqualTo(ProcessMadvise.Action.PAGEOUT);
        assertThat(ProcessMadvise.Action.of("collapse").advice()).isEqualTo(25);
        assertThat(ProcessMadvise.Action.of("hugepage")).isNull(); // not allowed through process_madvise
    }
}
