package org.jdamon.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jdamon.record.MemoryAreasCodec;

/**
 * The entry point for {@code jdamon record --profile}: starts the right call-stack profiler for a
 * process (JFR for a JVM, perf for anything else) aligned to the record's start time, and on
 * {@link Handle#stop()} returns the profile, and for a JVM its memory areas, as side data for the record.
 *
 * <pre>{@code
 * Profiler.Handle h = Profiler.start(pid, 0, header.startEpochNs(), Profiler.Options.DEFAULTS);
 * ... monitor ...
 * for (SideData sd : h.stop()) writer.writeSideData(sd);
 * }</pre>
 */
public final class Profiler {
    private Profiler() {}

    /** What kind of process is profiled; {@link #detect} tells a JVM by its loaded libjvm. */
    public enum Kind {
        JVM,
        NATIVE;

        public static Kind detect(long pid) {
            try {
                String maps = Files.readString(Path.of("/proc", Long.toString(pid), "maps"));
                return maps.contains("/libjvm.so") ? JVM : NATIVE;
            } catch (IOException e) {
                throw new ProfilerException("cannot read /proc/" + pid + "/maps (no such process, or no "
                        + "permission): " + e.getMessage(), e);
            }
        }
    }

    /** Sampling settings: JFR's execution-sample period and perf's frequency. */
    public record Options(Duration jfrPeriod, int perfFrequencyHz, boolean jvmMemoryAreas) {
        public static final Options DEFAULTS = new Options(Duration.ofMillis(10), 499, true);
    }

    /** A running profiler. */
    public interface Handle {
        /** For example {@code "jfr on JVM 1234"}. */
        String description();

        /**
         * Stops profiling and returns the side data to store: profile chunks
         * ({@link ProfileCodec#KIND}) and, for a JVM, its memory areas ({@link MemoryAreasCodec#KIND}).
         * {@code nowNs} is the current time since the record's start (for the memory-areas chunk).
         */
        List<org.jdamon.record.SideData> stop(long nowNs);
    }

    public static Handle start(long pid, int targetId, long recordStartEpochNs, Options options) {
        return switch (Kind.detect(pid)) {
            case JVM -> startJvm(pid, targetId, recordStartEpochNs, options);
            case NATIVE -> startNative(pid, recordStartEpochNs, options);
        };
    }

    private static Handle startJvm(long pid, int targetId, long recordStartEpochNs, Options options) {
        JfrCollector jfr = JfrCollector.start(pid, recordStartEpochNs, options.jfrPeriod());
        List<org.jdamon.record.SideData> early = new ArrayList<>();
        if (options.jvmMemoryAreas()) {
            // taken now too, in case the JVM is gone when profiling stops
            early.add(MemoryAreasCodec.encode(targetId, 0, JvmMemoryAreas.of(pid).ranges()));
        }
        return new Handle() {
            @Override
            public String description() {
                return "jfr on JVM " + pid;
            }

            @Override
            public List<org.jdamon.record.SideData> stop(long nowNs) {
                List<org.jdamon.record.SideData> out = new ArrayList<>(early);
                if (options.jvmMemoryAreas() && Tools.alive(pid)) {
                    try {
                        out.add(MemoryAreasCodec.encode(targetId, nowNs, JvmMemoryAreas.of(pid).ranges()));
                    } catch (ProfilerException e) {
                        // the target ended meanwhile; the areas from the start remain
                    }
                }
                out.addAll(ProfileCodec.encode(jfr.stop()));
                return out;
            }
        };
    }

    private static Handle startNative(long pid, long recordStartEpochNs, Options options) {
        PerfCollector perf = PerfCollector.start(pid, recordStartEpochNs, options.perfFrequencyHz());
        return new Handle() {
            @Override
            public String description() {
                return "perf on process " + pid;
            }

            @Override
            public List<org.jdamon.record.SideData> stop(long nowNs) {
                return ProfileCodec.encode(perf.stop());
            }
        };
    }
}
