package org.jdamon.ops.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jdamon.core.AddressRange;
import org.jdamon.core.Operations;
import org.jdamon.core.Target;
import org.jdamon.ops.linux.access.AccessPrimitive;
import org.jdamon.ops.linux.access.AccessPrimitives;
import org.jdamon.ops.linux.procfs.PhysicalMemory;
import org.jdamon.ops.linux.syscall.LinuxSupportException;
import org.jdamon.ops.linux.syscall.TargetGoneException;

/**
 * Builds what a monitoring session of a real Linux target needs, as damo deduces targets: a command to
 * start and follow ({@code record -- CMD ARGS}), a running process ({@code --pid}), fixed ranges of a
 * process (fvaddr), or physical memory ({@code paddr}). The access primitive is chosen (and its absence
 * reported) before anything is started.
 */
public final class LinuxTargets {
    /**
     * The operations set, its targets, a one-line description and record header properties (among them
     * {@code access_primitive}), and the primitive's {@link AccessPrimitive#caveat} (or null). Closing it
     * stops a command it started, if still running.
     */
    public record Setup(Operations operations, List<Target> targets, String description,
            Map<String, String> properties, Process command, String caveat) implements AutoCloseable {
        public Setup {
            targets = List.copyOf(targets);
            properties = Map.copyOf(properties);
        }

        @Override
        public void close() {
            if (command != null && command.isAlive()) {
                command.destroy();
                try {
                    if (!command.waitFor(2, TimeUnit.SECONDS)) {
                        command.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    command.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private LinuxTargets() {}

    /** Starts {@code command} (stdio inherited) and monitors its address space with vaddr until it exits. */
    public static Setup forCommand(List<String> command, String access) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command to run");
        }
        AccessPrimitive primitive = AccessPrimitives.select(access, false);
        Process p;
        try {
            p = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            throw new LinuxSupportException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        }
        awaitExec(p);
        Target t = new Target(0, p.pid(), Path.of(command.getFirst()).getFileName().toString(), null);
        Map<String, String> props = properties(primitive);
        props.put("command", String.join(" ", command));
        props.put("pid", Long.toString(p.pid()));
        return new Setup(VaddrOperations.vaddr(primitive), List.of(t),
                "vaddr of '" + String.join(" ", command) + "' (pid " + p.pid() + "), " + primitive.description(),
                props, p, primitive.caveat());
    }

    /** Monitors the running process {@code pid} with vaddr. */
    public static Setup forPid(long pid, String access) {
        String name = processName(pid);
        AccessPrimitive primitive = AccessPrimitives.select(access, false);
        checkAccess(pid, primitive);
        Map<String, String> props = properties(primitive);
        props.put("pid", Long.toString(pid));
        return new Setup(VaddrOperations.vaddr(primitive), List.of(new Target(0, pid, name, null)),
                "vaddr of pid " + pid + " (" + name + "), " + primitive.description(), props, null,
                primitive.caveat());
    }

    /** Monitors fixed virtual ranges of process {@code pid} (fvaddr). */
    public static Setup fvaddr(long pid, List<AddressRange> ranges, String access) {
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("fvaddr needs at least one address range");
        }
        String name = processName(pid);
        AccessPrimitive primitive = AccessPrimitives.select(access, false);
        checkAccess(pid, primitive);
        Map<String, String> props = properties(primitive);
        props.put("pid", Long.toString(pid));
        return new Setup(VaddrOperations.fvaddr(primitive), List.of(new Target(0, pid, name, ranges)),
                "fvaddr of pid " + pid + " " + ranges + ", " + primitive.description(), props, null,
                primitive.caveat());
    }

    /** Monitors physical memory: {@code ranges}, or the largest System RAM range when empty. */
    public static Setup paddr(List<AddressRange> ranges, String access) {
        AccessPrimitive primitive = AccessPrimitives.select(access, true);
        List<AddressRange> r = ranges;
        if (r.isEmpty()) {
            try {
                r = List.of(PhysicalMemory.largest(PhysicalMemory.systemRam()));
            } catch (IOException e) {
                throw new LinuxSupportException(e.getMessage(), e);
            }
        }
        return new Setup(new PaddrOperations(primitive), List.of(new Target(0, -1, "paddr", r)),
                "paddr " + r + ", " + primitive.description(), properties(primitive), null, primitive.caveat());
    }

    private static Map<String, String> properties(AccessPrimitive primitive) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("access_primitive", primitive.description());
        return props;
    }

    /** The process's name ({@code /proc/PID/comm}); fails when there is no such process. */
    private static String processName(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
        } catch (IOException e) {
            throw new LinuxSupportException("no process with pid " + pid);
        }
    }

    /** Fails early, with the reason, when the process's pages cannot be watched. */
    private static void checkAccess(long pid, AccessPrimitive primitive) {
        try {
            primitive.forProcess(pid).close();
        } catch (TargetGoneException e) {
            throw new LinuxSupportException("no process with pid " + pid, e);
        } catch (IOException e) {
            throw new LinuxSupportException("cannot monitor pid " + pid + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits (up to a second) until the child has exec'd its command: before that its address space is
     * the JDK's spawn helper's.
     */
    private static void awaitExec(Process p) {
        Path exe = Path.of("/proc", Long.toString(p.pid()), "exe");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                if (!Files.readSymbolicLink(exe).getFileName().toString().equals("jspawnhelper")) {
                    return;
                }
                Thread.sleep(1);
            } catch (IOException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
