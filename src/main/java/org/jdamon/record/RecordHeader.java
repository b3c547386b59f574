package org.jdamon.record;

import java.util.List;
import java.util.Map;
import org.jdamon.core.Attributes;

/**
 * What a record says about itself before its first snapshot: format and tool versions, the monitoring
 * attributes, the operations set and its access primitive, the targets, and the start time (epoch ns).
 * {@code properties} carries free-form facts (workload name, seed, command line, ...).
 */
public record RecordHeader(
        int formatVersion,
        String toolVersion,
        Attributes attributes,
        String operations,
        List<TargetInfo> targets,
        long startEpochNs,
        Map<String, String> properties) {

    public RecordHeader {
        targets = List.copyOf(targets);
        properties = Map.copyOf(properties);
    }
}
