package org.jdamon.ops.linux.access;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jdamon.ops.linux.syscall.LinuxSupportException;
import org.jdamon.ops.linux.syscall.TargetGoneException;

/**
 * Reads {@code /proc/PID/pagemap} entries for batches of virtual addresses. Sorted addresses whose pages
 * lie within {@link #SPAN_PAGES} of each other are fetched with one {@code pread}, into one reused direct
 * buffer: no allocation per sample.
 *
 * <p>The file is bound to the address space that existed when it was opened: after the process
 * {@code exec}s, reads return nothing. The reader then reopens the file once while the process lives.
 */
public final class PagemapReader implements Closeable {
    /** Largest page span read at once: 64 entries = 512 bytes, one page-table walk of 256 KiB. */
    static final int SPAN_PAGES = 64;

    private final long pid;
    private final Path path;
    private final long pageShift;
    private final ByteBuffer buf =
            ByteBuffer.allocateDirect(SPAN_PAGES * PagemapEntry.BYTES).order(ByteOrder.nativeOrder());
    private FileChannel channel;
    private long preads;

    /** {@code pid} as a number, or {@code -1} for {@code /proc/self}. */
    public PagemapReader(long pid, long pageSize) throws IOException {
        this.pid = pid;
        this.path = Path.of("/proc", pid < 0 ? "self" : Long.toString(pid), "pagemap");
        this.pageShift = Long.numberOfTrailingZeros(pageSize);
        this.channel = open(path, pid);
    }

    static FileChannel open(Path path, long pid) throws IOException {
        try {
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new TargetGoneException("no process with pid " + pid);
        } catch (AccessDeniedException e) {
            throw new LinuxSupportException("cannot read " + path + ": needs ptrace read access to process " + pid
                    + " (same user and ptrace allowed by /proc/sys/kernel/yama/ptrace_scope, or CAP_SYS_PTRACE)", e);
        } catch (FileSystemException e) {
            if (noSuchProcess(e)) {
                throw new TargetGoneException("process " + pid + " exited");
            }
            throw e;
        }
    }

    /** ESRCH from a /proc file of a process that is exiting or a zombie. */
    static boolean noSuchProcess(IOException e) {
        return e.getMessage() != null && e.getMessage().contains("No such process");
    }


    /** Fills {@code entries[i]} with the pagemap entry of {@code addrs[i]}'s page, for i in [0, n). */
    public void read(long[] addrs, int n, long[] entries) throws IOException {
        int i = 0;
        while (i < n) {
            long first = addrs[i] >>> pageShift;
            int j = i + 1;
            while (j < n) {
                long p = addrs[j] >>> pageShift;
                if (p < first || p - first >= SPAN_PAGES) {
                    break;
                }
                j++;
            }
            long last = addrs[i] >>> pageShift;
            for (int k = i + 1; k < j; k++) {
                last = Math.max(last, addrs[k] >>> pageShift);
            }
            int count = (int) (last - first + 1);
            fill(first, count);
            for (int k = i; k < j; k++) {
                entries[k] = buf.getLong((int) ((addrs[k] >>> pageShift) - first) * PagemapEntry.BYTES);
            }
            i = j;
        }
    }

    private void fill(long firstPage, int count) throws IOException {
        int bytes = count * PagemapEntry.BYTES;
        if (readFully(firstPage, bytes)) {
            return;
        }
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && pid >= 0) {
            throw new TargetGoneException("process " + pid + " exited");
        }
        channel.close();
        channel = open(path, pid);
        if (!readFully(firstPage, bytes)) {
            throw new TargetGoneException("process " + pid + " has no address space any more");
        }
    }

    private boolean readFully(long firstPage, int bytes) throws IOException {
        buf.clear().limit(bytes);
        long pos = firstPage * PagemapEntry.BYTES;
        try {
            while (buf.hasRemaining()) {
                preads++;
                int r = channel.read(buf, pos + buf.position());
                if (r <= 0) {
                    return false;
                }
            }
        } catch (IOException e) {
            if (noSuchProcess(e)) {
                return false;
            }
            throw e;
        }
        return true;
    }

    /** Number of {@code pread} calls so far (for benchmarks). */
    public long preads() {
        return preads;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
