package org.jdamon.io;

import java.io.IOException;

/**
 * A file the user gave that cannot be taken in as it is: too large for its kind, or not the text it
 * should be. The message is one line, {@code file[:line]: problem}; callers that have their own error
 * type rebuild it from {@link #file()}, {@link #line()} and {@link #problem()}.
 */
public final class InputFileException extends IOException {
    private final String file;
    private final int line;
    private final String problem;

    public InputFileException(String file, int line, String problem) {
        super((line > 0 ? file + ":" + line : file) + ": " + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    /** 1-based line, or 0 when the problem concerns the whole file. */
    public int line() {
        return line;
    }

    public String problem() {
        return problem;
    }
}
