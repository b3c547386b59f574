package org.jdamon.record;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writing a record failed part way (a full disk, a quota, a device error): names the file; every
 * snapshot completed before the failure was flushed whole and stays readable.
 */
public final class RecordWriteException extends IOException {
    private final Path path;

    public RecordWriteException(Path path, IOException cause) {
        super(path + ": " + (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName()), cause);
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
