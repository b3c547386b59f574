package org.jdamon.ops.linux.syscall;

import java.io.Closeable;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Locale;

/**
 * Gives a live process memory advice from outside: {@code pidfd_open} once, then
 * {@code process_madvise} per range (the DAMOS actions {@code willneed}, {@code cold}, {@code pageout},
 * {@code collapse}; design §8.2). Failures name what is missing: CAP_SYS_NICE for another process's
 * memory, ptrace read access to it, or kernel support for the advice.
 */
public final class ProcessMadvise implements Closeable {
    /** The DAMOS actions {@code process_madvise} accepts, with their advice values. */
    public enum Action {
        WILLNEED(Syscalls.MADV_WILLNEED),
        COLD(Syscalls.MADV_COLD),
        PAGEOUT(Syscalls.MADV_PAGEOUT),
        COLLAPSE(Syscalls.MADV_COLLAPSE);

        private final int advice;

        Action(int advice) {
            this.advice = advice;
        }

        public int advice() {
            return advice;
        }

        /** The DAMOS keyword: {@code willneed}, {@code cold}, {@code pageout}, {@code collapse}. */
        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The action for a DAMOS keyword, or null when process_madvise cannot do it. */
        public static Action of(String keyword) {
            for (Action a : values()) {
                if (a.keyword().equals(keyword)) {
                    return a;
                }
            }
            return null;
        }
    }

    private final long pid;
    private final int pidfd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment iovec = arena.allocate(16, 8);

    private ProcessMadvise(long pid, int pidfd) {
        this.pid = pid;
        this.pidfd = pidfd;
    }

    /** Opens a pidfd for {@code pid}; {@link TargetGoneException}-like failure when there is none. */
    public static ProcessMadvise open(long pid) {
        int fd = Syscalls.pidfdOpen(pid);
        if (fd < 0) {
            int errno = -fd;
            String hint = switch (errno) {
                case Syscalls.ESRCH -> "no process with pid " + pid;
                case Syscalls.ENOSYS -> "the kernel lacks pidfd_open (Linux 5.3+)";
                default -> null;
            };
            throw new NativeCallException("pidfd_open(" + pid + ")", errno, hint);
        }
        return new ProcessMadvise(pid, fd);
    }

    public long pid() {
        return pid;
    }

    /**
     * Advises {@code [start, start + length)}. Returns the bytes advised; 0 when part of the range is not
     * mapped ({@code ENOMEM}) or is a mapping the advice does not apply to ({@code EINVAL} for locked,
     * PFN-map or hugetlb areas such as {@code [vvar]}) — the advice still reached the mappings before it,
     * as with the kernel's vaddr DAMOS, which counts such a region as 0 bytes — or the kernel could not
     * act right now ({@code EAGAIN}). Throws {@link NativeCallException} for everything
     * that will not get better by retrying, saying what is missing.
     */
    public long apply(long start, long length, Action action) {
        iovec.set(ValueLayout.JAVA_LONG, 0, start);
        iovec.set(ValueLayout.JAVA_LONG, 8, length);
        long rc = Syscalls.processMadvise(pidfd, iovec, 1, action.advice());
        if (rc >= 0) {
            return rc;
        }
        int errno = (int) -rc;
        if (errno == Syscalls.ENOMEM || errno == Syscalls.EAGAIN
                || errno == Syscalls.EINVAL && (start & 4095) == 0 && kernelAccepts(action)) {
            return 0;
        }
        throw new NativeCallException("process_madvise(pid " + pid + ", " + action.keyword() + ", 0x"
                + Long.toHexString(start) + "+" + length + ")", errno,
                explain(errno, action, pid, pid == ProcessHandle.current().pid()));
    }

    private static final Boolean[] ACCEPTED = new Boolean[Action.values().length];

    /**
     * Whether this kernel takes {@code action} through process_madvise at all: tried once on a page of
     * this JVM, so an {@code EINVAL} on a target's range can be told apart from missing kernel support.
     */
    public static synchronized boolean kernelAccepts(Action action) {
        Boolean known = ACCEPTED[action.ordinal()];
        if (known == null) {
            // A 2 MiB-aligned 2 MiB range: collapse rejects ranges that cannot hold a huge page.
            long huge = 2L << 20;
            java.lang.foreign.MemorySegment m = Syscalls.mmapAnonymous(2 * huge);
            try (ProcessMadvise self = open(ProcessHandle.current().pid())) {
                long start = (m.address() + huge - 1) & -huge;
                m.set(ValueLayout.JAVA_BYTE, start - m.address(), (byte) 1);
                self.iovec.set(ValueLayout.JAVA_LONG, 0, start);
                self.iovec.set(ValueLayout.JAVA_LONG, 8, huge);
                known = Syscalls.processMadvise(self.pidfd, self.iovec, 1, action.advice()) != -Syscalls.EINVAL;
            } finally {
                Syscalls.munmap(m);
            }
            ACCEPTED[action.ordinal()] = known;
        }
        return known;
    }

    /** What an errno of process_madvise means for the user: the missing capability or kernel feature. */
    public static String explain(int errno, Action action, long pid, boolean self) {
        return switch (errno) {
            case Syscalls.EPERM -> self ? null : "advising another process's memory needs CAP_SYS_NICE";
            case Syscalls.EACCES -> "needs ptrace read access to process " + pid + " (PTRACE_MODE_READ_FSCREDS:"
                    + " same user and ptrace_scope allowing it, or CAP_SYS_PTRACE)";
            case Syscalls.ESRCH -> "process " + pid + " exited";
            case Syscalls.ENOSYS -> "the kernel lacks process_madvise (Linux 5.10+)";
            case Syscalls.EINVAL -> action == Action.COLLAPSE
                    ? "this kernel does not accept MADV_COLLAPSE through process_madvise (Linux 6.1+ with THP)"
                    : "this kernel does not accept " + action.keyword() + " through process_madvise"
                            + " (cold/pageout: 5.10+, willneed: 5.10+) or the range is not page aligned";
            default -> null;
        };
    }

    @Override
    public void close() {
        Syscalls.close(pidfd);
        arena.close();
    }
}
