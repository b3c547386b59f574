package org.jdamon.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jdamon.record.MemoryAreasCodec;
import org.jdamon.record.SideData;

/**
 * The entry point for {@code jdamon record --profile}: starts the right call-stack profiler for a
 * process (JFR for a JVM, perf for anything else) and on {@link Handle#stop} returns the profile, with
 * times aligned to the record's start, and for a JVM its memory areas, as side data for the record. The
 * profilers stamp samples with wall-clock (epoch) times, so the record's start only has to be known at
 * the end:
 *
 * <pre>{@code
 * Profiler.Handle h = Profiler.start(pid, targetId, Profiler.Options.DEFAULTS);
 * ... monitor (the record writer fixes the start time at the first aggregation) ...
 * long start = ctx.clock().epochOffsetNs() + ctx.startNs();
 * for (SideData sd : h.stop(start, ctx.clock().nowNs() - ctx.startNs())) writer.writeSideData(sd);
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
         * ({@link ProfileCodec#KIND}) with times in ns since {@code recordStartEpochNs} and, for a JVM, its
         * memory areas ({@link MemoryAreasCodec#KIND}). {@code nowNs} is the current time since the
         * record's start (the time of the memory-areas chunk taken now).
         */
        List<SideData> stop(long recordStartEpochNs, long nowNs);
    }

    /** Starts profiling {@code pid}, whose regions are target {@code targetId} of the record. */
    public static Handle start(long pid, int targetId, Options options) {
        return switch (Kind.detect(pid)) {
            case JVM -> startJvm(pid, targetId, options);
            case NATIVE -> startNative(pid, options);
        };
    }

    private static Handle startJvm(long pid, int targetId, Options options) {
        JfrCollector jfr = JfrCollector.start(pid, options.jfrPeriod());
        List<SideData> early = new ArrayList<>();
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
            public List<SideData> stop(long recordStartEpochNs, long nowNs) {
                List<SideData> out = new ArrayList<>(early);
                if (options.jvmMemoryAreas() && Tools.alive(pid)) {
                    try {
                        out.add(MemoryAreasCodec.encode(targetId, nowNs, JvmMemoryAreas.of(pid).ranges()));
                    } catch (ProfilerException e) {
                        // the target ended meanwhile; the areas from the start remain
                    }
                }
                out.addAll(ProfileCodec.encode(jfr.stop(recordStartEpochNs)));
                return out;
            }
        };
    }

    private static Handle startNative(long pid, Options options) {
        PerfCollector perf = PerfCollector.start(pid, options.perfFrequencyHz());
        return new Handle() {
            @Override
            public String description() {
                return "perf on process " + pid;
            }

            @Override
            public List<SideData> stop(long recordStartEpochNs, long nowNs) {
                return ProfileCodec.encode(perf.stop(recordStartEpochNs));
            }
        };
    }
}
