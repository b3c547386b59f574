package org.jdamon.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
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
        if (t instanceof IOException && !(t instanceof java.nio.file.NoSuchFileException)) {
            msg = t.getClass().getSimpleName().replace("Exception", "") + ": " + msg;
        } else if (t instanceof java.nio.file.NoSuchFileException) {
            msg = "no such file: " + msg;
        }
        cl.getErr().println("jdamon: " + msg);
        if (System.getenv("JDAMON_DEBUG") != null) {
            t.printStackTrace(cl.getErr());
        }
        return exitCode(t);
    }

    static int handleParameterException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        cl.getErr().println("jdamon: " + ex.getMessage());
        cl.getErr().println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        return USAGE;
    }
}
