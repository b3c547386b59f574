package org.jdamon.record.damo;

import java.io.IOException;
import java.util.List;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.RecordSource;
import org.jdamon.record.RecordStream;
import org.jdamon.record.TargetInfo;

/**
 * Reads a record once per target, for writers of damo's formats, which keep one series per target: memory
 * stays one snapshot. A damo stream names its targets as it meets them, so the first pass also completes
 * the list when the header starts empty.
 */
final class TargetPasses {
    private TargetPasses() {}

    /** What a writer does in the pass of one target. */
    @FunctionalInterface
    interface Pass {
        /** {@code s} is open at its start; {@code h} its header when opened. */
        void run(RecordHeader h, int targetId, RecordStream s) throws IOException;
    }

    static void forEachTarget(RecordSource source, Pass pass) throws IOException {
        List<TargetInfo> targets = null;
        for (int i = 0; targets == null || i < targets.size(); ) {
            try (RecordStream s = source.open()) {
                List<TargetInfo> known = targets != null ? targets : s.header().targets();
                if (known.isEmpty()) {
                    while (s.nextSnapshot() != null) {
                        // find the targets
                    }
                    targets = s.header().targets();
                    if (targets.isEmpty()) {
                        return;
                    }
                    continue;
                }
                pass.run(s.header(), known.get(i).id(), s);
                while (s.nextSnapshot() != null) {
                    // the rest, so that the header is complete
                }
                targets = s.header().targets();
                i++;
            }
        }
    }
}
