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
                if (!packing.add(s) || packing.bytes() > budgetBytes) {
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

    /**
     * Snapshots packed as zigzag variable-length integers into blocks of at least 1 MiB. A snapshot lies
     * whole in one block (a larger one gets a block of its own), and each target's regions are stored
     * column by column (gaps, sizes, accesses, ages, filter-passed bytes), so that the replay decodes one
     * column in a tight loop with its position in a local instead of checking for a block's end per value:
     * the replay of an hour's record is the second pass of its heatmap.
     */
    static final class SnapshotPacking {
        private static final int BLOCK = 1 << 20;
        private static final int MAX_VARINT = 10;
        private final List<byte[]> blocks = new ArrayList<>();
        private final List<Integer> lengths = new ArrayList<>();
        private long finishedBytes;
        private byte[] block = new byte[BLOCK];
        private int pos;
        private long previousStartNs;

        /** The bytes held: every block allocated, whatever part of it is used. */
        long bytes() {
            return finishedBytes + block.length;
        }

        /** Packs {@code s}; false, with nothing packed, for a snapshot too large for one block (2 GB). */
        boolean add(Snapshot s) {
            if (!reserve(s)) {
                return false;
            }
            writeSigned(s.startNs() - previousStartNs);
            writeSigned(s.endNs() - s.startNs());
            previousStartNs = s.startNs();
            writeSigned(s.targets().size());
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
                writeSigned(n);
                writeSigned(shift << 1 | (t.hasFilterPassed() ? 1 : 0));
                long previousEnd = 0;
                for (int i = 0; i < n; i++) {
                    writeSigned((starts[i] - previousEnd) >> shift);
                    previousEnd = ends[i];
                }
                for (int i = 0; i < n; i++) {
                    writeSigned((ends[i] - starts[i]) >> shift);
                }
                int[] nr = t.nrAccesses();
                for (int i = 0; i < n; i++) {
                    writeSigned(nr[i]);
                }
                int[] ages = t.ages();
                for (int i = 0; i < n; i++) {
                    writeSigned(ages[i]);
                }
                long[] passed = t.filterPassed();
                if (passed != null) {
                    for (int i = 0; i < n; i++) {
                        writeSigned(passed[i]);
                    }
                }
            }
            return true;
        }

        /** Room in the current block for {@code s} at its largest, starting another block where it lacks. */
        private boolean reserve(Snapshot s) {
            long bound = 3L * MAX_VARINT;
            for (TargetSnapshot t : s.targets()) {
                bound += 3L * MAX_VARINT + (long) t.starts().length * (t.hasFilterPassed() ? 5 : 4) * MAX_VARINT;
            }
            if (pos + bound <= block.length) {
                return true;
            }
            if (bound > Integer.MAX_VALUE - 8) {
                return false;
            }
            if (pos > 0) {
                blocks.add(block);
                lengths.add(pos);
                finishedBytes += block.length;
            }
            block = new byte[(int) Math.max(BLOCK, bound)];
            pos = 0;
            return true;
        }

        private void writeSigned(long v) {
            long u = (v << 1) ^ (v >> 63);
            while ((u & ~0x7FL) != 0) {
                block[pos++] = (byte) (u | 0x80);
                u >>>= 7;
            }
            block[pos++] = (byte) u;
        }

        /** Reads the snapshots back in order; the packing must not grow while read. */
        Reader reader() {
            return new Reader();
        }

        /** Decodes {@code count} zigzag varints from {@code b[p]} into {@code out}; the position after them. */
        private static int readSigned(byte[] b, int p, long[] out, int count) {
            for (int i = 0; i < count; i++) {
                long u = 0;
                int shift = 0;
                byte x;
                do {
                    x = b[p++];
                    u |= (long) (x & 0x7F) << shift;
                    shift += 7;
                } while (x < 0);
                out[i] = (u >>> 1) ^ -(u & 1);
            }
            return p;
        }

        final class Reader {
            private final long[] scalars = new long[3];
            /** The accesses and ages columns as decoded, narrowed to ints in the pass that rebuilds the addresses. */
            private long[] accessColumn = new long[0];
            private long[] ageColumn = new long[0];
            private int blockIndex;
            private byte[] b = blocks.isEmpty() ? block : blocks.getFirst();
            private int limit = blocks.isEmpty() ? pos : lengths.getFirst();
            private int p;
            private long startNs;

            /** The next snapshot, or null after the last. */
            Snapshot next() {
                while (p == limit && blockIndex < blocks.size()) {
                    blockIndex++;
                    b = blockIndex < blocks.size() ? blocks.get(blockIndex) : block;
                    limit = blockIndex < blocks.size() ? lengths.get(blockIndex) : pos;
                    p = 0;
                }
                if (p == limit) {
                    return null;
                }
                byte[] b = this.b;
                int p = readSigned(b, this.p, scalars, 3);
                startNs += scalars[0];
                long endNs = startNs + scalars[1];
                int targets = (int) scalars[2];
                List<TargetSnapshot> out = new ArrayList<>(targets);
                for (int k = 0; k < targets; k++) {
                    p = readSigned(b, p, scalars, 3);
                    int id = (int) scalars[0];
                    int n = (int) scalars[1];
                    int shift = (int) (scalars[2] >>> 1);
                    long[] starts = new long[n];
                    long[] ends = new long[n];
                    int[] nr = new int[n];
                    int[] ages = new int[n];
                    long[] passed = (scalars[2] & 1) != 0 ? new long[n] : null;
                    p = readSigned(b, p, starts, n);
                    p = readSigned(b, p, ends, n);
                    if (accessColumn.length < n) {
                        accessColumn = new long[n];
                        ageColumn = new long[n];
                    }
                    p = readSigned(b, p, accessColumn, n);
                    p = readSigned(b, p, ageColumn, n);
                    if (passed != null) {
                        p = readSigned(b, p, passed, n);
                    }
                    long previousEnd = 0;
                    for (int i = 0; i < n; i++) {
                        long start = previousEnd + (starts[i] << shift);
                        previousEnd = start + (ends[i] << shift);
                        starts[i] = start;
                        ends[i] = previousEnd;
                        nr[i] = (int) accessColumn[i];
                        ages[i] = (int) ageColumn[i];
                    }
                    out.add(new TargetSnapshot(id, starts, ends, nr, ages, passed));
                }
                this.p = p;
                return new Snapshot(startNs, endNs, out);
            }
        }
    }
}
