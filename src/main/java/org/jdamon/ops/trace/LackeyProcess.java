package org.jdamon.ops.trace;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command under {@code valgrind --tool=lackey --trace-mem=yes} and hands its trace over as a
 * stream while it runs. The trace travels through a named pipe in a private temporary directory (Lackey
 * writes to it as its log file), so the command keeps its own standard input, output and error and no
 * trace text ever lands on disk. Valgrind blocks when the monitor falls behind, so nothing is lost.
 */
public final class LackeyProcess implements AutoCloseable {
    private final Process process;
    private final Path dir;
    private final Path fifo;
    private final List<String> command;
    private volatile boolean fifoOpened;

    private LackeyProcess(Process process, Path dir, Path fifo, List<String> command) {
        this.process = process;
        this.dir = dir;
        this.fifo = fifo;
        this.command = command;
    }

    /** Starts {@code command} under Lackey; a missing valgrind is a one-line error. */
    public static LackeyProcess start(List<String> command) throws IOException {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command given to trace");
        }
        if (findOnPath("valgrind") == null) {
            throw new TraceFormatException("valgrind is not installed (needed to trace a command; apt install valgrind)");
        }
        Path dir = Files.createTempDirectory("jdamon-trace");
        Path fifo = dir.resolve("lackey.fifo");
        Process mk = new ProcessBuilder("mkfifo", "-m", "600", fifo.toString()).inheritIO().start();
        try {
            if (mk.waitFor() != 0) {
                throw new IOException("mkfifo failed for " + fifo);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating the trace pipe", e);
        }
        List<String> argv = new ArrayList<>(List.of("valgrind", "--tool=lackey", "--trace-mem=yes",
                "--log-file=" + fifo));
        argv.addAll(command);
        Process p = new ProcessBuilder(argv).inheritIO().start();
        return new LackeyProcess(p, dir, fifo, List.copyOf(command));
    }

    /**
     * Opens the trace pipe. If Valgrind exits without ever opening it (a command it cannot start), a
     * watcher opens the write end itself so this read sees an empty trace instead of blocking forever.
     */
    public TraceReader open() throws IOException {
        Thread watcher = Thread.ofVirtual().start(() -> {
            try {
                process.waitFor();
                if (!fifoOpened) {
                    try (FileOutputStream unblock = new FileOutputStream(fifo.toFile())) {
                        unblock.flush();
                    }
                }
            } catch (InterruptedException | IOException ignored) {
                // the reader is either open already or gets the error itself
            }
        });
        InputStream in = new FileInputStream(fifo.toFile());
        fifoOpened = true;
        watcher.interrupt();
        return TraceInput.open(in, "lackey:" + String.join(" ", command));
    }

    /**
     * Waits for the command to end and returns its exit status (Valgrind passes the command's through).
     */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** A one-line description of a failed command, or null when it exited with 0. */
    public String failure() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            return null;
        }
        int code = process.exitValue();
        return code == 0 ? null : "command '%s' failed under valgrind with exit code %d"
                .formatted(String.join(" ", command), code);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
        }
        try {
            Files.deleteIfExists(fifo);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a stale temporary directory is harmless
        }
    }

    static String findOnPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            File f = new File(d, exe);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }
}
