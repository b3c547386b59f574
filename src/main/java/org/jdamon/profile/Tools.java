package org.jdamon.profile;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs the external tools the profilers use (jcmd, perf, nm, addr2line) and finds them on the PATH. */
final class Tools {
    private Tools() {}

    /** The output (stdout and stderr) and exit status of a finished tool run. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }

        String firstLine() {
            for (String l : output.split("\n")) {
                if (!l.isBlank()) {
                    return l.strip();
                }
            }
            return "(no output)";
        }
    }

    /** The executable {@code name} on the PATH, if any. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The jcmd of the JDK running jdamon (it speaks the target JDK's protocol best), else the PATH one. */
    static Path jcmd() {
        Path own = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (Files.isExecutable(own)) {
            return own;
        }
        return onPath("jcmd").orElseThrow(() -> new ProfilerException(
                "jcmd not found (needs a full JDK: " + own + " is missing and jcmd is not on the PATH)"));
    }

    /** Runs {@code command}, giving up (and killing it) after {@code timeoutSeconds}. */
    static Result run(long timeoutSeconds, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            var output = new java.util.concurrent.FutureTask<>(() -> {
                try (var in = p.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            });
            Thread.ofVirtual().start(output);
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ProfilerException(command.getFirst() + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), output.get(timeoutSeconds, TimeUnit.SECONDS));
        } catch (IOException e) {
            throw new ProfilerException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProfilerException("interrupted while running " + command.getFirst(), e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new ProfilerException("cannot read the output of " + command.getFirst(), e);
        }
    }

    /** Runs {@code jcmd PID args...}; a failure (dead target, no attach permission) is an exception. */
    static String jcmd(long pid, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(jcmd().toString());
        cmd.add(Long.toString(pid));
        cmd.addAll(List.of(args));
        Result r = run(60, cmd);
        if (!r.ok() || r.output().contains("Exception") && r.output().contains("AttachNotSupported")) {
            throw new ProfilerException("jcmd " + pid + " " + args[0] + " failed: " + lastLine(r.output()));
        }
        return r.output();
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String lastLine(String s) {
        String[] lines = s.strip().split("\n");
        return lines.length == 0 ? "(no output)" : lines[lines.length - 1].strip();
    }
}
