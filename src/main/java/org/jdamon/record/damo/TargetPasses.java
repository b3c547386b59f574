package org.jdamon.record.damo;

import java.io.IOException;
import org.jdamon.record.RecordHeader;
import org.jdamon.record.RecordSource;
import org.jdamon.record.RecordStream;
import org.jdamon.record.TargetInfo;

/**
 * Reads a record once per target, for writers of damo's formats, which keep one series per target: memory
 * stays one snapshot. When the header is complete only at the end (a damo stream names its targets as it
 * meets them), a first pass reads it.
 */
final class TargetPasses {
    private TargetPasses() {}

    /** What a writer does in the pass of one target. */
    @FunctionalInterface
    interface Pass {
        /** {@code s} is open at its start; {@code h} the record's complete header. */
        void run(RecordHeader h, TargetInfo target, RecordStream s) throws IOException;
    }

    static void forEachTarget(RecordSource source, Pass pass) throws IOException {
        RecordHeader h;
        try (RecordStream s = source.open()) {
            if (s.headerGrows()) {
                while (s.nextSnapshot() != null) {
                    // to the end, where the header is complete
                }
            }
            h = s.header();
        }
        for (TargetInfo t : h.targets()) {
            try (RecordStream s = source.open()) {
                pass.run(h, t, s);
            }
        }
    }
}
