package org.jdamon.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.jdamon.core.Attributes;
import org.jdamon.core.Units;
import org.jdamon.eval.EvalReport;
import org.jdamon.eval.EvalRun;
import org.jdamon.eval.EvalThresholds;
import org.jdamon.ops.trace.BinaryTraceWriter;
import org.jdamon.ops.trace.TraceInput;
import org.jdamon.ops.trace.TraceOptions;
import org.jdamon.ops.trace.TraceReader;
import org.jdamon.session.Evaluation;

/**
 * The trace benchmarks ({@code jdamon bench trace}): Lackey lines parsed per second from a file, binary
 * records decoded per second, and a whole {@code eval} (DAMON plus the page-granular baseline) over a
 * 100-million-access trace with its wall time and peak memory. The traces are synthetic but shaped like a
 * program: straight-line code, a small stack, a hot random-access heap array, a streamed array and a large
 * array touched once at start.
 */
public final class TraceBench {
    private static final long CODE = 0x0040_0000L;
    private static final long STACK = 0x7ffd_f000_0000L;
    private static final long HOT = 0x5555_6000_0000L;
    private static final long HOT_SIZE = 4L << 20;
    private static final long STREAM = 0x7f12_0000_0000L;
    private static final long STREAM_SIZE = 64L << 20;
    private static final long COLD = 0x7f13_0000_0000L;
    private static final long COLD_SIZE = 256L << 20;

    private TraceBench() {}

    public static void run(Path dir, long lines, long evalAccesses, PrintWriter out)
            throws IOException, InterruptedException {
        Path d = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("jdamon-bench");
        out.printf("cores: %d, java %s%n", Runtime.getRuntime().availableProcessors(), Runtime.version());
        if (lines > 0) {
            Path text = d.resolve("bench.lackey");
            long t0 = System.nanoTime();
            writeLackey(text, lines, 1);
            out.flush();
            out.printf("generated %,d Lackey lines (%s) in %.1f s%n", lines, Units.formatSize(Files.size(text)),
                    (System.nanoTime() - t0) / 1e9);
            Rate parse = measure(3, () -> drain(TraceInput.open(text.toString())));
            out.printf("lackey text parse: %,.0f lines/s wall, %,.0f lines/s of CPU time (best of 3)%n",
                    parse.perWallSecond, parse.perCpuSecond);
            Path bin = d.resolve("bench.jdtrace");
            try (TraceReader r = TraceInput.open(text.toString());
                    BinaryTraceWriter w = new BinaryTraceWriter(
                            new BufferedOutputStream(Files.newOutputStream(bin), 1 << 16))) {
                w.copyFrom(r);
            }
            out.printf("binary trace: %s (%.2f bytes/record)%n", Units.formatSize(Files.size(bin)),
                    (double) Files.size(bin) / lines);
            Rate decode = measure(15, () -> drain(TraceInput.open(bin.toString())));
            out.printf("binary decode: %,.0f accesses/s wall, %,.0f accesses/s of CPU time (best of 15)%n",
                    decode.perWallSecond, decode.perCpuSecond);
            Files.delete(text);
            Files.delete(bin);
        }
        if (evalAccesses > 0) {
            Path bin = d.resolve("eval.jdtrace");
            long t0 = System.nanoTime();
            writeDataOnlyBinary(bin, evalAccesses, 2);
            out.printf("generated a %,d-access data-only trace (%s) in %.1f s%n", evalAccesses,
                    Units.formatSize(Files.size(bin)), (System.nanoTime() - t0) / 1e9);
            resetPeaks();
            TraceOptions opts = TraceOptions.DEFAULTS.withAccessesPerUs(10);
            Attributes attrs = Attributes.DAMO_DEFAULTS;
            long t = System.nanoTime();
            long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            List<EvalRun> runs = Evaluation.trace(() -> TraceInput.open(bin.toString()), opts, attrs, 42,
                    EvalThresholds.DEFAULTS, null, true);
            double wall = (System.nanoTime() - t) / 1e9;
            double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9;
            out.printf("eval (damon + page-granular, 10 accesses/us, default attributes): %.1f s wall, %.1f s CPU, "
                    + "peak heap used %s, peak RSS %s%n", wall, cpu, Units.formatSize(peakHeapUsed()), peakRss());
            out.print(EvalReport.text(bin.toString(), runs, false));
            Files.delete(bin);
        }
        out.flush();
        if (dir == null) {
            Files.deleteIfExists(d);
        }
    }

    private record Rate(double perWallSecond, double perCpuSecond) {}

    private interface Job {
        long run();
    }

    /**
     * Best of {@code times} runs, by wall clock and by the thread's CPU time: on a shared machine the CPU
     * figure is what the code achieves, the wall figure what the machine gave it.
     */
    private static Rate measure(int times, Job job) {
        var threads = ManagementFactory.getThreadMXBean();
        double wall = 0;
        double cpu = 0;
        for (int i = 0; i < times; i++) {
            long t = System.nanoTime();
            long c = threads.getCurrentThreadCpuTime();
            long n = job.run();
            wall = Math.max(wall, n / ((System.nanoTime() - t) / 1e9));
            cpu = Math.max(cpu, n / ((threads.getCurrentThreadCpuTime() - c) / 1e9));
        }
        return new Rate(wall, cpu);
    }

    private static long drain(TraceReader r) {
        long[] a = new long[1 << 14];
        int[] info = new int[1 << 14];
        long n = 0;
        int got;
        try (r) {
            while ((got = r.read(a, info)) > 0) {
                n += got;
            }
        }
        return n;
    }

    /** One synthetic access: the generator's state between calls. */
    private static final class Shape {
        final SplittableRandom rnd;
        long pc = CODE;
        long streamPos;
        long coldPos;

        Shape(long seed) {
            this.rnd = new SplittableRandom(seed);
        }

        /** Next data address: a third stack, a third hot array, the rest streaming, cold array at start. */
        long nextData() {
            if (coldPos < COLD_SIZE) {
                long a = COLD + coldPos;
                coldPos += 4096;
                return a;
            }
            int k = rnd.nextInt(3);
            if (k == 0) {
                return STACK + (rnd.nextInt(2048) << 3);
            }
            if (k == 1) {
                return HOT + (rnd.nextLong(HOT_SIZE >>> 3) << 3);
            }
            long a = STREAM + streamPos;
            streamPos = (streamPos + 64) % STREAM_SIZE;
            return a;
        }

        long nextPc() {
            long a = pc;
            pc = rnd.nextInt(16) == 0 ? CODE + (rnd.nextInt(4096) << 4) : pc + 4;
            return a;
        }
    }

    /** Writes {@code lines} Lackey lines: instructions with a data access after about 40% of them. */
    static void writeLackey(Path path, long lines, long seed) throws IOException {
        Shape s = new Shape(seed);
        try (OutputStream os = Files.newOutputStream(path)) {
            byte[] buf = new byte[1 << 20];
            int n = 0;
            for (long i = 0; i < lines; i++) {
                if (n > buf.length - 40) {
                    os.write(buf, 0, n);
                    n = 0;
                }
                boolean data = i % 5 == 1 || i % 5 == 3;
                if (data) {
                    buf[n++] = ' ';
                    buf[n++] = (byte) (i % 10 == 3 ? 'S' : i % 10 == 1 ? 'L' : 'M');
                    buf[n++] = ' ';
                    n = hex(buf, n, s.nextData(), 8);
                    buf[n++] = ',';
                    buf[n++] = '8';
                } else {
                    buf[n++] = 'I';
                    buf[n++] = ' ';
                    buf[n++] = ' ';
                    n = hex(buf, n, s.nextPc(), 8);
                    buf[n++] = ',';
                    buf[n++] = '4';
                }
                buf[n++] = '\n';
            }
            os.write(buf, 0, n);
        }
    }

    /** Writes {@code accesses} data records (no instructions) in the binary format. */
    static void writeDataOnlyBinary(Path path, long accesses, long seed) throws IOException {
        Shape s = new Shape(seed);
        try (BinaryTraceWriter w = new BinaryTraceWriter(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16))) {
            for (long i = 0; i < accesses; i++) {
                w.write(i % 3 == 0 ? TraceReader.KIND_STORE : TraceReader.KIND_LOAD, s.nextData(), 8);
            }
        }
    }

    private static final byte[] DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Lower-case hex of {@code v}, zero-padded to at least {@code minDigits} like Lackey's {@code %08lx}. */
    private static int hex(byte[] b, int n, long v, int minDigits) {
        int digits = Math.max(minDigits, (67 - Long.numberOfLeadingZeros(v | 1)) / 4);
        for (int i = digits - 1; i >= 0; i--) {
            b[n + i] = DIGITS[(int) (v & 0xf)];
            v >>>= 4;
        }
        return n + digits;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
    }

    private static long peakHeapUsed() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static String peakRss() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) {
                    return l.substring(6).trim();
                }
            }
        } catch (IOException ignored) {
            // not Linux: no RSS figure
        }
        return "n/a";
    }
}
