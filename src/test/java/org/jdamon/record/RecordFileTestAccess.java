package org.jdamon.record;

/** Lets tests of other packages compare snapshots field by field. */
public final class RecordFileTestAccess {
    private RecordFileTestAccess() {}

    public static void assertSameSnapshot(Snapshot a, Snapshot b) {
        RecordFileTest.assertSameSnapshot(a, b);
    }
}
