package org.jdamon.record;

import java.io.IOException;

/** A record file that cannot be read at all: not a record, an unsupported version, no intact header. */
public class RecordFormatException extends IOException {
    public RecordFormatException(String message) {
        super(message);
    }
}
