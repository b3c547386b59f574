package org.jdamon.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Profiles a running JVM with its own Flight Recorder: {@code jcmd PID JFR.start} with
 * {@code jdk.ExecutionSample} at the given period (and {@code dumponexit} so a target that ends first
 * still leaves its samples), then {@code JFR.stop} into a file read with {@link RecordingFile}. Sample
 * times are JFR's wall-clock instants, shifted to ns since the record's start.
 */
public final class JfrCollector {
    public static final String EVENT = "jdk.ExecutionSample";
    private final long pid;
    private final Path file;
    private final String name;

    private JfrCollector(long pid, Path file) {
        this.pid = pid;
        this.file = file;
        this.name = "jdamon-profile-" + ProcessHandle.current().pid();
    }

    public static JfrCollector start(long pid, Duration period) {
        if (!Tools.alive(pid)) {
            throw new ProfilerException("no process " + pid + " to profile");
        }
        Path file;
        try {
            file = Files.createTempFile("jdamon-" + pid + "-", ".jfr");
            Files.delete(file);
        } catch (IOException e) {
            throw new ProfilerException("cannot create a temporary JFR file: " + e.getMessage(), e);
        }
        JfrCollector c = new JfrCollector(pid, file);
        Tools.jcmd(pid, "JFR.start", "name=" + c.name, "settings=profile", "filename=" + file,
                "dumponexit=true", EVENT + "#period=" + Math.max(1, period.toMillis()) + "ms");
        return c;
    }

    public long pid() {
        return pid;
    }

    /**
     * Stops the recording (or takes what the target dumped when it exited) and returns its samples, times
     * in ns since {@code recordStartEpochNs}.
     */
    public Profile stop(long recordStartEpochNs) {
        if (Tools.alive(pid)) {
            try {
                Tools.jcmd(pid, "JFR.stop", "name=" + name, "filename=" + file);
            } catch (ProfilerException e) {
                if (Tools.alive(pid)) {
                    throw e;
                }
            }
        }
        if (!Files.isRegularFile(file)) {
            throw new ProfilerException("JVM " + pid + " left no flight recording (" + file
                    + "): it ended without a normal exit, so JFR could not dump its samples");
        }
        try {
            return read(file, recordStartEpochNs);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temporary file is harmless
            }
        }
    }

    /** The execution samples of a JFR file, with times in ns since {@code recordStartEpochNs}. */
    public static Profile read(Path jfrFile, long recordStartEpochNs) {
        List<StackSample> samples = new ArrayList<>();
        try (RecordingFile rf = new RecordingFile(jfrFile)) {
            while (rf.hasMoreEvents()) {
                RecordedEvent e = rf.readEvent();
                if (!EVENT.equals(e.getEventType().getName())) {
                    continue;
                }
                samples.add(new StackSample(epochNs(e.getStartTime()) - recordStartEpochNs,
                        threadName(e.getThread("sampledThread")), frames(e)));
            }
        } catch (IOException e) {
            throw new ProfilerException("cannot read flight recording " + jfrFile + ": " + e.getMessage(), e);
        }
        return new Profile("jfr", samples);
    }

    static long epochNs(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static String threadName(RecordedThread t) {
        if (t == null) {
            return "?";
        }
        String n = t.getJavaName() != null ? t.getJavaName() : t.getOSName();
        return n != null ? n : "tid " + t.getOSThreadId();
    }

    private static List<String> frames(RecordedEvent e) {
        if (e.getStackTrace() == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (RecordedFrame f : e.getStackTrace().getFrames()) {
            RecordedMethod m = f.getMethod();
            out.add(m == null ? "[unknown]" : m.getType().getName() + "." + m.getName());
        }
        return out;
    }
}
