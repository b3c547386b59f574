package org.jdamon.ops.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jdamon.core.damos.SchemeStats;

/**
 * Reads DAMON sysfs directories into values: numbers, numbered child directories, kdamond status, scheme
 * stats and tried regions. Read-only; {@link SysfsDamon} is the only writer.
 */
final class SysfsReader {
    private SysfsReader() {}

    /** The file's content without the trailing newline; null when the file does not exist. */
    static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** An unsigned decimal number (as the kernel prints {@code %lu}); {@code dflt} when the file is absent. */
    static long readLong(Path file, long dflt) {
        String s = read(file);
        if (s == null || s.isEmpty()) {
            return dflt;
        }
        try {
            return s.startsWith("-") ? Long.parseLong(s) : Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw new KernelDamonException("%s: expected a number, found '%s'".formatted(file, s));
        }
    }

    /** Child directories named 0, 1, 2, ... in numeric order (sysfs lists them as 0, 1, 10, 11, 2, ...). */
    static List<Path> numberedChildren(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("\\d+") && Files.isDirectory(p))
                    .sorted(java.util.Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString())))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A scheme's {@code stats/}; counters this kernel does not have ({@code sz_ops_filter_passed} before
     * 6.14, {@code nr_snapshots} before 7.0) are -1. */
    static SchemeStats stats(Path schemeDir) {
        Path d = schemeDir.resolve("stats");
        return new SchemeStats(
                readLong(d.resolve("nr_tried"), 0),
                readLong(d.resolve("sz_tried"), 0),
                readLong(d.resolve("nr_applied"), 0),
                readLong(d.resolve("sz_applied"), 0),
                readLong(d.resolve("sz_ops_filter_passed"), -1),
                readLong(d.resolve("qt_exceeds"), 0),
                readLong(d.resolve("nr_snapshots"), -1));
    }

    static TriedRegions triedRegions(Path schemeDir) {
        Path d = schemeDir.resolve("tried_regions");
        List<Path> dirs = numberedChildren(d);
        int n = dirs.size();
        long[] starts = new long[n];
        long[] ends = new long[n];
        int[] nrAccesses = new int[n];
        int[] ages = new int[n];
        long[] passed = n > 0 && Files.exists(dirs.getFirst().resolve("sz_filter_passed")) ? new long[n] : null;
        for (int i = 0; i < n; i++) {
            Path r = dirs.get(i);
            if (passed != null) {
                passed[i] = readLong(r.resolve("sz_filter_passed"), 0);
            }
            starts[i] = readLong(r.resolve("start"), 0);
            ends[i] = readLong(r.resolve("end"), 0);
            nrAccesses[i] = (int) Math.min(readLong(r.resolve("nr_accesses"), 0), Integer.MAX_VALUE);
            ages[i] = (int) Math.min(readLong(r.resolve("age"), 0), Integer.MAX_VALUE);
            if (Long.compareUnsigned(starts[i], ends[i]) > 0) {
                throw new KernelDamonException("%s: start %s is above end %s"
                        .formatted(r, Long.toUnsignedString(starts[i]), Long.toUnsignedString(ends[i])));
            }
        }
        return new TriedRegions(starts, ends, nrAccesses, ages, readLong(d.resolve("total_bytes"), -1), passed);
    }

    static SysfsScheme.AccessPattern pattern(Path schemeDir) {
        Path p = schemeDir.resolve("access_pattern");
        return new SysfsScheme.AccessPattern(
                readLong(p.resolve("sz/min"), 0), readLong(p.resolve("sz/max"), 0),
                readLong(p.resolve("nr_accesses/min"), 0), readLong(p.resolve("nr_accesses/max"), 0),
                readLong(p.resolve("age/min"), 0), readLong(p.resolve("age/max"), 0));
    }

    /** {@code dests/<D>} of the first {@code nr_dests} existing directories; empty before 6.17. */
    static List<SysfsScheme.Dest> dests(Path schemeDir) {
        Path d = schemeDir.resolve("dests");
        long n = readLong(d.resolve("nr_dests"), 0);
        List<SysfsScheme.Dest> out = new ArrayList<>();
        for (Path dest : numberedChildren(d)) {
            if (out.size() >= n) {
                break;
            }
            out.add(new SysfsScheme.Dest((int) readLong(dest.resolve("id"), 0), readLong(dest.resolve("weight"), 0)));
        }
        return out;
    }

    static KdamondStatus.ContextStatus context(Path kdamondDir) {
        List<Path> ctxs = numberedChildren(kdamondDir.resolve("contexts"));
        if (ctxs.isEmpty()) {
            return null;
        }
        Path c = ctxs.getFirst();
        Path iv = c.resolve("monitoring_attrs/intervals");
        Path nr = c.resolve("monitoring_attrs/nr_regions");
        List<KdamondStatus.TargetStatus> targets = new ArrayList<>();
        for (Path t : numberedChildren(c.resolve("targets"))) {
            targets.add(new KdamondStatus.TargetStatus(
                    readLong(t.resolve("pid_target"), -1),
                    numberedChildren(t.resolve("regions")).size()));
        }
        List<KdamondStatus.SchemeStatus> schemes = new ArrayList<>();
        for (Path s : numberedChildren(c.resolve("schemes"))) {
            String tuner = read(s.resolve("quotas/goal_tuner"));
            schemes.add(new KdamondStatus.SchemeStatus(
                    read(s.resolve("action")),
                    pattern(s),
                    stats(s),
                    numberedChildren(s.resolve("tried_regions")).size(),
                    readLong(s.resolve("tried_regions/total_bytes"), -1),
                    dests(s),
                    readLong(s.resolve("stats/max_nr_snapshots"), 0),
                    tuner == null ? SysfsScheme.Quota.DEFAULT_GOAL_TUNER : tuner,
                    readLong(s.resolve("quotas/fail_charge_num"), 0),
                    readLong(s.resolve("quotas/fail_charge_denom"), 0)));
        }
        return new KdamondStatus.ContextStatus(
                read(c.resolve("operations")),
                "Y".equals(read(c.resolve("pause"))),
                readLong(iv.resolve("sample_us"), 0),
                readLong(iv.resolve("aggr_us"), 0),
                readLong(iv.resolve("update_us"), 0),
                readLong(nr.resolve("min"), 0),
                readLong(nr.resolve("max"), 0),
                targets,
                schemes);
    }
}
