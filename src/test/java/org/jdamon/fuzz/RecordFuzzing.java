package org.jdamon.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jdamon.record.files.RecordFiles;
import org.jdamon.record.RecordStream;

/**
 * A record file read the two ways reports read one: whole ({@link RecordFiles#read}) and streamed
 * snapshot by snapshot ({@link RecordFiles#open}); a failure must be an {@link IOException} naming it.
 */
final class RecordFuzzing {
    private RecordFuzzing() {}

    static void readBothWays(Path file, byte[] input) {
        try {
            RecordFiles.read(file);
        } catch (IOException e) {
            FuzzInputs.assertNamesFile(e, file, input);
        }
        try (RecordStream s = RecordFiles.open(file)) {
            while (s.nextSnapshot() != null) {
                // every snapshot decoded
            }
        } catch (IOException e) {
            FuzzInputs.assertNamesFile(e, file, input);
        } catch (UncheckedIOException e) {
            FuzzInputs.assertNamesFile(e.getCause(), file, input);
        }
    }
}
