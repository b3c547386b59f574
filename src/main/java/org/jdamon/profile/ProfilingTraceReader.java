package org.jdamon.profile;

import org.jdamon.ops.trace.TraceReader;

/**
 * Wraps a trace reader for {@code --trace --profile}: passes every batch through unchanged and hands each
 * instruction fetch ({@code I} record) to a {@link ProfileSink} with its trace time, the instruction's
 * index divided by the replay's instructions per µs, which is the time the trace operations replay it
 * at. Plug in with {@code new TraceOperations(new ProfilingTraceReader(reader, sink, rate), options)} and
 * store {@link TraceProfiler#sideData()} in the record. No allocation per record.
 */
public final class ProfilingTraceReader implements TraceReader {
    private final TraceReader inner;
    private final ProfileSink sink;
    private final double nsPerInstruction;
    private long instructions;

    public ProfilingTraceReader(TraceReader inner, ProfileSink sink, double instructionsPerUs) {
        if (!(instructionsPerUs > 0)) {
            throw new IllegalArgumentException("instructions per us must be > 0, got " + instructionsPerUs);
        }
        this.inner = inner;
        this.sink = sink;
        this.nsPerInstruction = 1000.0 / instructionsPerUs;
    }

    @Override
    public int read(long[] addrs, int[] infos) {
        int n = inner.read(addrs, infos);
        long instr = instructions;
        for (int i = 0; i < n; i++) {
            if (TraceReader.kind(infos[i]) == TraceReader.KIND_INSTR) {
                sink.instruction((long) (instr * nsPerInstruction), addrs[i]);
                instr++;
            }
        }
        instructions = instr;
        return n;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void close() {
        inner.close();
    }
}
