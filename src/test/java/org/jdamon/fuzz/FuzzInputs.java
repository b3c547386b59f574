package org.jdamon.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The property every parser fuzz test checks, in one place: an input either parses or fails with one of
 * our error types whose message names the file. Anything else (another exception, an
 * {@link OutOfMemoryError}, a hang caught by Jazzer's timeout) escapes the fuzz target and is a finding.
 * Inputs are written to a real file because the file's name in the message is part of the property.
 */
final class FuzzInputs {
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("jdamon-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FuzzInputs() {}

    /** Writes {@code data} to {@code name} in this JVM's fuzz directory (overwritten by every input). */
    static Path write(String name, byte[] data) {
        Path p = DIR.resolve(name);
        try {
            Files.write(p, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /**
     * Fails unless {@code error}'s message names {@code file} and leaks no Java internals (a null-pointer
     * text, Jackson's package) unless the input itself holds those words (the fuzzer learns the strings
     * this method compares against and writes them into inputs). Control characters quoted from the
     * input (a CR inside a line) may remain: the command line prints every message on one line.
     */
    static void assertNamesFile(Throwable error, Path file, byte[] input) {
        String m = error.getMessage();
        if (m == null || !m.contains(file.toString())) {
            throw new AssertionError("error does not name " + file + ": " + error, error);
        }
        for (String internal : INTERNALS) {
            if (m.contains(internal) && !new String(input, StandardCharsets.ISO_8859_1).contains(internal)) {
                throw new AssertionError("error leaks Java internals: " + error, error);
            }
        }
    }

    private static final String[] INTERNALS = {"Cannot invoke", "because \"", "tools.jackson.", "java.lang.", "java.io."};
}
