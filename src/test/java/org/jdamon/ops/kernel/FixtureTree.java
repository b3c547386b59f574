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

    public static void write(Path file, String value) throws IOException {
        Files.writeString(file, value + "\n");
    }
}
