package org.jdamon.ops.linux.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory pressure stall information ({@code /proc/pressure/memory} or a cgroup's {@code memory.pressure}):
 * the "some" and "full" lines' 10/60/300-second averages (percent) and total stall time (microseconds).
 * DAMOS's {@code some_mem_psi_us} goal is the growth of {@link #someTotalUs} per charge window.
 */
public record MemoryPressure(double someAvg10, double someAvg60, double someAvg300, long someTotalUs,
        double fullAvg10, double fullAvg60, double fullAvg300, long fullTotalUs) {
    public static final Path PROC_PRESSURE_MEMORY = Path.of("/proc/pressure/memory");

    /** System-wide PSI; a clear error when the kernel has no PSI (CONFIG_PSI, or {@code psi=0}). */
    public static MemoryPressure read() throws IOException {
        if (!Files.exists(PROC_PRESSURE_MEMORY)) {
            throw new IOException(PROC_PRESSURE_MEMORY + " is missing: the kernel lacks PSI (CONFIG_PSI=y, boot"
                    + " without psi=0)");
        }
        return parse(Files.readString(PROC_PRESSURE_MEMORY), PROC_PRESSURE_MEMORY.toString());
    }

    public static MemoryPressure parse(String text, String source) {
        double[] some = null;
        double[] full = null;
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("some ")) {
                some = parseLine(line, source, lineNo);
            } else if (line.startsWith("full ")) {
                full = parseLine(line, source, lineNo);
            } else {
                throw new IllegalArgumentException(source + ":" + lineNo + ": expected a 'some' or 'full' line, got '"
                        + line + "'");
            }
        }
        if (some == null) {
            throw new IllegalArgumentException(source + ": no 'some' line");
        }
        if (full == null) {
            full = new double[4];
        }
        return new MemoryPressure(some[0], some[1], some[2], (long) some[3], full[0], full[1], full[2],
                (long) full[3]);
    }

    /** {@code some avg10=0.00 avg60=0.00 avg300=0.00 total=0} as {avg10, avg60, avg300, total}. */
    private static double[] parseLine(String line, String source, int lineNo) {
        double[] v = new double[4];
        String[] keys = {"avg10", "avg60", "avg300", "total"};
        boolean[] seen = new boolean[4];
        for (String tok : line.substring(5).trim().split("\\s+")) {
            int eq = tok.indexOf('=');
            for (int k = 0; k < keys.length && eq > 0; k++) {
                if (tok.substring(0, eq).equals(keys[k])) {
                    try {
                        v[k] = k == 3 ? Long.parseLong(tok.substring(eq + 1)) : Double.parseDouble(tok.substring(eq + 1));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(source + ":" + lineNo + ": bad value in '" + tok + "'");
                    }
                    seen[k] = true;
                }
            }
        }
        for (int k = 0; k < keys.length; k++) {
            if (!seen[k]) {
                throw new IllegalArgumentException(source + ":" + lineNo + ": no " + keys[k] + "= in '" + line + "'");
            }
        }
        return v;
    }
}
