package org.jdamon.ops.sim;

/**
 * A bad masim configuration: the message names {@code file:line} and the problem, in one line, so the
 * CLI can print it as is.
 */
public final class MasimConfigException extends IllegalArgumentException {
    private final String file;
    private final int line;

    public MasimConfigException(String file, int line, String problem) {
        super(oneLine(line > 0 ? file + ":" + line + ": " + problem : file + ": " + problem));
        this.file = file;
        this.line = line;
    }

    /** Control characters quoted from the file (a stray CR, a NUL) are shown as {@code \xNN}. */
    private static String oneLine(String message) {
        StringBuilder sb = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append("\\x%02X".formatted((int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    public String file() {
        return file;
    }

    /** 1-based line number, or 0 when the problem concerns the whole file. */
    public int line() {
        return line;
    }
}
