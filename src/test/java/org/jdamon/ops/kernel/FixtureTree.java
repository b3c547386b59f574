package org.jdamon.ops.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Fixture sysfs trees for unit tests: a captured {@code kdamonds/} listing ({@code *.tree} resources,
 * one {@code path<TAB>mode<TAB>value} line per file) materialised under a temporary sysfs root, and
 * whole-tree snapshots to compare what a test wrote.
 */
public final class FixtureTree {
    private FixtureTree() {}

    public static Path kdamonds(Path sysRoot) {
        return sysRoot.resolve("kernel/mm/damon/admin/kdamonds");
    }

    /** Creates {@code <sysRoot>/kernel/mm/damon/admin/kdamonds/...} from a {@code .tree} resource. */
    public static Path load(Path sysRoot, String resource) throws IOException {
        Path base = kdamonds(sysRoot);
        Files.createDirectories(base);
        String text;
        try (InputStream in = FixtureTree.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no fixture " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", 3);
            Path file = base.resolve(f[0]);
            Files.createDirectories(file.getParent());
            Files.writeString(file, f[2].replace('|', '\n'));
        }
        return base;
    }

    /** Adds {@code <sysRoot>/module/<module>/parameters/<name>} files. */
    public static void module(Path sysRoot, String module, Map<String, String> params) throws IOException {
        Path dir = sysRoot.resolve("module/" + module + "/parameters");
        Files.createDirectories(dir);
        for (var e : params.entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue() + "\n");
        }
    }

    /** Every file under {@code dir} with its content (trailing newline stripped), by relative path. */
    public static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readString(p).strip());
            }
        }
        return out;
    }

    /** Files whose content differs between two snapshots (including added ones), with the new value. */
    public static Map<String, String> changes(Map<String, String> before, Map<String, String> after) {
        Map<String, String> out = new TreeMap<>();
        after.forEach((k, v) -> {
            if (!v.equals(before.get(k))) {
                out.put(k, v);
            }
        });
        return out;
    }

    /**
     * Loads a fixture and gives every writable file {@code poison}, a value no writer would produce, so
     * that after a write the changed files are exactly the written ones, even where the writer writes
     * the kernel's default. Read-only files ({@code pid}, stats counters, tried regions, avail_operations,
     * effective_bytes) and {@code 0/state} keep their values.
     */
    public static Path loadPoisoned(Path sysRoot, String resource, String poison) throws IOException {
        Path k = load(sysRoot, resource);
        try (Stream<Path> files = Files.walk(k)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String rel = k.relativize(f).toString();
                boolean readOnly = rel.endsWith("/pid")
                        || (rel.contains("/stats/") && !rel.endsWith("/max_nr_snapshots"))
                        || rel.contains("tried_regions/") || rel.endsWith("avail_operations")
                        || rel.endsWith("effective_bytes");
                if (!readOnly && !rel.equals("0/state")) {
                    write(f, poison);
                }
            }
        }
        return k;
    }

    public static void write(Path file, String value) throws IOException {
        Files.writeString(file, value + "\n");
    }
}
