package org.jdamon.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jdamon.record.RecordSource;
import org.jdamon.record.damo.DamoFileType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jdamon convert_record_format}: damo's command of that name, with its options and defaults: any
 * record jdamon reads (its own, or damo's) rewritten in one of the file types damo writes, so that damo and
 * its scripts can read jdamon's records. Read and written one snapshot at a time.
 */
@Command(name = "convert_record_format", mixinStandardHelpOptions = true,
        description = "Convert a record file (jdamon's or damo's) to a file type damo reads and writes "
                + "(json_compressed, json, perf_script), as damo's convert_record_format.")
public final class ConvertRecordFormatCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--record_file", paramLabel = "FILE", defaultValue = "damon.data",
            description = "The record file (default: ${DEFAULT-VALUE}).")
    Path recordFile;

    @Option(names = "--format", paramLabel = "TYPE", defaultValue = "json_compressed",
            description = "New file type: json_compressed, json or perf_script (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--output_file", paramLabel = "FILE",
            description = "The converted file (default: the record file itself, replaced once converted).")
    Path outputFile;

    @Override
    public Integer call() {
        DamoFileType type = DamoFileType.of(format);
        if (type == null) {
            throw new UserException("--format: one of " + DamoFileType.names() + ", not '" + format + "'", true);
        }
        Path out = outputFile != null ? outputFile : recordFile;
        RecordSource source = RecordInputs.source(recordFile, spec.commandLine().getErr());
        try {
            type.write(source, out);
        } catch (IOException e) {
            throw RecordInputs.failure(recordFile, e);
        }
        return 0;
    }
}
