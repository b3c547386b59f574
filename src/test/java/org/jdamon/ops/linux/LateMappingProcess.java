package org.jdamon.ops.linux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdamon.core.AddressRange;
import org.jdamon.core.AggregationListener;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Regions;

/**
 * The late-mapping C program (test resource {@code late_mapping.c}) compiled and started: it maps its
 * buffer after a delay and prints the buffer's range, which a reader thread picks up. {@link Watch}
 * notes, at every aggregation, whether the regions cover the buffer and how much of it looks accessed.
 */
public final class LateMappingProcess implements AutoCloseable {
    private final Process process;
    private volatile AddressRange buffer;
    private volatile long mappedAtNs = -1;

    private LateMappingProcess(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().name("late-mapping-reader").start(this::readRange);
    }

    /** Compiles the program into {@code dir} with {@code cc}; null when there is no C compiler. */
    public static Path compile(Path dir) throws IOException, InterruptedException {
        String cc = onPath("cc") ? "cc" : onPath("gcc") ? "gcc" : null;
        if (cc == null) {
            return null;
        }
        Path src = dir.resolve("late_mapping.c");
        try (InputStream in = LateMappingProcess.class.getResourceAsStream("late_mapping.c")) {
            Files.write(src, in.readAllBytes());
        }
        Path bin = dir.resolve("late_mapping");
        Process p = new ProcessBuilder(cc, "-O1", "-o", bin.toString(), src.toString()).redirectErrorStream(true)
                .start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(cc + " failed: " + log);
        }
        return bin;
    }

    private static boolean onPath(String exe) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, exe))) {
                return true;
            }
        }
        return false;
    }

    public static LateMappingProcess start(Path bin, long delayMs, long bufferMib, long runMs) throws IOException {
        return new LateMappingProcess(new ProcessBuilder(bin.toString(), Long.toString(delayMs),
                Long.toString(bufferMib), Long.toString(runMs)).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    private void readRange() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.US_ASCII))) {
            String line = r.readLine();
            if (line != null) {
                String[] p = line.trim().split(" ");
                buffer = new AddressRange(Long.parseUnsignedLong(p[0], 16), Long.parseUnsignedLong(p[1], 16));
                mappedAtNs = System.nanoTime();
            }
        } catch (IOException e) {
            // the process died: buffer stays null and the test says so
        }
    }

    public long pid() {
        return process.pid();
    }

    /** The buffer's range once the process has mapped it, else null. */
    public AddressRange buffer() {
        return buffer;
    }

    /** {@link System#nanoTime} when the range was read, or -1. */
    public long mappedAtNs() {
        return mappedAtNs;
    }

    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    /** At every aggregation: is the buffer inside the regions yet, and how many of its bytes look accessed. */
    public static final class Watch implements AggregationListener {
        private final LateMappingProcess process;
        /** Whether the regions covered the buffer's range before it was mapped (must not). */
        public volatile boolean coveredBeforeMapping;
        /** {@link System#nanoTime} of the first aggregation whose regions cover the buffer, or -1. */
        public volatile long coveredAtNs = -1;
        /** Bytes of the buffer in regions with nr_accesses > 0, at the last aggregation. */
        public volatile long accessedBufferBytes;
        /** The largest such value over all aggregations. */
        public volatile long maxAccessedBufferBytes;
        private AddressRange initialSpan;

        public Watch(LateMappingProcess process) {
            this.process = process;
        }

        @Override
        public void afterAggregation(MonitorContext ctx, long windowStartNs, long windowEndNs) {
            Regions r = ctx.targets().getFirst().regions();
            if (r.size() == 0) {
                return;
            }
            AddressRange b = process.buffer();
            if (b == null) {
                initialSpan = new AddressRange(r.start(0), r.end(r.size() - 1));
                return;
            }
            long covered = 0;
            long accessed = 0;
            for (int i = 0; i < r.size(); i++) {
                long s = Math.max(r.start(i), b.start());
                long e = Math.min(r.end(i), b.end());
                if (s < e) {
                    covered += e - s;
                    if (r.nrAccesses(i) > 0) {
                        accessed += e - s;
                    }
                }
            }
            if (coveredAtNs < 0 && covered == b.size()) {
                coveredAtNs = System.nanoTime();
            }
            if (initialSpan != null && initialSpan.start() <= b.start() && b.end() <= initialSpan.end()) {
                coveredBeforeMapping = true;
            }
            accessedBufferBytes = accessed;
            maxAccessedBufferBytes = Math.max(maxAccessedBufferBytes, accessed);
        }
    }
}
