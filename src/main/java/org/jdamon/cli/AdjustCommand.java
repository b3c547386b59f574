package org.jdamon.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.jdamon.record.Recording;
import org.jdamon.report.AccessReport;
import org.jdamon.record.files.DamoRecordFiles;
import org.jdamon.report.SnapshotAggregator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jdamon adjust}: damo's adjust, a record re-aggregated and filtered into a damo record file. */
@Command(name = "adjust", mixinStandardHelpOptions = true,
        description = "Write a record re-aggregated over a longer interval (--aggregate_interval, after --skip "
                + "snapshots) and filtered by region, as damo's json_compressed (default) or json.")
final class AdjustCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RecordInput input;

    @Mixin
    AccessFilterOptions filters;

    @Option(names = "--aggregate_interval", paramLabel = "US",
            description = "New aggregation interval in microseconds (default: keep the snapshots as they are).")
    Long aggregateIntervalUs;

    @Option(names = "--skip", defaultValue = "20", paramLabel = "N",
            description = "Snapshots of each target to skip before aggregating (default: ${DEFAULT-VALUE}).")
    int skip;

    @Option(names = {"-o", "--output"}, defaultValue = "damon.adjusted.data", paramLabel = "FILE",
            description = "Output file (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--output_type", defaultValue = "json_compressed", paramLabel = "TYPE",
            description = "json_compressed (default) or json.")
    String outputType;

    @Option(names = "--output_permission", defaultValue = "600", paramLabel = "OCTAL",
            description = "Permission of the output file (default: ${DEFAULT-VALUE}).")
    String outputPermission;

    @Override
    public void run() {
        DamoRecordFiles.Type type;
        Set<PosixFilePermission> permission;
        try {
            type = DamoRecordFiles.Type.parse(outputType);
            permission = DamoRecordFiles.permission(outputPermission);
            if (aggregateIntervalUs != null && aggregateIntervalUs <= 0) {
                throw new IllegalArgumentException("--aggregate_interval must be positive");
            }
            if (skip < 0) {
                throw new IllegalArgumentException("--skip must not be negative");
            }
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), true);
        }
        Recording r = AccessReport.filter(input.loadWithSnapshots(spec.commandLine().getErr()), filters.toFilter());
        if (aggregateIntervalUs != null) {
            r = SnapshotAggregator.adjust(r, aggregateIntervalUs, skip);
        }
        try {
            DamoRecordFiles.write(r, output, type, permission);
        } catch (IOException e) {
            throw new UserException(output + ": cannot write (" + e.getMessage() + ")", e);
        }
    }
}
