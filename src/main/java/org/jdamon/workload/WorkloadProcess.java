package org.jdamon.workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdamon.core.AddressRange;

/**
 * {@code jdamon workload run --verbose CONFIG} as a child JVM, for tests and demos that monitor it: starts
 * the given main class (the caller's {@code jdamon} entry point) on this JVM's class path with
 * {@link #LEAN_JVM_FLAGS}, waits for a phase to begin, and reads the region addresses and per-phase
 * results from its output (a log file). The accesses run in the native helper when the child can build
 * one ({@link #pid()} is then the helper's), else in the child JVM.
 *
 * <p>Why the flags: with compressed oops or class pointers the JVM maps memory below 4 GiB, which makes
 * the vaddr three-regions heuristic (the kernel's too) span the ~100 GB gap below the stack, so a small
 * hot set is never sampled (docs/benchmarks/linux.md); the rest keeps the address space small and the
 * JIT cheap under emulation.
 */
public final class WorkloadProcess implements AutoCloseable {
    public static final List<String> LEAN_JVM_FLAGS = List.of(
            "-XX:-UseCompressedOops", "-XX:-UseCompressedClassPointers", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xmx32m", "-XX:ReservedCodeCacheSize=16m", "-XX:MaxMetaspaceSize=32m",
            "-Xss512k", "-Xshare:off");

    private static final Pattern REGION =
            Pattern.compile("^region (.+): 0x([0-9a-f]+)-0x([0-9a-f]+) \\(\\d+ bytes\\)$", Pattern.MULTILINE);
    private static final Pattern ANNOUNCED_PID = Pattern.compile("^workload: pid (\\d+)$", Pattern.MULTILINE);
    private static final Pattern RESULT =
            Pattern.compile("^(.+):\\t +([0-9,]+) accesses/msec, ([0-9]+) msecs run$", Pattern.MULTILINE);

    /** One finished phase as the workload printed it. */
    public record PhaseLine(String name, long accessesPerMs, long msecs) {}

    private final Process process;
    private final Path log;

    private WorkloadProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the workload through {@code jdamonMain}; its stdout and stderr go to {@code log}. */
    public static WorkloadProcess start(Class<?> jdamonMain, Path config, Path log, List<String> extraArgs)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(LEAN_JVM_FLAGS);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), jdamonMain.getName(), "workload", "run",
                "--verbose"));
        cmd.addAll(extraArgs);
        cmd.add(config.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("MALLOC_ARENA_MAX", "2");
        return new WorkloadProcess(pb.start(), log);
    }

    /**
     * The pid of the process whose address space holds the buffers: the native helper's when the child
     * runs one (it announces "workload: pid N"), else the child JVM's. Waits up to 20 s for the line.
     */
    public long pid() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && process.isAlive()) {
            Matcher m = ANNOUNCED_PID.matcher(output());
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
            Thread.sleep(20);
        }
        return process.pid();
    }

    public Process process() {
        return process;
    }

    public String output() throws IOException {
        try {
            return Files.readString(log);
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    /** Waits until the workload announces {@code phase}'s start; false on timeout or exit. */
    public boolean awaitPhase(String phase, long timeout, TimeUnit unit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        String marker = "phase " + phase + ": start at ";
        while (System.nanoTime() < deadline) {
            if (output().contains(marker)) {
                return true;
            }
            if (!process.isAlive()) {
                return output().contains(marker);
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** The regions' address ranges by name, in configuration order (available once the first phase starts). */
    public Map<String, AddressRange> regions() throws IOException {
        return parseRegions(output());
    }

    /** The phases finished so far. */
    public List<PhaseLine> phases() throws IOException {
        return parsePhases(output());
    }

    static Map<String, AddressRange> parseRegions(String out) {
        Map<String, AddressRange> regions = new LinkedHashMap<>();
        Matcher m = REGION.matcher(out);
        while (m.find()) {
            regions.put(m.group(1), new AddressRange(Long.parseUnsignedLong(m.group(2), 16),
                    Long.parseUnsignedLong(m.group(3), 16)));
        }
        return regions;
    }

    static List<PhaseLine> parsePhases(String out) {
        List<PhaseLine> phases = new ArrayList<>();
        Matcher m = RESULT.matcher(out);
        while (m.find()) {
            phases.add(new PhaseLine(m.group(1), Long.parseLong(m.group(2).replace(",", "")),
                    Long.parseLong(m.group(3))));
        }
        return phases;
    }

    /** Stops the workload if it still runs. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
