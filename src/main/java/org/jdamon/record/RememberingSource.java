package org.jdamon.record;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A source read from its origin once, whose first complete pass is kept in memory in a compact packing
 * (variable-length deltas of page-aligned addresses) so that later passes replay it instead of reading the
 * origin again. A heatmap of a damo record makes two passes, and each pass over an hour's
 * {@code json_compressed} record is 19.6 GB of JSON to inflate and scan; replaying the packing skips both.
 *
 * <p>Memory stays bounded: packing stops, and what was packed is dropped, as soon as it would exceed
 * {@code budgetBytes}; later passes then read the origin as they would have. A pass closed before its end
 * is not kept either. The replayed stream gives the same snapshots, and the header, side data and
 * warnings the first pass ended with (complete from its start, so its header does not grow).
 */
public final class RememberingSource implements RecordSource {
    /** The default budget: an hour at 1,000 regions fits, with room under 1 GiB for the report itself. */
    public static final long DEFAULT_BUDGET_BYTES = 320L << 20;

    private final RecordSource origin;
    private final long budgetBytes;
    private boolean tried;
    private Kept kept;

    private record Kept(RecordHeader header, List<SideData> sideData, List<String> warnings, SnapshotPacking packed) {}

    public RememberingSource(RecordSource origin, long budgetBytes) {
        this.origin = origin;
        this.budgetBytes = budgetBytes;
    }

    /** Whether the passes after the first replay memory (after a first pass read to its end within the budget). */
    public boolean remembers() {
        return kept != null;
    }

    @Override
    public RecordStream open() throws IOException {
        if (kept != null) {
            return replay(kept);
        }
        RecordStream stream = origin.open();
        if (tried) {
            return stream;
        }
        tried = true;
        return new Teeing(stream);
    }

    private static RecordStream replay(Kept k) {
        SnapshotPacking.Reader reader = k.packed().reader();
        return new RecordStream() {
            @Override
            public RecordHeader header() {
                return k.header();
            }

            @Override
            public Snapshot nextSnapshot() {
                return reader.next();
            }

            @Override
            public List<SideData> sideData() {
                return k.sideData();
            }

            @Override
            public List<String> warnings() {
                return k.warnings();
            }

            @Override
            public void close() {}
        };
    }

    /** The first pass: the origin's stream, each snapshot also packed while the budget lasts. */
    private final class Teeing implements RecordStream {
        private final RecordStream inner;
        private SnapshotPacking packing = new SnapshotPacking();

        Teeing(RecordStream inner) {
            this.inner = inner;
        }

        @Override
        public RecordHeader header() {
            return inner.header();
        }

        @Override
        public boolean headerGrows() {
            return inner.headerGrows();
        }

        @Override
        public Snapshot nextSnapshot() throws IOException {
            Snapshot s = inner.nextSnapshot();
            if (packing == null) {
                return s;
            }
            if (s == null) {
                kept = new Kept(inner.header(), List.copyOf(inner.sideData()), List.copyOf(inner.warnings()), packing);
                packing = null;
            } else {
                packing.add(s);
                if (packing.bytes() > budgetBytes) {
                    packing = null;
                }
            }
            return s;
        }

        @Override
        public List<SideData> sideData() {
            return inner.sideData();
        }

        @Override
        public List<String> warnings() {
            return inner.warnings();
        }

        @Override
        public void close() throws IOException {
            packing = null;
            inner.close();
        }
    }

    /** Snapshots packed into 1 MiB blocks of variable-length integers. */
    static final class SnapshotPacking {
        private static final int BLOCK = 1 << 20;
        private final List<byte[]> blocks = new ArrayList<>();
        private final List<Integer> lengths = new ArrayList<>();
        private byte[] block = new byte[BLOCK];
        private int pos;
        private long previousStartNs;

        long bytes() {
            return (long) blocks.size() * BLOCK + pos;
        }

        void add(Snapshot s) {
            writeSigned(s.startNs() - previousStartNs);
            writeSigned(s.endNs() - s.startNs());
            previousStartNs = s.startNs();
            writeUnsigned(s.targets().size());
            for (TargetSnapshot t : s.targets()) {
                long[] starts = t.starts();
                long[] ends = t.ends();
                int n = starts.length;
                long bits = 0;
                for (int i = 0; i < n; i++) {
                    bits |= starts[i] | ends[i];
                }
                int shift = bits == 0 ? 0 : Math.min(Long.numberOfTrailingZeros(bits), 32);
                writeSigned(t.targetId());
                writeUnsigned(n);
                writeUnsigned(shift << 1 | (t.hasFilterPassed() ? 1 : 0));
                long previousEnd = 0;
                int[] nr = t.nrAccesses();
                int[] ages = t.ages();
                long[] passed = t.filterPassed();
                for (int i = 0; i < n; i++) {
                    writeSigned((starts[i] - previousEnd) >> shift);
                    writeSigned((ends[i] - starts[i]) >> shift);
                    writeSigned(nr[i]);
                    writeSigned(ages[i]);
                    if (passed != null) {
                        writeSigned(passed[i]);
                    }
                    previousEnd = ends[i];
                }
            }
        }

        private void writeSigned(long v) {
            writeUnsigned((v << 1) ^ (v >> 63));
        }

        private void writeUnsigned(long v) {
            if (pos + 10 > BLOCK) {
                // a value never straddles blocks: a full block's used length is kept beside it
                blocks.add(block);
                lengths.add(pos);
                block = new byte[BLOCK];
                pos = 0;
            }
            while ((v & ~0x7FL) != 0) {
                block[pos++] = (byte) (v | 0x80);
                v >>>= 7;
            }
            block[pos++] = (byte) v;
        }

        /** Reads the snapshots back in order; the packing must not grow while read. */
        Reader reader() {
            return new Reader();
        }

        final class Reader {
            private int blockIndex;
            private byte[] b = blocks.isEmpty() ? block : blocks.getFirst();
            private int limit = blocks.isEmpty() ? pos : lengths.getFirst();
            private int p;
            private long startNs;

            /** The next snapshot, or null after the last. */
            Snapshot next() {
                if (atEnd()) {
                    return null;
                }
                startNs += readSigned();
                long endNs = startNs + readSigned();
                int targets = (int) readUnsigned();
                List<TargetSnapshot> out = new ArrayList<>(targets);
                for (int k = 0; k < targets; k++) {
                    int id = (int) readSigned();
                    int n = (int) readUnsigned();
                    int flags = (int) readUnsigned();
                    int shift = flags >>> 1;
                    long[] starts = new long[n];
                    long[] ends = new long[n];
                    int[] nr = new int[n];
                    int[] ages = new int[n];
                    long[] passed = (flags & 1) != 0 ? new long[n] : null;
                    long previousEnd = 0;
                    for (int i = 0; i < n; i++) {
                        starts[i] = previousEnd + (readSigned() << shift);
                        ends[i] = starts[i] + (readSigned() << shift);
                        nr[i] = (int) readSigned();
                        ages[i] = (int) readSigned();
                        if (passed != null) {
                            passed[i] = readSigned();
                        }
                        previousEnd = ends[i];
                    }
                    out.add(new TargetSnapshot(id, starts, ends, nr, ages, passed));
                }
                return new Snapshot(startNs, endNs, out);
            }

            private long readSigned() {
                long v = readUnsigned();
                return (v >>> 1) ^ -(v & 1);
            }

            /** Whether every byte is read, moving to the next block where this one is. */
            private boolean atEnd() {
                while (p == limit && blockIndex < blocks.size()) {
                    blockIndex++;
                    b = blockIndex < blocks.size() ? blocks.get(blockIndex) : block;
                    limit = blockIndex < blocks.size() ? lengths.get(blockIndex) : pos;
                    p = 0;
                }
                return p == limit;
            }

            private long readUnsigned() {
                atEnd();
                long v = 0;
                int shift = 0;
                while (true) {
                    byte x = b[p++];
                    v |= (long) (x & 0x7F) << shift;
                    if (x >= 0) {
                        return v;
                    }
                    shift += 7;
                }
            }
        }
    }
}
