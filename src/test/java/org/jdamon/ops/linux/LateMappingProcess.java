package org.jdamon.ops.linux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.jdamon.core.AddressRange;
import org.jdamon.core.AggregationListener;
import org.jdamon.core.MonitorContext;
import org.jdamon.core.Regions;

/**
 * The late-mapping C program (test resource {@code late_mapping.c}) compiled and started: it maps its
 * buffer when told to ({@link #mapNow}) and prints the buffer's range, which a reader thread picks up.
 * {@link Watch} tells it to at a given sample, notes when the regions come to cover the buffer and how
 * much of it looks accessed, and stops the monitor soon after.
 */
public final class LateMappingProcess implements AutoCloseable {
    private final Process process;
    private volatile AddressRange buffer;

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

    public static LateMappingProcess start(Path bin, long bufferMib, long runMs) throws IOException {
        return new LateMappingProcess(new ProcessBuilder(bin.toString(), Long.toString(bufferMib),
                Long.toString(runMs)).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /** Tells the process to map its buffer now. */
    public void mapNow() {
        try {
            process.getOutputStream().write('\n');
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("telling process " + process.pid() + " to map", e);
        }
    }

    private void readRange() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.US_ASCII))) {
            String line = r.readLine();
            if (line != null) {
                String[] p = line.trim().split(" ");
                buffer = new AddressRange(Long.parseUnsignedLong(p[0], 16), Long.parseUnsignedLong(p[1], 16));
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

    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    /**
     * Watches a monitor of the process, in sampling intervals (the unit of the core's ops-update
     * schedule, so a slow machine does not stretch it): at sample {@code mapAtSample} it has the process
     * map its buffer; after every sample it notes whether the regions cover the buffer yet; after every
     * aggregation, how many of the buffer's bytes look accessed; {@code samplesAfterCover} samples after
     * the coverage it stops the monitor.
     */
    public static final class Watch implements AggregationListener, Consumer<MonitorContext> {
        private final LateMappingProcess process;
        private final long mapAtSample;
        private final long samplesAfterCover;
        /** Whether the regions at the sample that asked for the mapping overlapped the buffer's range. */
        public volatile boolean coveredBeforeMapping;
        /** Sampling intervals passed when the buffer's range was first known, or -1. */
        public volatile long mappedAtSample = -1;
        /** Sampling intervals passed at the first sample whose regions cover the whole buffer, or -1. */
        public volatile long coveredAtSample = -1;
        /** Bytes of the buffer in regions with nr_accesses > 0, at the last aggregation. */
        public volatile long accessedBufferBytes;
        /** The largest such value over all aggregations. */
        public volatile long maxAccessedBufferBytes;
        private long[] startsBefore = new long[0];
        private long[] endsBefore = new long[0];

        public Watch(LateMappingProcess process, long mapAtSample, long samplesAfterCover) {
            this.process = process;
            this.mapAtSample = mapAtSample;
            this.samplesAfterCover = samplesAfterCover;
        }

        public Watch attach(MonitorContext ctx) {
            ctx.addAfterSample(this);
            ctx.addAfterAggregation(this);
            return this;
        }

        /** Sampling intervals passed at the last sample, and the regions then. */
        public volatile long lastSample;
        public volatile int lastNrRegions;

        @Override
        public void accept(MonitorContext ctx) {
            Regions r = ctx.targets().getFirst().regions();
            lastSample = ctx.passedSampleIntervals();
            lastNrRegions = r.size();
            AddressRange b = process.buffer();
            if (lastSample == mapAtSample) {
                process.mapNow();
            }
            if (b == null && lastSample <= mapAtSample) {
                startsBefore = new long[r.size()];
                endsBefore = new long[r.size()];
                for (int i = 0; i < r.size(); i++) {
                    startsBefore[i] = r.start(i);
                    endsBefore[i] = r.end(i);
                }
            }
            if (b == null) {
                return;
            }
            if (mappedAtSample < 0) {
                mappedAtSample = ctx.passedSampleIntervals();
                for (int i = 0; i < startsBefore.length; i++) {
                    if (startsBefore[i] < b.end() && b.start() < endsBefore[i]) {
                        coveredBeforeMapping = true;
                    }
                }
            }
            if (coveredAtSample < 0 && bytesIn(r, b, false) == b.size()) {
                coveredAtSample = ctx.passedSampleIntervals();
            }
            if (coveredAtSample >= 0 && lastSample >= coveredAtSample + samplesAfterCover) {
                ctx.stop();
            }
        }

        @Override
        public void afterAggregation(MonitorContext ctx, long windowStartNs, long windowEndNs) {
            AddressRange b = process.buffer();
            if (b == null) {
                return;
            }
            long accessed = bytesIn(ctx.targets().getFirst().regions(), b, true);
            accessedBufferBytes = accessed;
            maxAccessedBufferBytes = Math.max(maxAccessedBufferBytes, accessed);
        }

        /** Bytes of {@code b} inside the regions (only those with nr_accesses > 0 when {@code accessedOnly}). */
        private static long bytesIn(Regions r, AddressRange b, boolean accessedOnly) {
            long bytes = 0;
            for (int i = 0; i < r.size(); i++) {
                long s = Math.max(r.start(i), b.start());
                long e = Math.min(r.end(i), b.end());
                if (s < e && (!accessedOnly || r.nrAccesses(i) > 0)) {
                    bytes += e - s;
                }
            }
            return bytes;
        }
    }
}
