package org.jdamon.ops.linux.access;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jdamon.ops.linux.syscall.LinuxSupportException;
import org.jdamon.ops.linux.syscall.TargetGoneException;

/**
 * Soft-dirty bits ({@code CONFIG_MEM_SOFT_DIRTY}): prepare writes {@code 4} to
 * {@code /proc/PID/clear_refs}, which clears the soft-dirty bit of every page of the process (so once per
 * sample, not per region) and write-protects them; check reads bit 55 of the sampled pages' pagemap
 * entries. Only writes set the bit, so reads are invisible: a read-only hot set looks cold, and records
 * made with it say {@code soft-dirty (writes only)}. Physical addresses have no soft-dirty bit.
 */
public final class SoftDirty implements AccessPrimitive {
    static final byte CLEAR_SOFT_DIRTY = '4';
    static final String NO_PHYSICAL = "soft-dirty cannot monitor physical addresses (paddr needs idle page"
            + " tracking, CONFIG_IDLE_PAGE_TRACKING, or the kernel's DAMON: jdamon record --kernel paddr)";

    private final long pageSize;

    public SoftDirty(long pageSize) {
        this.pageSize = pageSize;
    }

    @Override
    public String name() {
        return "soft-dirty";
    }

    @Override
    public String description() {
        return "soft-dirty (writes only)";
    }

    @Override
    public boolean detectsReads() {
        return false;
    }

    @Override
    public String caveat() {
        return "soft-dirty sees writes only, and every sample write-protects the whole process (clear_refs), so a"
                + " write-heavy target faults on each page it writes, once per sampling interval, and can run much"
                + " slower (docs/benchmarks/kernel.md); where the kernel has DAMON, jdamon record --kernel costs less";
    }

    @Override
    public PageAccess forProcess(long pid) throws IOException {
        PagemapReader pagemap = new PagemapReader(pid, pageSize);
        try {
            return new Virtual(pagemap, openClearRefs(pid), pid);
        } catch (IOException | RuntimeException e) {
            pagemap.close();
            throw e;
        }
    }

    @Override
    public PageAccess forPhysical() {
        throw new LinuxSupportException(NO_PHYSICAL);
    }

    static Path clearRefsPath(long pid) {
        return Path.of("/proc", pid < 0 ? "self" : Long.toString(pid), "clear_refs");
    }

    public static FileChannel openClearRefs(long pid) throws IOException {
        Path p = clearRefsPath(pid);
        try {
            return FileChannel.open(p, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            throw new TargetGoneException("no process with pid " + pid);
        } catch (AccessDeniedException e) {
            throw new LinuxSupportException("cannot write " + p + ": only the process's owner (or root) may clear"
                    + " its soft-dirty bits", e);
        } catch (FileSystemException e) {
            if (PagemapReader.noSuchProcess(e)) {
                throw new TargetGoneException("process " + pid + " exited");
            }
            throw e;
        }
    }

    /** Writes {@code 4} to an open clear_refs file; reused buffer, no allocation. */
    static void clearSoftDirty(FileChannel clearRefs, ByteBuffer one) throws IOException {
        one.clear();
        one.put(0, CLEAR_SOFT_DIRTY);
        clearRefs.write(one);
    }

    private static final class Virtual implements PageAccess {
        private final PagemapReader pagemap;
        private final long pid;
        private final ByteBuffer one = ByteBuffer.allocateDirect(1);
        private FileChannel clearRefs;
        private long[] entries = new long[64];

        Virtual(PagemapReader pagemap, FileChannel clearRefs, long pid) {
            this.pagemap = pagemap;
            this.clearRefs = clearRefs;
            this.pid = pid;
        }

        @Override
        public void prepare(long[] addrs, int n) throws IOException {
            try {
                clearSoftDirty(clearRefs, one);
            } catch (IOException e) {
                if (PagemapReader.noSuchProcess(e) || !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    throw new TargetGoneException("process " + pid + " exited");
                }
                clearRefs.close();
                clearRefs = openClearRefs(pid);
                clearSoftDirty(clearRefs, one);
            }
        }

        @Override
        public void check(long[] addrs, int n, boolean[] accessed) throws IOException {
            if (entries.length < n) {
                entries = new long[Math.max(n, entries.length * 2)];
            }
            pagemap.read(addrs, n, entries);
            for (int i = 0; i < n; i++) {
                accessed[i] = PagemapEntry.softDirty(entries[i]);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                pagemap.close();
            } finally {
                clearRefs.close();
            }
        }
    }
}
