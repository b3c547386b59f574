package org.jdamon.record;

import java.util.List;

/**
 * The monitoring result of one aggregation window {@code [startNs, endNs)}, in nanoseconds since the
 * record's start, for every target.
 */
public record Snapshot(long startNs, long endNs, List<TargetSnapshot> targets) {
    public Snapshot {
        targets = List.copyOf(targets);
    }

    public TargetSnapshot target(int targetId) {
        for (TargetSnapshot t : targets) {
            if (t.targetId() == targetId) {
                return t;
            }
        }
        return null;
    }
}
