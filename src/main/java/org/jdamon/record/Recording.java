package org.jdamon.record;

import java.util.List;

/**
 * A record file read into memory: its header, its snapshots in time order, its side data, and what the
 * reader had to skip (a truncated tail, a corrupt chunk), each as one human-readable line.
 */
public record Recording(
        RecordHeader header, List<Snapshot> snapshots, List<SideData> sideData, List<String> warnings) {
    public Recording {
        snapshots = List.copyOf(snapshots);
        sideData = List.copyOf(sideData);
        warnings = List.copyOf(warnings);
    }
}
