package org.jdamon.ops.trace;

import java.io.Closeable;

/**
 * A source of memory-access records in program order, read in batches into caller-owned primitive
 * arrays: {@code addrs[i]} is the address and {@code infos[i]} packs the kind (low two bits, one of the
 * {@code KIND_} constants) and the size in bytes ({@code info >>> 2}). Nothing is allocated per record.
 */
public interface TraceReader extends Closeable {
    /** An instruction fetch (Lackey's {@code I}); each one advances the instruction count by one. */
    int KIND_INSTR = 0;
    /** A data load ({@code L}). */
    int KIND_LOAD = 1;
    /** A data store ({@code S}). */
    int KIND_STORE = 2;
    /** A load and a store of the same location by one instruction ({@code M}), counted as one access. */
    int KIND_MODIFY = 3;

    static int info(int kind, int size) {
        return size << 2 | kind;
    }

    static int kind(int info) {
        return info & 3;
    }

    static int size(int info) {
        return info >>> 2;
    }

    /**
     * Fills up to {@code addrs.length} records and returns how many; 0 only at the end of the trace.
     * Throws {@link TraceFormatException} naming the input and the line or offset of a bad record.
     */
    int read(long[] addrs, int[] infos);

    /** The input's name for messages: a path or {@code <stdin>}. */
    String name();

    @Override
    void close();
}
