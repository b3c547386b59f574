package org.jdamon.ops.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which optional sysfs files this kernel has, probed in an existing kdamond directory (damo does the
 * same). A feature whose probe directory does not exist there (no scheme, no filter yet) is unknown,
 * neither supported nor missing.
 */
public final class SysfsFeatures {
    private final Map<SysfsFeature, Boolean> known;

    private SysfsFeatures(Map<SysfsFeature, Boolean> known) {
        this.known = known;
    }

    /** Probes a {@code kdamonds/<K>} directory; nothing is known when it is absent. */
    public static SysfsFeatures probe(Path kdamondDir) {
        Map<SysfsFeature, Boolean> known = new EnumMap<>(SysfsFeature.class);
        if (kdamondDir != null && Files.isDirectory(kdamondDir)) {
            for (SysfsFeature f : SysfsFeature.values()) {
                Path parent = kdamondDir.resolve(f.probeParent());
                if (Files.isDirectory(parent)) {
                    known.put(f, Files.exists(kdamondDir.resolve(f.probe())));
                }
            }
            // a kernel with filters but a filter-less scheme: allow is unknown; layered filters tell 6.15+
            if (!known.containsKey(SysfsFeature.FILTER_ALLOW)
                    && Boolean.TRUE.equals(known.get(SysfsFeature.LAYERED_FILTERS))) {
                known.put(SysfsFeature.FILTER_ALLOW, true);
            }
        }
        return new SysfsFeatures(known);
    }

    public boolean has(SysfsFeature f) {
        return Boolean.TRUE.equals(known.get(f));
    }

    public boolean missing(SysfsFeature f) {
        return Boolean.FALSE.equals(known.get(f));
    }

    public boolean known(SysfsFeature f) {
        return known.containsKey(f);
    }

    /** Missing features as one line each: {@code intervals_goal (6.15+): no contexts/0/...}. */
    public List<String> describeMissing() {
        List<String> out = new ArrayList<>();
        for (SysfsFeature f : SysfsFeature.values()) {
            if (missing(f)) {
                out.add("%s (%s): this kernel has no %s".formatted(f.displayName(),
                        f.mainline() ? f.since() + "+" : f.origin(), f.probe()));
            }
        }
        return out;
    }

    /** Throws naming {@code what} needs {@code f} unless the kernel has it. */
    void require(SysfsFeature f, String what) {
        if (!has(f)) {
            throw new KernelDamonException("%s needs the DAMON sysfs feature %s (Linux %s+), which this kernel %s"
                    .formatted(what, f.displayName(), f.since(),
                            missing(f) ? "lacks (no " + f.probe() + ")" : "may lack (could not probe it)"));
        }
    }
}
