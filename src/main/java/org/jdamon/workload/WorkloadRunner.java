package org.jdamon.workload;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdamon.ops.linux.syscall.Syscalls;
import org.jdamon.ops.sim.MasimConfig;
import org.jdamon.ops.sim.MasimConfig.AccessMode;
import org.jdamon.ops.sim.MasimConfig.Pattern;
import org.jdamon.ops.sim.MasimConfig.Phase;
import org.jdamon.ops.sim.MasimConfig.Region;

/**
 * Runs a masim configuration for real, like masim does: every region is its own anonymous
 * {@code mmap} (off the Java heap, so its addresses are stable and visible in {@code /proc/PID/maps}),
 * and each phase, until its time is up, picks a pattern line by weight and performs
 * {@code accessesPerSelection} single-byte loads, stores or read-increment-stores on that region,
 * randomly or sequentially by stride (a sequential walk resumes where it stopped). Prints masim's line
 * per phase: {@code <name>: <accesses/msec> accesses/msec, <msecs> msecs run}.
 *
 * <p>The clock is checked every {@value #CHUNK} accesses, so a phase ends on time even where memory is
 * slow (an emulated VM makes a few accesses per microsecond).
 */
public final class WorkloadRunner implements AutoCloseable {
    /** masim's default {@code nr_accesses_per_region}. */
    public static final long DEFAULT_ACCESSES_PER_SELECTION = 128 * 1024;
    static final int CHUNK = 4096;
    private static final int WARM_UP_CALLS = 12_000;
    private static final int WARM_UP_ACCESSES_PER_CALL = 16;

    /** One phase's outcome. */
    public record PhaseResult(String name, long accesses, long elapsedNs) {
        public long elapsedMs() {
            return elapsedNs / 1_000_000;
        }

        /** Accesses per millisecond, as masim reports them. */
        public long accessesPerMs() {
            return elapsedNs == 0 ? 0 : accesses * 1_000_000 / elapsedNs;
        }

        public String masimLine() {
            return String.format(java.util.Locale.ROOT, "%s:\t%,20d accesses/msec, %d msecs run", name,
                    accessesPerMs(), elapsedMs());
        }
    }

    private final MasimConfig plan;
    private final long accessesPerSelection;
    private static final int WINDOW_SHIFT = 30;
    private static final long WINDOW_MASK = (1L << WINDOW_SHIFT) - 1;

    private final List<MemorySegment> mappings = new ArrayList<>();
    private final List<ByteBuffer[]> windows = new ArrayList<>();
    private final long[] lastOffsets;
    private long rng;
    private long sink;

    /** Maps every region (and loads its data file); unmapped again by {@link #close()}. */
    public WorkloadRunner(MasimConfig plan, long accessesPerSelection, long seed) throws IOException {
        this.plan = plan;
        this.accessesPerSelection = accessesPerSelection;
        this.rng = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
        int maxPatterns = 0;
        for (Phase p : plan.phases()) {
            maxPatterns = Math.max(maxPatterns, p.patterns().size());
        }
        this.lastOffsets = new long[maxPatterns];
        long page = Syscalls.pageSize();
        try {
            for (Region r : plan.regions()) {
                long mapped = (r.size() + page - 1) / page * page;
                MemorySegment m = Syscalls.mmapAnonymous(Math.max(mapped, page)).reinterpret(r.size());
                mappings.add(m);
                windows.add(windowsOf(m));
                if (r.dataFile() != null) {
                    load(m, Path.of(r.dataFile()));
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Runs every access loop on a small scratch mapping so the JIT compiles them before the first phase,
     * which then measures memory, not the interpreter (without it the first 200 ms made 60 accesses/ms here, against 20,000-40,000 later).
     */
    public void warmUp() {
        long page = Syscalls.pageSize();
        MemorySegment scratch = Syscalls.mmapAnonymous(16 * page);
        ByteBuffer[] scratchWindows = windowsOf(scratch);
        try {
            // Many short calls: the JIT counts invocations, so the loops compile after few accesses
            // (what matters in an emulated VM, where each interpreted access costs microseconds).
            for (int call = 0; call < WARM_UP_CALLS; call++) {
                for (AccessMode mode : AccessMode.values()) {
                    rng = randomAccesses(scratchWindows, scratch.byteSize(), mode, WARM_UP_ACCESSES_PER_CALL, rng);
                    sequentialAccesses(scratchWindows, scratch.byteSize(), mode, WARM_UP_ACCESSES_PER_CALL, call, 64);
                }
            }
        } finally {
            Syscalls.munmap(scratch);
        }
    }

    /** Fills the region from the file, repeating it when shorter (masim's initial data). */
    private static void load(MemorySegment region, Path file) throws IOException {
        if (file.toString().equals("/dev/zero")) {
            return; // anonymous memory already reads as zero; masim copies zeros in
        }
        try (FileChannel ch = FileChannel.open(file)) {
            long off = 0;
            long readThisPass = 0;
            while (off < region.byteSize()) {
                long n = Math.min(region.byteSize() - off, 1 << 20);
                int r = ch.read(region.asSlice(off, n).asByteBuffer());
                if (r > 0) {
                    off += r;
                    readThisPass += r;
                } else if (readThisPass == 0) {
                    throw new IOException("data file " + file + " is empty");
                } else {
                    ch.position(0);
                    readThisPass = 0;
                }
            }
        }
    }

    /** The mapped regions, in configuration order (their addresses are what a monitor should find). */
    public List<MemorySegment> regions() {
        return List.copyOf(mappings);
    }

    /** "region NAME: 0xSTART-0xEND (SIZE bytes)" lines, for --verbose. */
    public List<String> describeRegions() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < mappings.size(); i++) {
            MemorySegment m = mappings.get(i);
            out.add("region %s: 0x%x-0x%x (%d bytes)".formatted(plan.regions().get(i).name(), m.address(),
                    m.address() + m.byteSize(), m.byteSize()));
        }
        return out;
    }

    /** Runs every phase {@code repeat} times, printing masim's line per phase unless {@code out} is null. */
    public List<PhaseResult> run(int repeat, PrintWriter out, PrintWriter verbose) {
        List<PhaseResult> results = new ArrayList<>();
        for (int r = 0; r < repeat; r++) {
            for (Phase phase : plan.phases()) {
                if (verbose != null) {
                    verbose.printf("phase %s: start at %d ms since epoch%n", phase.name(), System.currentTimeMillis());
                    verbose.flush();
                }
                PhaseResult res = runPhase(phase);
                results.add(res);
                if (out != null) {
                    out.println(res.masimLine());
                    out.flush();
                }
            }
        }
        return results;
    }

    /** One phase: weighted pattern choice, then {@code accessesPerSelection} accesses, until time is up. */
    public PhaseResult runPhase(Phase phase) {
        List<Pattern> patterns = phase.patterns();
        int n = patterns.size();
        long[] cumulative = new long[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += patterns.get(i).weight();
            cumulative[i] = total;
            lastOffsets[i] = 0;
        }
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(phase.durationMs());
        long accesses = 0;
        long now = start;
        while (now < deadline) {
            int chosen = 0;
            if (total > 0) {
                long pick = Math.floorMod(nextRandom(), total);
                while (cumulative[chosen] <= pick) {
                    chosen++;
                }
            }
            Pattern p = patterns.get(chosen);
            for (long done = 0; done < accessesPerSelection && now < deadline; ) {
                int chunk = (int) Math.min(CHUNK, accessesPerSelection - done);
                access(p, chosen, chunk);
                done += chunk;
                accesses += chunk;
                now = System.nanoTime();
            }
        }
        return new PhaseResult(phase.name(), accesses, now - start);
    }

    private long nextRandom() {
        long x = rng;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        rng = x;
        return x;
    }

    private void access(Pattern p, int patternIndex, int count) {
        ByteBuffer[] w = windows.get(p.region());
        long size = mappings.get(p.region()).byteSize();
        if (p.random()) {
            rng = randomAccesses(w, size, p.mode(), count, rng);
        } else {
            lastOffsets[patternIndex] = sequentialAccesses(w, size, p.mode(), count, lastOffsets[patternIndex],
                    p.stride());
        }
    }

    /** A region as direct byte buffers of {@code 1 << WINDOW_SHIFT} bytes (the last one shorter). */
    private static ByteBuffer[] windowsOf(MemorySegment m) {
        int n = (int) ((m.byteSize() + WINDOW_MASK) >>> WINDOW_SHIFT);
        ByteBuffer[] w = new ByteBuffer[Math.max(n, 1)];
        for (int i = 0; i < w.length; i++) {
            long off = (long) i << WINDOW_SHIFT;
            w[i] = m.asSlice(off, Math.min(m.byteSize() - off, 1L << WINDOW_SHIFT)).asByteBuffer();
        }
        return w;
    }

    /** Uniform random offsets (xorshift64, mapped to [0, size) by a 128-bit multiply); returns the new state. */
    private long randomAccesses(ByteBuffer[] w, long size, AccessMode mode, int count, long state) {
        long x = state;
        long sum = 0;
        for (int i = 0; i < count; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            long off = Math.unsignedMultiplyHigh(x, size);
            sum += touch(w, off, mode);
        }
        sink += sum;
        return x;
    }

    /** A walk by {@code stride} wrapping at the end; returns where the next walk resumes. */
    private long sequentialAccesses(ByteBuffer[] w, long size, AccessMode mode, int count, long offset,
            long stride) {
        long off = offset;
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += touch(w, off, mode);
            off += stride;
            if (off >= size) {
                off %= size;
            }
        }
        sink += sum;
        return off;
    }

    /**
     * One access. Direct byte buffers rather than memory segment accessors: in the interpreter (before
     * the JIT, and for long in an emulated VM) they cost a fifth as much per access.
     */
    private static int touch(ByteBuffer[] w, long off, AccessMode mode) {
        ByteBuffer b = w[(int) (off >>> WINDOW_SHIFT)];
        int i = (int) (off & WINDOW_MASK);
        switch (mode) {
            case READ_ONLY -> {
                return b.get(i);
            }
            case WRITE_ONLY -> {
                b.put(i, (byte) 1);
                return 0;
            }
            default -> {
                byte v = b.get(i);
                b.put(i, (byte) (v + 1));
                return v;
            }
        }
    }

    /** The sum of every value read: consumed so the JIT keeps the loads. */
    public long checksum() {
        return sink;
    }

    @Override
    public void close() {
        for (MemorySegment m : mappings) {
            long page = Syscalls.pageSize();
            Syscalls.munmap(m.reinterpret(Math.max((m.byteSize() + page - 1) / page * page, page)));
        }
        mappings.clear();
        windows.clear();
    }
}
