package org.jdamon.ops.linux.access;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jdamon.ops.linux.syscall.LinuxSupportException;

/**
 * Idle page tracking ({@code CONFIG_IDLE_PAGE_TRACKING}): prepare marks each sampled page's frame idle
 * in {@code /sys/kernel/mm/page_idle/bitmap}, which also clears its Accessed bits through the reverse
 * map; check reads the bit back, and a page that is no longer idle was read or written. Virtual
 * addresses are turned into frames through {@code /proc/PID/pagemap} (needs CAP_SYS_ADMIN to see PFNs).
 * Only pages on an LRU list are tracked; an absent page counts as not accessed, as in the kernel.
 */
public final class PageIdle implements AccessPrimitive {
    public static final Path BITMAP = Path.of("/sys/kernel/mm/page_idle/bitmap");

    private final long pageSize;

    public PageIdle(long pageSize) {
        this.pageSize = pageSize;
    }

    @Override
    public String name() {
        return "page-idle";
    }

    @Override
    public String description() {
        return "page-idle (reads and writes)";
    }

    @Override
    public boolean detectsReads() {
        return true;
    }

    @Override
    public PageAccess forProcess(long pid) throws IOException {
        PagemapReader pagemap = new PagemapReader(pid, pageSize);
        try {
            return new Virtual(pagemap, openBitmap(), pid);
        } catch (IOException | RuntimeException e) {
            pagemap.close();
            throw e;
        }
    }

    @Override
    public PageAccess forPhysical() throws IOException {
        return new Physical(openBitmap(), Long.numberOfTrailingZeros(pageSize));
    }

    static FileChannel openBitmap() throws IOException {
        try {
            return FileChannel.open(BITMAP, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            throw new LinuxSupportException(BITMAP + " is missing: this kernel lacks idle page tracking"
                    + " (CONFIG_IDLE_PAGE_TRACKING)");
        } catch (AccessDeniedException e) {
            throw new LinuxSupportException("cannot open " + BITMAP + " for reading and writing: needs root", e);
        }
    }

    /** Reads and writes single 64-bit words of the bitmap; a frame's bit is {@code pfn % 64} of word {@code pfn / 64}. */
    static final class Bitmap {
        private final FileChannel channel;
        private final ByteBuffer word = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());

        Bitmap(FileChannel channel) {
            this.channel = channel;
        }

        void markIdle(long pfn) throws IOException {
            word.clear();
            word.putLong(0, 1L << (pfn & 63));
            channel.write(word, (pfn >>> 6) * 8);
        }

        boolean idle(long pfn) throws IOException {
            word.clear();
            if (channel.read(word, (pfn >>> 6) * 8) != 8) {
                return false;
            }
            return (word.getLong(0) & (1L << (pfn & 63))) != 0;
        }

        void close() throws IOException {
            channel.close();
        }
    }

    private static final class Virtual implements PageAccess {
        private final PagemapReader pagemap;
        private final Bitmap bitmap;
        private final long pid;
        private long[] entries = new long[64];

        Virtual(PagemapReader pagemap, FileChannel bitmap, long pid) {
            this.pagemap = pagemap;
            this.bitmap = new Bitmap(bitmap);
            this.pid = pid;
        }

        private long[] readEntries(long[] addrs, int n) throws IOException {
            if (entries.length < n) {
                entries = new long[Math.max(n, entries.length * 2)];
            }
            pagemap.read(addrs, n, entries);
            return entries;
        }

        @Override
        public void prepare(long[] addrs, int n) throws IOException {
            long[] e = readEntries(addrs, n);
            for (int i = 0; i < n; i++) {
                if (PagemapEntry.present(e[i])) {
                    long pfn = PagemapEntry.pfn(e[i]);
                    if (pfn == 0) {
                        throw new LinuxSupportException("/proc/" + pid + "/pagemap hides page frame numbers:"
                                + " page-idle tracking needs CAP_SYS_ADMIN");
                    }
                    bitmap.markIdle(pfn);
                }
            }
        }

        @Override
        public void check(long[] addrs, int n, boolean[] accessed) throws IOException {
            long[] e = readEntries(addrs, n);
            for (int i = 0; i < n; i++) {
                accessed[i] = PagemapEntry.present(e[i]) && !bitmap.idle(PagemapEntry.pfn(e[i]));
            }
        }

        @Override
        public void close() throws IOException {
            try {
                pagemap.close();
            } finally {
                bitmap.close();
            }
        }
    }

    private static final class Physical implements PageAccess {
        private final Bitmap bitmap;
        private final int pageShift;

        Physical(FileChannel bitmap, int pageShift) {
            this.bitmap = new Bitmap(bitmap);
            this.pageShift = pageShift;
        }

        @Override
        public void prepare(long[] addrs, int n) throws IOException {
            for (int i = 0; i < n; i++) {
                bitmap.markIdle(addrs[i] >>> pageShift);
            }
        }

        @Override
        public void check(long[] addrs, int n, boolean[] accessed) throws IOException {
            for (int i = 0; i < n; i++) {
                accessed[i] = !bitmap.idle(addrs[i] >>> pageShift);
            }
        }

        @Override
        public void close() throws IOException {
            bitmap.close();
        }
    }
}
