package org.jdamon.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdamon.record.Recording;

/**
 * Reads the record files the report commands are given, turning missing, unreadable and empty inputs into
 * one-line {@link UserException}s that name the file.
 */
final class RecordInputs {
    private RecordInputs() {}

    /** How a path becomes a recording; the record package's reader once merged. */
    interface Reader {
        Recording read(Path path) throws IOException;
    }

    static Reader reader = path -> {
        throw new UserException(path + ": reading record files needs the record reader (not in this build yet)");
    };

    static Recording read(Path path) {
        if (!Files.exists(path)) {
            throw new UserException("no such record file: " + path);
        }
        if (Files.isDirectory(path)) {
            throw new UserException(path + ": is a directory, not a record file");
        }
        if (!Files.isReadable(path)) {
            throw new UserException(path + ": permission denied");
        }
        try {
            if (Files.size(path) == 0) {
                throw new UserException(path + ": empty file, not a record");
            }
            return reader.read(path);
        } catch (IOException e) {
            throw new UserException(path + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /** Like {@link #read} but also refuses records without any snapshot, for reports that need data. */
    static Recording readWithSnapshots(Path path) {
        Recording rec = read(path);
        if (rec.snapshots().isEmpty()) {
            String why = rec.warnings().isEmpty() ? "" : " (" + rec.warnings().getFirst() + ")";
            throw new UserException(path + ": the record has no snapshots" + why);
        }
        return rec;
    }
}
