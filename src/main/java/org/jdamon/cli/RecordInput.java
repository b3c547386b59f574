package org.jdamon.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdamon.record.files.RecordFiles;
import org.jdamon.record.Recording;
import picocli.CommandLine.Option;

/**
 * The {@code -i/--input} option of the text reports, read through {@link RecordInputs}. Without it the
 * input is jdamon's {@code jdamon.data}, or, when that does not exist and damo's {@code damon.data}
 * does, {@code damon.data} (where damo would read it); the fallback is said on stderr.
 */
final class RecordInput {
    /** damo's default record file name. */
    static final String DAMO_DEFAULT_NAME = "damon.data";

    @Option(names = {"-i", "--input"}, paramLabel = "FILE",
            description = "Record file: jdamon's, or damo's json, json_compressed, perf_script or damon.data "
                    + "(default: " + RecordFiles.DEFAULT_NAME + ", else damo's " + DAMO_DEFAULT_NAME
                    + " when only that exists).")
    Path input;

    private boolean resolved;

    /** The file to read; resolving the default says on {@code err} when it falls back to damon.data. */
    Path path(PrintWriter err) {
        if (!resolved) {
            resolved = true;
            if (input == null) {
                input = defaultInput(Path.of(""), err);
            }
        }
        return input;
    }

    Path path() {
        return path(new PrintWriter(System.err, true));
    }

    /** {@code jdamon.data} in {@code dir}, else {@code damon.data} if only that exists (noted on {@code err}). */
    static Path defaultInput(Path dir, PrintWriter err) {
        Path ours = dir.resolve(RecordFiles.DEFAULT_NAME);
        Path damos = dir.resolve(DAMO_DEFAULT_NAME);
        if (!Files.exists(ours) && Files.isRegularFile(damos)) {
            err.println("jdamon: reading " + damos + " (no -i given and no " + ours + ")");
            err.flush();
            return damos;
        }
        return ours;
    }

    Recording load(PrintWriter err) {
        return RecordInputs.read(path(err), err);
    }

    Recording loadWithSnapshots(PrintWriter err) {
        return RecordInputs.readWithSnapshots(path(err), err);
    }

    /** A source for reports that read the record more than once; see {@link RecordInputs#source(Path, PrintWriter)}. */
    org.jdamon.record.RecordSource source(PrintWriter err) {
        return RecordInputs.source(path(err), err);
    }

    /** Runs {@code use} over the record read one snapshot at a time (bounded memory for jdamon files). */
    <T> T stream(PrintWriter err, RecordInputs.StreamUse<T> use) {
        return RecordInputs.stream(path(err), err, use);
    }
}
