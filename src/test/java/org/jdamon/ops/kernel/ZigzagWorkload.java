package org.jdamon.ops.kernel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdamon.core.AddressRange;

/**
 * {@code jdamon workload run} on a zigzag-like masim config sized for the emulated VM, as a child
 * process: two 32 MiB regions written with a 4 KiB stride, a 6 s first phase that faults both in, then
 * 8 s phases that write only {@code a}, only {@code b}, only {@code a}. Its verbose stderr gives the
 * truth: pid, region addresses, phase start times; stdout gives masim's accesses/msec per phase.
 * It runs in the compact JVM ({@code --engine jvm}), where these tests' thresholds were set: on the
 * native helper the kernel's DAMON found the hot region exactly (error -0.0 %, recall and precision
 * 1.0), but jdamon's soft-dirty engine starved the helper in the last phase (20 accesses/ms) and
 * missed 15 % of the working set (issue 13 report).
 */
final class ZigzagWorkload implements AutoCloseable {
    static final long REGION_BYTES = 32L << 20;
    static final String CONFIG = """
            # zigzag for the VM: two 32 MiB regions, a long first phase faulting both in, then one hot region
            a, 33554432
            b, 33554432

            init
            6000
            a, 0, 4096, 1, wo
            b, 0, 4096, 1, wo

            low
            8000
            a, 0, 4096, 1, wo

            high
            8000
            b, 0, 4096, 1, wo

            low again
            8000
            a, 0, 4096, 1, wo
            """;
    /** Which region each measured phase writes. */
    static final Map<String, String> HOT_REGION = Map.of("low", "a", "high", "b", "low again", "a");

    private static final Pattern ANNOUNCED_PID = Pattern.compile("workload: pid (\\d+)");
    private static final Pattern REGION = Pattern.compile("region (\\S+): 0x([0-9a-f]+)-0x([0-9a-f]+) .*");
    private static final Pattern PHASE = Pattern.compile("phase (.+): start at (\\d+) ms since epoch");
    private static final Pattern RATE = Pattern.compile("(.+):\\s+([0-9,]+) accesses/msec, (\\d+) msecs run");

    record Phase(String name, long startMs) {}

    final Process process;
    final Map<String, AddressRange> regions = new LinkedHashMap<>();
    final List<Phase> phases = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Long> accessesPerMs = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Thread stderrReader;
    private final Thread stdoutReader;
    volatile long exitMs;
    /** The process holding the buffers: the native helper when workload run uses one, else the JVM. */
    private long targetPid;

    private ZigzagWorkload(Process process) throws IOException {
        this.process = process;
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = err.readLine()) != null) {
            Matcher pid = ANNOUNCED_PID.matcher(line);
            if (pid.matches()) {
                targetPid = Long.parseLong(pid.group(1));
            }
            Matcher m = REGION.matcher(line);
            if (m.matches()) {
                regions.put(m.group(1), new AddressRange(Long.parseUnsignedLong(m.group(2), 16),
                        Long.parseUnsignedLong(m.group(3), 16)));
                if (regions.size() == 2) {
                    break;
                }
            }
        }
        if (regions.size() != 2) {
            process.destroyForcibly();
            throw new IllegalStateException("workload did not report its regions");
        }
        stderrReader = Thread.ofPlatform().daemon().start(() -> readLines(err, l -> {
            Matcher m = PHASE.matcher(l);
            if (m.matches()) {
                phases.add(new Phase(m.group(1), Long.parseLong(m.group(2))));
            } else if (!l.startsWith("workload:")) {
                System.err.println("workload: " + l);
            }
        }));
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        stdoutReader = Thread.ofPlatform().daemon().start(() -> readLines(out, l -> {
            Matcher m = RATE.matcher(l.strip());
            if (m.matches()) {
                accessesPerMs.put(m.group(1), Long.parseLong(m.group(2).replace(",", "")));
            }
        }));
    }

    static ZigzagWorkload start(Path dir) throws IOException {
        Path cfg = dir.resolve("zigzag-vm.cfg");
        Files.writeString(cfg, CONFIG);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(Guest.COMPACT_JVM);
        cmd.addAll(List.of("-Xmx64m", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "org.jdamon.cli.Main", "workload", "run", "-v", "--engine", "jvm", cfg.toString()));
        return new ZigzagWorkload(new ProcessBuilder(cmd).start());
    }

    long pid() {
        return targetPid != 0 ? targetPid : process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits for the end of the run; afterwards phases and rates are complete. */
    void await() throws InterruptedException {
        process.waitFor(5, TimeUnit.MINUTES);
        exitMs = System.currentTimeMillis();
        stderrReader.join(5_000);
        stdoutReader.join(5_000);
    }

    /** The hot region's range during measured phase {@code name}. */
    AddressRange hotRange(String phase) {
        return regions.get(HOT_REGION.get(phase));
    }

    /** Mean accesses/ms over the measured phases (not the init phase). */
    double measuredRate() {
        return HOT_REGION.keySet().stream().filter(accessesPerMs::containsKey)
                .mapToLong(accessesPerMs::get).average().orElse(Double.NaN);
    }

    private static void readLines(BufferedReader r, java.util.function.Consumer<String> sink) {
        try {
            String l;
            while ((l = r.readLine()) != null) {
                sink.accept(l);
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
