package org.jdamon.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jdamon.record.RecordFiles;
import org.jdamon.record.Recording;

/**
 * Reads the record files the report commands are given (any format {@link RecordFiles} knows), turning
 * missing, unreadable and empty inputs into one-line {@link UserException}s that name the file, and
 * printing what the reader skipped (a torn tail, a corrupt chunk) as one {@code warning:} line each.
 */
final class RecordInputs {
    private RecordInputs() {}

    static Recording read(Path path) {
        return read(path, new PrintWriter(System.err, true));
    }

    static Recording read(Path path, PrintWriter err) {
        if (Files.isDirectory(path)) {
            throw new UserException(path + ": is a directory, not a record file");
        }
        if (Files.exists(path) && !Files.isReadable(path)) {
            throw new UserException(path + ": permission denied");
        }
        Recording rec;
        try {
            rec = RecordFiles.read(path);
        } catch (NoSuchFileException e) {
            throw new UserException(path + ": no such record file (record one with 'jdamon record' or pass -i FILE)");
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new UserException(msg.startsWith(path.toString()) ? msg : path + ": " + msg, e);
        }
        for (String w : rec.warnings()) {
            err.println("jdamon: warning: " + path + ": " + w);
        }
        err.flush();
        return rec;
    }

    static Recording readWithSnapshots(Path path) {
        return readWithSnapshots(path, new PrintWriter(System.err, true));
    }

    /** Like {@link #read} but also refuses records without any snapshot, for reports that need data. */
    static Recording readWithSnapshots(Path path, PrintWriter err) {
        Recording rec = read(path, err);
        if (rec.snapshots().isEmpty()) {
            throw new UserException(path + ": the record holds no snapshot");
        }
        return rec;
    }
}
