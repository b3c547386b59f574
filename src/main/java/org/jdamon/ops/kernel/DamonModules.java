package org.jdamon.ops.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The special-purpose DAMON modules (design §11): DAMON_RECLAIM and DAMON_LRU_SORT, configured through
 * {@code /sys/module/<module>/parameters/*}. Reading is free; changes go through {@link SysfsDamon},
 * which leaves a module alone when it is enabled and jdamon did not enable it.
 */
public final class DamonModules {
    public static final String RECLAIM = "damon_reclaim";
    public static final String LRU_SORT = "damon_lru_sort";
    public static final List<String> MODULES = List.of(RECLAIM, LRU_SORT);

    private final SysfsDamon sysfs;

    public DamonModules(SysfsDamon sysfs) {
        this.sysfs = sysfs;
    }

    public boolean present(String module) {
        return Files.isDirectory(sysfs.moduleParamDir(requireKnown(module)));
    }

    /** Every parameter with its current value, sorted by name; empty when the module is absent. */
    public Map<String, String> parameters(String module) {
        Path dir = sysfs.moduleParamDir(requireKnown(module));
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String v = SysfsReader.read(f);
                out.put(f.getFileName().toString(), v == null ? "" : v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return out;
    }

    public boolean enabled(String module) {
        return "Y".equals(parameters(module).get("enabled"));
    }

    /** Whether jdamon enabled it (and so may change or disable it). */
    public boolean ours(String module) {
        return sysfs.ownership().module(requireKnown(module));
    }

    /** Sets parameters and enables the module; committed online when it already runs as jdamon's. */
    public void enable(String module, Map<String, String> params) {
        sysfs.configureModule(requireKnown(module), params, true);
    }

    /** Sets parameters of jdamon's running module (or a disabled one) without changing its state. */
    public void tune(String module, Map<String, String> params) {
        sysfs.configureModule(requireKnown(module), params, null);
    }

    /** Disables the module if jdamon enabled it. */
    public void disable(String module) {
        sysfs.configureModule(requireKnown(module), Map.of(), false);
    }

    private static String requireKnown(String module) {
        if (!MODULES.contains(module)) {
            throw new IllegalArgumentException("unknown DAMON module '" + module + "' (expected one of "
                    + String.join(", ", MODULES) + ")");
        }
        return module;
    }
}
