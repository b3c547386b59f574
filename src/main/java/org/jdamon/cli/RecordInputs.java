package org.jdamon.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jdamon.record.files.RecordFiles;
import org.jdamon.record.RecordFormatException;
import org.jdamon.record.RecordSource;
import org.jdamon.record.RecordStream;
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
        checkPath(path);
        Recording rec;
        try {
            rec = RecordFiles.read(path);
        } catch (IOException e) {
            throw failure(path, e);
        }
        printWarnings(path, rec.warnings(), err);
        noteAccessPrimitive(path, rec.header(), err);
        return rec;
    }

    /** Says once, on stderr, when the record cannot show reads (soft-dirty sees writes only). */
    static void noteAccessPrimitive(Path path, org.jdamon.record.RecordHeader header, PrintWriter err) {
        String primitive = header == null ? null : header.properties().get("access_primitive");
        if (primitive != null && primitive.contains("writes only")) {
            err.println("jdamon: note: " + path + " was recorded with " + primitive
                    + ": reads are invisible in it");
            err.flush();
        }
    }

    /** What a report does with a record stream. */
    @FunctionalInterface
    interface StreamUse<T> {
        T apply(RecordStream s) throws IOException;
    }

    /**
     * Runs {@code use} over {@code path} read one snapshot at a time; what the reader skipped is printed
     * once the stream is done.
     */
    static <T> T stream(Path path, PrintWriter err, StreamUse<T> use) {
        checkPath(path);
        try (RecordStream s = RecordFiles.open(path)) {
            noteAccessPrimitive(path, s.header(), err);
            T result = use.apply(s);
            while (s.nextSnapshot() != null) {
                // drain, so that warnings about the tail are complete
            }
            printWarnings(path, s.warnings(), err);
            return result;
        } catch (IOException e) {
            throw failure(path, e);
        } catch (UncheckedIOException e) {
            throw failure(path, e.getCause());
        }
    }

    /** A source for reports that read the record more than once (one pass per target). */
    static RecordSource source(Path path) {
        checkPath(path);
        try {
            return RecordFiles.source(path);
        } catch (IOException e) {
            throw failure(path, e);
        }
    }

    /**
     * Like {@link #source(Path)}, saying once what the first complete pass met: the access-primitive note
     * and what the reader skipped.
     */
    static RecordSource source(Path path, PrintWriter err) {
        RecordSource source = source(path);
        boolean[] told = {false};
        return () -> {
            RecordStream s = source.open();
            if (told[0]) {
                return s;
            }
            return new RecordStream() {
                boolean ended;

                @Override
                public org.jdamon.record.RecordHeader header() {
                    return s.header();
                }

                @Override
                public org.jdamon.record.Snapshot nextSnapshot() throws IOException {
                    org.jdamon.record.Snapshot n = s.nextSnapshot();
                    ended |= n == null;
                    return n;
                }

                @Override
                public java.util.List<org.jdamon.record.SideData> sideData() {
                    return s.sideData();
                }

                @Override
                public java.util.List<String> warnings() {
                    return s.warnings();
                }

                @Override
                public void close() throws IOException {
                    if (ended && !told[0]) {
                        told[0] = true;
                        noteAccessPrimitive(path, s.header(), err);
                        printWarnings(path, s.warnings(), err);
                    }
                    s.close();
                }
            };
        };
    }

    static void printWarnings(Path path, java.util.List<String> warnings, PrintWriter err) {
        for (String w : warnings) {
            err.println("jdamon: warning: " + path + ": " + w);
        }
        err.flush();
    }

    private static void checkPath(Path path) {
        if (Files.isDirectory(path)) {
            throw new UserException(path + ": is a directory, not a record file", true);
        }
        if (Files.exists(path) && !Files.isReadable(path)) {
            throw new UserException(path + ": permission denied", true);
        }
    }

    static UserException failure(Path path, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new UserException(path + ": no such record file (record one with 'jdamon record' or pass -i FILE)", true);
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // a file that is not a readable record is the user's to fix (exit 2); a failing disk is not
        return new UserException(msg.startsWith(path.toString()) ? msg : path + ": " + msg,
                e instanceof RecordFormatException, e);
    }



    static Recording readWithSnapshots(Path path) {
        return readWithSnapshots(path, new PrintWriter(System.err, true));
    }

    /** Like {@link #read} but also refuses records without any snapshot, for reports that need data. */
    static Recording readWithSnapshots(Path path, PrintWriter err) {
        Recording rec = read(path, err);
        if (rec.snapshots().isEmpty()) {
            throw new UserException(path + ": the record holds no snapshot", true);
        }
        return rec;
    }
}
