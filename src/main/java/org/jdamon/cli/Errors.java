package org.jdamon.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
        cl.getErr().println("jdamon: " + msg);
        if (System.getenv("JDAMON_DEBUG") != null) {
            t.printStackTrace(cl.getErr());
        }
        return exitCode(t);
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
        cl.getErr().println("jdamon: " + ex.getMessage());
        cl.getErr().println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        return USAGE;
    }
}
