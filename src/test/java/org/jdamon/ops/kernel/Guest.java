package org.jdamon.ops.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdamon.core.AddressRange;

/**
 * Helpers for the integration tests that run inside the guest-run VM: the guard that they really are
 * inside it, a workload process, and a results file the runner prints.
 */
final class Guest {
    static final Path RESULTS = Path.of(System.getProperty("jdamon.it.results", "target/kernel-it/results.txt"));

    /**
     * JVM options for workload processes that vaddr monitoring can follow: without compressed oops and
     * class pointers the JVM maps nothing at low addresses, so its address space has the three clusters
     * (text and brk heap, mmap area, stack) that the three-regions heuristic expects. With them, the
     * low-address heap and class space make a fourth cluster, and the up-to-1 TiB ASLR gap between the
     * mmap area and the stack stays inside the monitored ranges (hundreds of GiB of unmapped space in which
     * a 32 MiB hot buffer is rarely sampled). C1 only: less JIT work under emulation.
     */
    static final List<String> COMPACT_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-XX:-UseCompressedOops", "-XX:-UseCompressedClassPointers", "-Xshare:off");

    private Guest() {}

    /**
     * Fails unless this JVM runs in the guest-run VM: {@code JDAMON_GUEST=1} and the guest's boot line.
     * Tests call it before touching sysfs so that a stray {@code JDAMON_GUEST=1} on a host cannot write
     * the host's DAMON.
     */
    static void requireGuest() throws IOException {
        assertThat(System.getenv("JDAMON_GUEST")).isEqualTo("1");
        assertThat(Files.readString(Path.of("/proc/cmdline")))
                .as("kernel command line of the guest-run VM").contains("rdinit=/init");
    }

    /** One line for the runner's summary: {@code [test] key=value ...}. */
    static void report(String test, String line) {
        String text = "[" + test + "] " + line + System.lineSeparator();
        System.out.print(text);
        try {
            Files.createDirectories(RESULTS.getParent());
            Files.writeString(RESULTS, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A running {@link HotColdWorkload} with its buffers' addresses. */
    static final class Workload implements AutoCloseable {
        final Process process;
        final AddressRange hot;
        final AddressRange cold;
        final List<String> output = new ArrayList<>();
        private final BufferedReader out;

        private Workload(Process process, BufferedReader out, AddressRange hot, AddressRange cold) {
            this.process = process;
            this.out = out;
            this.hot = hot;
            this.cold = cold;
        }

        static Workload start(int hotMiB, int coldMiB, int seconds) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(java));
            cmd.addAll(COMPACT_JVM);
            cmd.addAll(List.of("-Xmx32m", "--enable-native-access=ALL-UNNAMED", "-cp",
                    System.getProperty("java.class.path"), HotColdWorkload.class.getName(), Integer.toString(hotMiB),
                    Integer.toString(coldMiB), Integer.toString(seconds)));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            Process p = pb.start();
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = r.readLine();
            if (line == null || !line.startsWith("ready ")) {
                p.destroyForcibly();
                throw new IllegalStateException("workload did not start: " + line);
            }
            String[] f = line.split(" ");
            return new Workload(p, r,
                    new AddressRange(Long.parseUnsignedLong(f[1], 16), Long.parseUnsignedLong(f[2], 16)),
                    new AddressRange(Long.parseUnsignedLong(f[3], 16), Long.parseUnsignedLong(f[4], 16)));
        }

        long pid() {
            return process.pid();
        }

        /** Waits for the end and returns the workload's own throughput (accesses per ms). */
        double finish() throws IOException, InterruptedException {
            String line;
            double rate = Double.NaN;
            while ((line = out.readLine()) != null) {
                output.add(line);
                if (line.startsWith("accesses_per_ms ")) {
                    rate = Double.parseDouble(line.substring("accesses_per_ms ".length()));
                }
            }
            process.waitFor(60, TimeUnit.SECONDS);
            return rate;
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
