package org.jdamon.record;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A record read one snapshot at a time, so that a long record (an hour at 100 ms is 36,000 snapshots)
 * need not be held in memory. {@code record.files.RecordFiles.open} gives one for any format: jdamon files are
 * streamed from disk, damo's formats (which cannot be streamed) are parsed first.
 */
public interface RecordStream extends Closeable, Iterable<Snapshot> {
    RecordHeader header();

    /**
     * Whether {@link #header()} may still change as snapshots are read: damo's records name targets and
     * their data source only as they are met, so theirs is complete once {@link #nextSnapshot()} returned null.
     */
    default boolean headerGrows() {
        return false;
    }

    /** The next snapshot, or null at the end. */
    Snapshot nextSnapshot() throws IOException;

    /** Side data met so far; all of it once {@link #nextSnapshot()} returned null. */
    List<SideData> sideData();

    /** What the reader skipped so far, one line each; complete once {@link #nextSnapshot()} returned null. */
    List<String> warnings();

    @Override
    default Iterator<Snapshot> iterator() {
        return new Iterator<>() {
            private Snapshot next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = nextSnapshot();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return next != null;
            }

            @Override
            public Snapshot next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Snapshot s = next;
                next = null;
                return s;
            }
        };
    }

    /** A stream over a recording already in memory. */
    static RecordStream of(Recording r) {
        return new RecordStream() {
            private int next;

            @Override
            public RecordHeader header() {
                return r.header();
            }

            @Override
            public Snapshot nextSnapshot() {
                return next < r.snapshots().size() ? r.snapshots().get(next++) : null;
            }

            @Override
            public List<SideData> sideData() {
                return r.sideData();
            }

            @Override
            public List<String> warnings() {
                return r.warnings();
            }

            @Override
            public void close() {}
        };
    }
}
