package org.jdamon.ops.linux.syscall;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few libc calls and raw Linux syscalls jdamon needs, bound through FFM (java-stack.md §1.3). Each
 * call returns the kernel's result or {@code -errno}, so callers decide what an error means; {@link
 * #errorName} and {@link #strerror} turn an errno into words.
 */
public final class Syscalls {
    public static final int PROT_READ = 0x1;
    public static final int PROT_WRITE = 0x2;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_ANONYMOUS = 0x20;

    public static final int MADV_WILLNEED = 3;
    public static final int MADV_COLD = 20;
    public static final int MADV_PAGEOUT = 21;
    public static final int MADV_COLLAPSE = 25;

    public static final int EPERM = 1;
    public static final int ESRCH = 3;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EINVAL = 22;
    public static final int ENOSYS = 38;

    private static final long SYS_PIDFD_OPEN = 434;
    private static final long SYS_PROCESS_MADVISE = 440;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final MethodHandle MMAP = bind("mmap", FunctionDescriptor.of(ValueLayout.ADDRESS,
            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG), CAPTURE_ERRNO);
    private static final MethodHandle MUNMAP = bind("munmap",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG), CAPTURE_ERRNO);
    private static final MethodHandle MADVISE = bind("madvise", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle MINCORE = bind("mincore", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS), CAPTURE_ERRNO);
    private static final MethodHandle CLOSE =
            bind("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), CAPTURE_ERRNO);
    private static final MethodHandle STRERROR =
            bind("strerror", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle GETPAGESIZE =
            bind("getpagesize", FunctionDescriptor.of(ValueLayout.JAVA_INT));
    private static final MethodHandle SYSCALL2 = bind("syscall", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
            Linker.Option.firstVariadicArg(1), CAPTURE_ERRNO);
    private static final MethodHandle SYSCALL5 = bind("syscall", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), Linker.Option.firstVariadicArg(1), CAPTURE_ERRNO);

    private Syscalls() {}

    private static MethodHandle bind(String name, FunctionDescriptor fd, Linker.Option... options) {
        MemorySegment symbol = LIBC.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return LINKER.downcallHandle(symbol, fd, options);
    }

    private static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    /**
     * Maps {@code length} bytes of private anonymous read-write memory. Returns the mapping as a segment
     * of that length; throws {@link NativeCallException} with errno on failure.
     */
    public static MemorySegment mmapAnonymous(long length) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cap = arena.allocate(CAPTURE);
            MemorySegment addr = (MemorySegment) MMAP.invokeExact(cap, MemorySegment.NULL, length,
                    PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0L);
            if (addr.address() == -1L) {
                throw new NativeCallException("mmap of " + length + " bytes", errno(cap));
            }
            return addr.reinterpret(length);
        } catch (NativeCallException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("mmap call failed", t);
        }
    }

    /** {@code munmap}; returns 0 or {@code -errno}. */
    public static int munmap(MemorySegment mapping) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cap = arena.allocate(CAPTURE);
            int rc = (int) MUNMAP.invokeExact(cap, mapping, mapping.byteSize());
            return rc == 0 ? 0 : -errno(cap);
        } catch (Throwable t) {
            throw new IllegalStateException("munmap call failed", t);
        }
    }

    /** {@code madvise} on own memory; returns 0 or {@code -errno}. */
    public static int madvise(MemorySegment range, int advice) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cap = arena.allocate(CAPTURE);
            int rc = (int) MADVISE.invokeExact(cap, range, range.byteSize(), advice);
            return rc == 0 ? 0 : -errno(cap);
        } catch (Throwable t) {
            throw new IllegalStateException("madvise call failed", t);
        }
    }

    /**
     * How many pages of a page-aligned own mapping are resident ({@code mincore}); {@code -errno} on
     * failure.
     */
    public static long residentPages(MemorySegment range, long pageSize) {
        long pages = (range.byteSize() + pageSize - 1) / pageSize;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cap = arena.allocate(CAPTURE);
            MemorySegment vec = arena.allocate(pages);
            int rc = (int) MINCORE.invokeExact(cap, range, range.byteSize(), vec);
            if (rc != 0) {
                return -errno(cap);
            }
            long resident = 0;
            for (long i = 0; i < pages; i++) {
                resident += vec.get(ValueLayout.JAVA_BYTE, i) & 1;
            }
            return resident;
        } catch (Throwable t) {
            throw new IllegalStateException("mincore call failed", t);
        }
    }

    /** {@code pidfd_open(pid, 0)}: a file descriptor for the process, or {@code -errno}. */
    public static int pidfdOpen(long pid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cap = arena.allocate(CAPTURE);
            long rc = (long) SYSCALL2.invokeExact(cap, SYS_PIDFD_OPEN, pid, 0L);
            return rc >= 0 ? (int) rc : -errno(cap);
        } catch (Throwable t) {
            throw new IllegalStateException("pidfd_open call failed", t);
        }
    }

    /**
     * {@code process_madvise(pidfd, iovec, count, advice, 0)}. {@code iovecs} holds {@code count} pairs of
     * (base, length) as native longs. Returns the bytes advised or {@code -errno}.
     */
    public static long processMadvise(int pidfd, MemorySegment iovecs, int count, int advice) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cap = arena.allocate(CAPTURE);
            long rc = (long) SYSCALL5.invokeExact(cap, SYS_PROCESS_MADVISE, (long) pidfd, iovecs,
                    (long) count, (long) advice, 0L);
            return rc >= 0 ? rc : -errno(cap);
        } catch (Throwable t) {
            throw new IllegalStateException("process_madvise call failed", t);
        }
    }

    /** {@code close(fd)}; returns 0 or {@code -errno}. */
    public static int close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cap = arena.allocate(CAPTURE);
            int rc = (int) CLOSE.invokeExact(cap, fd);
            return rc == 0 ? 0 : -errno(cap);
        } catch (Throwable t) {
            throw new IllegalStateException("close call failed", t);
        }
    }

    /** The base page size of this machine ({@code getpagesize}). */
    public static long pageSize() {
        try {
            return (int) GETPAGESIZE.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("getpagesize call failed", t);
        }
    }

    /** libc's message for an errno, e.g. "Operation not permitted". */
    public static String strerror(int errno) {
        try {
            MemorySegment msg = (MemorySegment) STRERROR.invokeExact(errno);
            return msg.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    /** The symbolic name of the errnos jdamon reacts to, else {@code errno N}. */
    public static String errorName(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM";
            case ESRCH -> "ESRCH";
            case EBADF -> "EBADF";
            case EAGAIN -> "EAGAIN";
            case ENOMEM -> "ENOMEM";
            case EACCES -> "EACCES";
            case EFAULT -> "EFAULT";
            case EINVAL -> "EINVAL";
            case ENOSYS -> "ENOSYS";
            default -> "errno " + errno;
        };
    }
}
