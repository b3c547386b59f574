package org.jdamon.ops.sim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The bundled workloads (resources in masim's format) and the lookup users go through: a built-in
 * name or a path to a masim configuration file.
 */
public final class SimWorkloads {
    private static final String RESOURCE_DIR = "workloads/";

    /** A bundled workload and what it does, in one line. */
    public record Builtin(String name, String description) {}

    public static final List<Builtin> BUILTINS = List.of(
            new Builtin("demo", "a small hot set, two regions taking turns and a cold tail (26 s)"),
            new Builtin("zigzag", "two 100,000,000 B regions alternately hot for 5 s (70 s), like masim zigzag.cfg"),
            new Builtin("zigzag_30secs", "zigzag with 2.5 s phases (35 s)"),
            new Builtin("stairs", "ten 10,000,000 B regions, one hot per 5 s phase (60 s), like masim stairs.cfg"),
            new Builtin("stairs_30secs", "stairs with 2.5 s phases (30 s)"),
            new Builtin("default", "masim's tiny default: three regions of a few hundred bytes (2 s)"));

    private SimWorkloads() {}

    public static List<String> names() {
        return BUILTINS.stream().map(Builtin::name).toList();
    }

    /**
     * Loads a built-in workload by name, else the masim configuration file at {@code nameOrPath}.
     * Errors (no such workload, bad configuration) are {@link MasimConfigException}s.
     */
    public static SimWorkload load(String nameOrPath) {
        String text = builtinText(nameOrPath);
        if (text != null) {
            return SimWorkload.of(nameOrPath, MasimConfig.parse(text, nameOrPath + " (built-in)"));
        }
        Path p = Path.of(nameOrPath);
        if (!Files.isRegularFile(p)) {
            throw new MasimConfigException(nameOrPath, 0,
                    "no such file, and not a built-in workload (built-ins: " + String.join(", ", names()) + ")");
        }
        try {
            String name = p.getFileName().toString().replaceFirst("\\.cfg$", "");
            return SimWorkload.of(name, MasimConfig.parse(p));
        } catch (IOException e) {
            throw new MasimConfigException(nameOrPath, 0, "cannot read: " + e.getMessage());
        }
    }

    /** The built-in configuration text, or null when {@code name} is not built in. */
    public static String builtinText(String name) {
        if (!names().contains(name)) {
            return null;
        }
        try (InputStream in = SimWorkloads.class.getResourceAsStream(RESOURCE_DIR + name + ".cfg")) {
            if (in == null) {
                throw new IllegalStateException("missing bundled workload resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled workload " + name, e);
        }
    }
}
