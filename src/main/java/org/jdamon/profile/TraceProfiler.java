package org.jdamon.profile;

import java.util.List;
import org.jdamon.record.SideData;

/**
 * The {@code --trace} profiler: keeps every {@code everyN}-th instruction address of a replayed trace as
 * a one-frame stack sample (a Lackey trace has no call stacks), named by a {@link Symbolizer}. The
 * counting path allocates nothing; names are resolved once per sample kept.
 */
public final class TraceProfiler implements ProfileSink {
    private final long everyN;
    private final Symbolizer symbols;
    private long seen;
    private long[] times = new long[1024];
    private long[] pcs = new long[1024];
    private int n;

    public TraceProfiler(long everyN, Symbolizer symbols) {
        if (everyN < 1) {
            throw new IllegalArgumentException("sampling period must be >= 1 instruction, got " + everyN);
        }
        this.everyN = everyN;
        this.symbols = symbols;
    }

    @Override
    public void instruction(long timeNs, long pc) {
        if (seen++ % everyN != 0) {
            return;
        }
        if (n == times.length) {
            times = java.util.Arrays.copyOf(times, n * 2);
            pcs = java.util.Arrays.copyOf(pcs, n * 2);
        }
        times[n] = timeNs;
        pcs[n] = pc;
        n++;
    }

    public Profile profile() {
        StackSample[] out = new StackSample[n];
        for (int i = 0; i < n; i++) {
            out[i] = new StackSample(times[i], "trace", List.of(symbols.name(pcs[i])));
        }
        return new Profile("trace", List.of(out));
    }

    public List<SideData> sideData() {
        return ProfileCodec.encode(profile());
    }
}
