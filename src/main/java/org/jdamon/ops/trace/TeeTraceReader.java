package org.jdamon.ops.trace;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Passes a trace through while saving it in the binary format (for {@code trace record --save-trace}). */
public final class TeeTraceReader implements TraceReader {
    private final TraceReader in;
    private final BinaryTraceWriter out;

    public TeeTraceReader(TraceReader in, BinaryTraceWriter out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public int read(long[] addrs, int[] infos) {
        int n = in.read(addrs, infos);
        try {
            for (int i = 0; i < n; i++) {
                out.write(TraceReader.kind(infos[i]), addrs[i], TraceReader.size(infos[i]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    @Override
    public String name() {
        return in.name();
    }

    @Override
    public void close() {
        in.close();
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
