package org.jdamon.cli;

import java.util.function.Supplier;

/** A record whose DAMOS chunks cannot be decoded becomes a one-line error naming the file. */
final class ReportErrors {
    private ReportErrors() {}

    static <T> T run(RecordInput input, Supplier<T> report) {
        try {
            return report.get();
        } catch (IllegalArgumentException e) {
            throw new UserException(input.path() + ": " + e.getMessage(), true);
        }
    }
}
