package org.jdamon.ops.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * A small real workload for the VM tests, until {@code jdamon workload run} is available: maps a cold
 * and a hot anonymous buffer (each 2 MiB-aligned, so THP does not blur their edges), writes every page
 * of both once, prints {@code ready HOT_START HOT_END COLD_START COLD_END} (hex), then keeps writing the
 * hot buffer with a 4 KiB stride for the given seconds and prints {@code accesses_per_ms N} at the end.
 *
 * <p>Usage: {@code HotColdWorkload HOT_MIB COLD_MIB SECONDS}
 */
public final class HotColdWorkload {
    private static final long PAGE = 4096;
    private static final long HUGE = 2L << 20;

    private HotColdWorkload() {}

    public static void main(String[] args) throws Throwable {
        long hot = Long.parseLong(args[0]) << 20;
        long cold = Long.parseLong(args[1]) << 20;
        long seconds = Long.parseLong(args[2]);
        MemorySegment coldSeg = mapAligned(cold);
        MemorySegment hotSeg = mapAligned(hot);
        touch(coldSeg);
        touch(hotSeg);
        System.out.printf("ready %x %x %x %x%n", hotSeg.address(), hotSeg.address() + hot,
                coldSeg.address(), coldSeg.address() + cold);
        System.out.flush();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        long accesses = 0;
        byte v = 0;
        while (System.nanoTime() < end) {
            v++;
            for (long off = 0; off < hot; off += PAGE) {
                hotSeg.set(ValueLayout.JAVA_BYTE, off, v);
            }
            accesses += hot / PAGE;
        }
        double ms = (System.nanoTime() - start) / 1e6;
        System.out.printf("accesses_per_ms %.1f%n", accesses / ms);
    }

    private static void touch(MemorySegment s) {
        for (long off = 0; off < s.byteSize(); off += PAGE) {
            s.set(ValueLayout.JAVA_BYTE, off, (byte) 1);
        }
    }

    private static MemorySegment mapAligned(long size) throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle mmap = linker.downcallHandle(linker.defaultLookup().find("mmap").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
        MethodHandle munmap = linker.downcallHandle(linker.defaultLookup().find("munmap").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
        MemorySegment raw = (MemorySegment) mmap.invokeExact(MemorySegment.NULL, size + HUGE, 3, 0x22, -1, 0L);
        if (raw.address() == -1L) {
            throw new IllegalStateException("mmap of " + size + " bytes failed");
        }
        long start = (raw.address() + HUGE - 1) & -HUGE;
        long head = start - raw.address();
        if (head > 0) {
            int rc = (int) munmap.invokeExact(raw, head);
        }
        long tail = HUGE - head;
        if (tail > 0) {
            int rc = (int) munmap.invokeExact(MemorySegment.ofAddress(start + size), tail);
        }
        return MemorySegment.ofAddress(start).reinterpret(size, Arena.global(), null);
    }
}
