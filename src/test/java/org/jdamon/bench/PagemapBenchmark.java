package org.jdamon.bench;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jdamon.ops.linux.access.PagemapReader;
import org.jdamon.ops.linux.syscall.Syscalls;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The user-space vaddr engine's kernel-facing cost per sample, on this JVM's own memory: pagemap
 * entries for one sampled address per region (what both page-idle and soft-dirty read), for regions
 * spread over 1 GiB (one pread each) or packed into 64-page spans (one pread per span), and one
 * {@code clear_refs} write (soft-dirty's per-sample reset of the whole process). Divide by
 * {@code regions} for the cost per sampled page.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PagemapBenchmark {
    @Param({"1000"})
    int regions;

    private MemorySegment mapping;
    private PagemapReader reader;
    private FileChannel clearRefs;
    private final ByteBuffer four = ByteBuffer.allocateDirect(1);
    private long[] spread;
    private long[] packed;
    private long[] entries;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        long page = Syscalls.pageSize();
        long size = 1L << 30;
        mapping = Syscalls.mmapAnonymous(size);
        for (long off = 0; off < size; off += page * 4) {
            mapping.set(ValueLayout.JAVA_BYTE, off, (byte) 1); // a quarter of the pages present
        }
        reader = new PagemapReader(-1, page);
        clearRefs = FileChannel.open(Path.of("/proc/self/clear_refs"), StandardOpenOption.WRITE);
        SplittableRandom rnd = new SplittableRandom(1);
        spread = new long[regions];
        packed = new long[regions];
        long slice = size / regions;
        for (int i = 0; i < regions; i++) {
            spread[i] = mapping.address() + i * slice + rnd.nextLong(slice);
            packed[i] = mapping.address() + (long) i * page + rnd.nextLong(page);
        }
        entries = new long[regions];
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        reader.close();
        clearRefs.close();
        Syscalls.munmap(mapping);
    }

    @Benchmark
    public long pagemapSpread() throws IOException {
        reader.read(spread, regions, entries);
        return entries[regions - 1];
    }

    @Benchmark
    public long pagemapPacked() throws IOException {
        reader.read(packed, regions, entries);
        return entries[regions - 1];
    }

    @Benchmark
    public int clearRefsSoftDirty() throws IOException {
        four.clear();
        four.put(0, (byte) '4');
        return clearRefs.write(four);
    }
}
