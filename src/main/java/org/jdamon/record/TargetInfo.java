package org.jdamon.record;

/**
 * A monitored target as a record describes it: its id in snapshots, pid (-1 if none) and a label.
 * {@code recordedId} is the target id exactly as a damo record or trace wrote it (a DAMON target index,
 * or a kernel pointer printed as a u64 such as {@code 18446623438842320000}), as damo prints it
 * ({@code None} for a damo record whose target_id is null); null for jdamon's own records.
 */
public record TargetInfo(int id, long pid, String name, String recordedId) {

    public TargetInfo(int id, long pid, String name) {
        this(id, pid, name, null);
    }

    /** The id damo would print for this target: the recorded one, else the index. */
    public String damoId() {
        return recordedId != null ? recordedId : Integer.toString(id);
    }
}
