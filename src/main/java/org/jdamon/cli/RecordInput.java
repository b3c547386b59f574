package org.jdamon.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.jdamon.record.RecordFiles;
import org.jdamon.record.Recording;
import picocli.CommandLine.Option;

/** The {@code -i/--input} option of the text reports, read through {@link RecordInputs}. */
final class RecordInput {
    @Option(names = {"-i", "--input"}, paramLabel = "FILE", defaultValue = RecordFiles.DEFAULT_NAME,
            description = "Record file: jdamon's, or damo's json, json_compressed, perf_script or damon.data (default: ${DEFAULT-VALUE}).")
    Path input;

    Recording load(PrintWriter err) {
        return RecordInputs.read(input, err);
    }

    Recording loadWithSnapshots(PrintWriter err) {
        return RecordInputs.readWithSnapshots(input, err);
    }

    /** A source for reports that read the record more than once; see {@link RecordInputs#source(Path, PrintWriter)}. */
    org.jdamon.record.RecordSource source(PrintWriter err) {
        return RecordInputs.source(input, err);
    }

    /** Runs {@code use} over the record read one snapshot at a time (bounded memory for jdamon files). */
    <T> T stream(PrintWriter err, RecordInputs.StreamUse<T> use) {
        return RecordInputs.stream(input, err, use);
    }
}
