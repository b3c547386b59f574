package org.jdamon.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jdamon.ops.trace.TraceFormatException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Turns exceptions into one-line messages and the exit codes of {@link Main}. */
final class Errors {
    static final int RUNTIME = 1;
    static final int USAGE = 2;

    private Errors() {}

    static int exitCode(Throwable t) {
        if (t instanceof UserException u && u.usage()) {
            return USAGE;
        }
        if (t instanceof TraceFormatException || t instanceof NoSuchFileException) {
            return USAGE; // a trace that is not one, a path that is not there: the user's to fix
        }
        if (t instanceof IllegalArgumentException && !(t instanceof NumberFormatException)) {
            return USAGE;
        }
        return RUNTIME;
    }

    static int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        Throwable t = ex;
        if (t instanceof UncheckedIOException u) {
            t = u.getCause();
        }
        String msg = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        if (t instanceof IOException && !(t instanceof NoSuchFileException)) {
            msg = t.getClass().getSimpleName().replace("Exception", "") + ": " + msg;
        } else if (t instanceof NoSuchFileException) {
            msg = missingPathMessage(msg);
        }
        cl.getErr().println("jdamon: " + oneLine(msg));
        if (System.getenv("JDAMON_DEBUG") != null) {
            t.printStackTrace(cl.getErr());
        }
        return exitCode(t);
    }

    /**
     * The message as one line: control characters that came from the user's input (a newline in an
     * option's value, a NUL or CR from a file) are shown as {@code \xNN}.
     */
    static String oneLine(String message) {
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

    /** Names the missing directory when that is why a file could not be opened or created. */
    static String missingPathMessage(String path) {
        try {
            Path parent = Path.of(path).toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                return "no such directory: " + parent + " (for " + path + ")";
            }
        } catch (InvalidPathException notAPath) {
            // the exception's message was not a plain path: keep it as it is
        }
        return "no such file: " + path;
    }

    static int handleParameterException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        cl.getErr().println("jdamon: " + oneLine(ex.getMessage()));
        cl.getErr().println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        return USAGE;
    }
}
