package org.jdamon.profile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Profiles a native process with {@code perf record -e cpu-clock -g -k realtime -p PID} (a software
 * event, so it works in VMs without a PMU; realtime clock, so sample times are epoch times) and reads the
 * samples back with {@code perf script}. {@link #unavailableReason()} says why perf cannot be used here.
 */
public final class PerfCollector {
    private static final Pattern HEADER =
            Pattern.compile("^(.*?)\\s+(\\d+)\\s+(\\d+)\\.(\\d+):\\s*$");
    private static final Pattern FRAME = Pattern.compile("^\\s+([0-9a-fA-F]+)\\s+(.*?)\\s+\\((.*)\\)\\s*$");

    private final long pid;
    private final Path dir;
    private final Path dataFile;
    private final Process perf;

    private PerfCollector(long pid, Path dir, Path dataFile, Process perf) {
        this.pid = pid;
        this.dir = dir;
        this.dataFile = dataFile;
        this.perf = perf;
    }

    /**
     * Empty if {@code perf record -e cpu-clock} works here; otherwise one line saying what is missing
     * (perf not installed, perf_event_paranoid, no permission...).
     */
    public static Optional<String> unavailableReason() {
        Optional<Path> perf = Tools.onPath("perf");
        if (perf.isEmpty()) {
            return Optional.of("perf is not installed (apt-get install linux-perf)");
        }
        Path out;
        try {
            out = Files.createTempFile("jdamon-perf-probe", ".data");
        } catch (IOException e) {
            return Optional.of("cannot create a temporary file for perf: " + e.getMessage());
        }
        try {
            Tools.Result r = Tools.run(30, List.of(perf.get().toString(), "record", "-q", "-e", "cpu-clock", "-g",
                    "-k", "realtime", "-o", out.toString(), "--", "true"));
            if (!r.ok()) {
                return Optional.of("perf record refused: " + r.firstLine());
            }
            return Optional.empty();
        } catch (ProfilerException e) {
            return Optional.of(e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(out);
            } catch (IOException ignored) {
                // temporary probe output
            }
        }
    }

    /**
     * Starts sampling {@code pid} at {@code frequencyHz} and returns once perf's events are enabled: perf
     * starts disabled ({@code -D -1}) and is enabled through its control FIFO, whose acknowledgement means
     * sampling has begun (perf can take seconds to attach on a loaded host). Throws if perf is missing or
     * refuses.
     */
    public static PerfCollector start(long pid, int frequencyHz) {
        unavailableReason().ifPresent(reason -> {
            throw new ProfilerException("cannot profile native process " + pid + ": " + reason);
        });
        if (!Tools.alive(pid)) {
            throw new ProfilerException("no process " + pid + " to profile");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("jdamon-perf-" + pid + "-");
        } catch (IOException e) {
            throw new ProfilerException("cannot create a temporary directory for perf: " + e.getMessage(), e);
        }
        Path data = dir.resolve("perf.data");
        Path ctl = dir.resolve("ctl");
        Path ack = dir.resolve("ack");
        Tools.Result fifos = Tools.run(10, List.of("mkfifo", ctl.toString(), ack.toString()));
        if (!fifos.ok()) {
            throw new ProfilerException("cannot create perf control FIFOs: " + fifos.firstLine());
        }
        Process p;
        try {
            p = new ProcessBuilder("perf", "record", "-q", "-D", "-1", "--control", "fifo:" + ctl + "," + ack,
                            "-e", "cpu-clock", "-g", "-k", "realtime", "-F", Integer.toString(frequencyHz),
                            "-p", Long.toString(pid), "-o", data.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("perf.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new ProfilerException("cannot start perf record: " + e.getMessage(), e);
        }
        PerfCollector c = new PerfCollector(pid, dir, data, p);
        c.enable(ctl, ack);
        return c;
    }

    /** Sends {@code enable} on the control FIFO and waits for perf's {@code ack}. */
    private void enable(Path ctl, Path ack) {
        var acked = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (var out = Files.newOutputStream(ctl);
                    var in = new BufferedReader(Files.newBufferedReader(ack))) {
                out.write("enable\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.flush();
                return in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            String reply = acked.get(30, TimeUnit.SECONDS);
            if (!"ack".equals(reply)) {
                throw new ProfilerException("perf record did not acknowledge 'enable' (got " + reply + "): "
                        + perfLog());
            }
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            perf.destroyForcibly();
            unblock(ctl, ack);
            throw new ProfilerException("perf record did not start sampling process " + pid + ": " + perfLog(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            perf.destroyForcibly();
            unblock(ctl, ack);
            throw new ProfilerException("interrupted while starting perf", e);
        }
    }

    /** Opens the FIFOs' other ends so a writer or reader blocked on a dead perf returns. */
    private static void unblock(Path ctl, Path ack) {
        for (Path f : List.of(ctl, ack)) {
            Thread.ofVirtual().start(() -> {
                try (var in = Files.newInputStream(f)) {
                    in.readAllBytes();
                } catch (IOException ignored) {
                    // only to release the other side
                }
            });
            Thread.ofVirtual().start(() -> {
                try (var out = Files.newOutputStream(f)) {
                    out.flush();
                } catch (IOException ignored) {
                    // only to release the other side
                }
            });
        }
    }

    private String perfLog() {
        try {
            String log = Files.readString(dir.resolve("perf.log")).strip();
            return log.isEmpty() ? "(perf printed nothing)" : log.lines().findFirst().orElse("");
        } catch (IOException e) {
            return "(no perf log)";
        }
    }

    /**
     * Stops perf (SIGTERM makes it write its data and exit) and returns the samples, times in ns since
     * {@code recordStartEpochNs}.
     */
    public Profile stop(long recordStartEpochNs) {
        try {
            if (perf.isAlive()) {
                perf.destroy();
            }
            if (!perf.waitFor(30, TimeUnit.SECONDS)) {
                perf.destroyForcibly();
                throw new ProfilerException("perf record did not stop within 30 s");
            }
            Tools.Result r = Tools.run(300, List.of("perf", "script", "-i", dataFile.toString(),
                    "-F", "comm,tid,time,ip,sym,dso", "--ns"));
            if (!r.ok()) {
                throw new ProfilerException("perf script failed on " + dataFile + ": " + r.firstLine());
            }
            return parseScript(r.output(), recordStartEpochNs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProfilerException("interrupted while stopping perf", e);
        } finally {
            deleteTree(dir);
        }
    }

    public long pid() {
        return pid;
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // temporary files left behind are harmless
        }
    }

    /**
     * Parses {@code perf script -F comm,tid,time,ip,sym,dso} output: a header line per sample
     * ({@code comm tid sec.frac:}) followed by one frame per line, innermost first, and a blank line.
     * Times must be realtime (epoch) seconds; they become ns since {@code recordStartEpochNs}.
     */
    public static Profile parseScript(String script, long recordStartEpochNs) {
        List<StackSample> samples = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new StringReader(script))) {
            String thread = null;
            long time = 0;
            List<String> frames = new ArrayList<>();
            for (String line = in.readLine(); ; line = in.readLine()) {
                Matcher h = line == null ? null : HEADER.matcher(line);
                if (line == null || line.isBlank() || h.matches()) {
                    if (thread != null) {
                        samples.add(new StackSample(time - recordStartEpochNs, thread, frames));
                        thread = null;
                        frames = new ArrayList<>();
                    }
                    if (line == null) {
                        break;
                    }
                    if (h != null && h.matches()) {
                        thread = h.group(1).strip() + "/" + h.group(2);
                        time = Long.parseLong(h.group(3)) * 1_000_000_000L + fractionNs(h.group(4));
                    }
                    continue;
                }
                Matcher f = FRAME.matcher(line);
                if (thread != null && f.matches()) {
                    frames.add(frameName(f.group(1), f.group(2), f.group(3)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Profile("perf", samples);
    }

    private static long fractionNs(String digits) {
        String d = digits.length() > 9 ? digits.substring(0, 9) : digits;
        long v = Long.parseLong(d);
        for (int i = d.length(); i < 9; i++) {
            v *= 10;
        }
        return v;
    }

    private static String frameName(String ip, String sym, String dso) {
        if (!sym.isEmpty() && !sym.equals("[unknown]")) {
            return sym;
        }
        String lib = dso.equals("[unknown]") ? "" : " (" + Path.of(dso).getFileName() + ")";
        return "0x" + ip + lib;
    }
}
