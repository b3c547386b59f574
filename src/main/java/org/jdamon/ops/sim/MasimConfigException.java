package org.jdamon.ops.sim;

/**
 * A bad masim configuration: the message names {@code file:line} and the problem, in one line, so the
 * CLI can print it as is.
 */
public final class MasimConfigException extends IllegalArgumentException {
    private final String file;
    private final int line;

    public MasimConfigException(String file, int line, String problem) {
        super(line > 0 ? file + ":" + line + ": " + problem : file + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    /** 1-based line number, or 0 when the problem concerns the whole file. */
    public int line() {
        return line;
    }
}
