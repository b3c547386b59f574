package org.jdamon.record;

import java.io.IOException;

/**
 * Something that can be read from the start as often as needed: reports that print target by target
 * (damo's raw form) make one pass per target instead of holding a long record in memory.
 */
@FunctionalInterface
public interface RecordSource {
    RecordStream open() throws IOException;

    static RecordSource of(Recording r) {
        return () -> RecordStream.of(r);
    }
}
