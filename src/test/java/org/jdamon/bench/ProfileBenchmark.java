package org.jdamon.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jdamon.profile.Profile;
import org.jdamon.profile.ProfileCodec;
import org.jdamon.profile.StackSample;
import org.jdamon.profile.Symbolizer;
import org.jdamon.profile.TraceProfiler;
import org.jdamon.record.SideData;
import org.jdamon.report.profile.ProfileSummary;
import org.jdamon.report.TimeWindow;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Costs of the profile path over 100,000 samples (about 17 minutes of JFR at 10 ms): encoding into side
 * data, decoding, summarising the samples of 10 windows; and the trace hook's per-instruction cost.
 * Stacks: 200 distinct stacks of depth 8..31 over 500 frame names, like a mid-sized Java program.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ProfileBenchmark {
    private Profile profile;
    private List<SideData> encoded;
    private List<TimeWindow> windows;
    private final Symbolizer symbols = Symbolizer.hexOnly();

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(7);
        List<List<String>> stacks = new ArrayList<>();
        for (int s = 0; s < 200; s++) {
            List<String> frames = new ArrayList<>();
            for (int d = 8 + r.nextInt(24); d > 0; d--) {
                frames.add("org.example.module" + r.nextInt(20) + ".Class" + r.nextInt(25) + ".method");
            }
            stacks.add(frames);
        }
        List<StackSample> samples = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            samples.add(new StackSample(i * 10_000_000L, "main", stacks.get(r.nextInt(stacks.size()))));
        }
        profile = new Profile("jfr", samples);
        encoded = ProfileCodec.encode(profile);
        windows = new ArrayList<>();
        for (int w = 0; w < 10; w++) {
            windows.add(new TimeWindow(w * 100_000_000_000L, w * 100_000_000_000L + 30_000_000_000L));
        }
    }

    @Benchmark
    public int encode100kSamples() {
        return ProfileCodec.encode(profile).size();
    }

    @Benchmark
    public int decode100kSamples() {
        return ProfileCodec.decodeAll(encoded).samples().size();
    }

    @Benchmark
    public int summarize30kSamplesIn10Windows() {
        return ProfileSummary.of(profile, windows).samples();
    }

    /** One million instructions through the --trace hook (one in 1000 kept). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long traceHookMillionInstructions() {
        TraceProfiler sink = new TraceProfiler(1000, symbols);
        for (int i = 0; i < 1_000_000; i++) {
            sink.instruction(i, 0x400000L + (i & 0xFFF));
        }
        return sink.profile().samples().size();
    }
}
