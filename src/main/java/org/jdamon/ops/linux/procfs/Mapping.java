package org.jdamon.ops.linux.procfs;

/**
 * One line of {@code /proc/PID/maps}: a virtual memory area {@code [start, end)} with its permissions
 * ({@code rwxp}/{@code rwxs}), file offset, device, inode and path or pseudo-name ({@code [heap]},
 * {@code [stack]}, {@code [vsyscall]}, empty for anonymous memory).
 */
public record Mapping(long start, long end, String perms, long offset, String device, long inode, String path) {
    public long size() {
        return end - start;
    }

    public boolean anonymous() {
        return inode == 0 && (path.isEmpty() || path.startsWith("[anon") || path.equals("[heap]")
                || path.equals("[stack]"));
    }

    /** The vsyscall page is shown in maps but is not a VMA of the process (the kernel's gate area). */
    public boolean gateArea() {
        return path.equals("[vsyscall]");
    }
}
