package org.jdamon.report;

import java.util.ArrayList;
import java.util.List;
import org.jdamon.record.Recording;
import org.jdamon.record.Snapshot;
import org.jdamon.record.TargetInfo;
import org.jdamon.record.TargetSnapshot;

/**
 * One target's view of a recording, shaped like one of damo's per-target records: the snapshots that
 * contain the target, each with the target's regions.
 */
record TargetSeries(TargetInfo target, List<Snapshot> snapshots, List<TargetSnapshot> regions) {

    static List<TargetSeries> of(Recording r) {
        List<TargetSeries> out = new ArrayList<>();
        for (TargetInfo t : r.header().targets()) {
            List<Snapshot> snaps = new ArrayList<>();
            List<TargetSnapshot> regs = new ArrayList<>();
            for (Snapshot s : r.snapshots()) {
                TargetSnapshot ts = s.target(t.id());
                if (ts != null) {
                    snaps.add(s);
                    regs.add(ts);
                }
            }
            out.add(new TargetSeries(t, snaps, regs));
        }
        return out;
    }

    int size() {
        return snapshots.size();
    }
}
