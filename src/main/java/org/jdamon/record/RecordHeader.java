package org.jdamon.record;

import java.util.List;
import java.util.Map;
import org.jdamon.core.Attributes;
import org.jdamon.core.damos.DamosFilter;

/**
 * What a record says about itself before its first snapshot: format and tool versions, the monitoring
 * attributes, the operations set and its access primitive, the targets, and the start time (epoch ns).
 * {@code properties} carries free-form facts (workload name, seed, command line, ...).
 * {@code snapshotFilters} are the DAMOS filters of the scheme the snapshots were taken through (damo's
 * {@code scheme_filters}): the per-region {@link TargetSnapshot#filterPassed()} sizes are the bytes that
 * passed them. Empty when the snapshots went through no filter.
 */
public record RecordHeader(
        int formatVersion,
        String toolVersion,
        Attributes attributes,
        String operations,
        List<TargetInfo> targets,
        long startEpochNs,
        Map<String, String> properties,
        List<DamosFilter> snapshotFilters) {

    public RecordHeader {
        targets = List.copyOf(targets);
        properties = Map.copyOf(properties);
        snapshotFilters = List.copyOf(snapshotFilters);
    }

    /** A header whose snapshots went through no DAMOS filter. */
    public RecordHeader(int formatVersion, String toolVersion, Attributes attributes, String operations,
            List<TargetInfo> targets, long startEpochNs, Map<String, String> properties) {
        this(formatVersion, toolVersion, attributes, operations, targets, startEpochNs, properties, List.of());
    }

    /** The same header with these snapshot filters. */
    public RecordHeader withSnapshotFilters(List<DamosFilter> filters) {
        return new RecordHeader(formatVersion, toolVersion, attributes, operations, targets, startEpochNs,
                properties, filters);
    }
}
