package org.jdamon.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jdamon.record.RecordFiles;
import org.jdamon.record.Recording;
import picocli.CommandLine.Option;

/**
 * The {@code -i/--input} option of reports and the loading of the record it names: any format {@link
 * RecordFiles} knows; what the reader skipped goes to stderr as one {@code warning:} line each; a file
 * that cannot be read becomes a one-line error naming it.
 */
final class RecordInput {
    @Option(names = {"-i", "--input"}, paramLabel = "FILE", defaultValue = RecordFiles.DEFAULT_NAME,
            description = "Record file (jdamon, or damo json/json_compressed/damon.data); default: ${DEFAULT-VALUE}.")
    Path input;

    Recording load(PrintWriter err) {
        Recording r;
        try {
            r = RecordFiles.read(input);
        } catch (NoSuchFileException e) {
            throw new UserException(input + ": no such record file (record one with 'jdamon record' or pass -i FILE)");
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new UserException(msg.startsWith(input.toString()) ? msg : input + ": " + msg);
        }
        for (String w : r.warnings()) {
            err.println("jdamon: warning: " + input + ": " + w);
        }
        err.flush();
        return r;
    }

    Recording loadWithSnapshots(PrintWriter err) {
        Recording r = load(err);
        if (r.snapshots().isEmpty()) {
            throw new UserException(input + ": the record holds no snapshot");
        }
        return r;
    }
}
