package org.jdamon.ops.linux.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A cgroup v2 directory's memory files: {@code memory.current} (bytes charged), {@code memory.stat}
 * (anon, file, active/inactive LRU sizes, ...) and {@code memory.pressure}. The cgroup2 mount point is
 * found in {@code /proc/self/mountinfo} ({@code /sys/fs/cgroup}, or {@code /sys/fs/cgroup/unified} on
 * hybrid hosts).
 */
public record CgroupMemory(Path dir) {

    /** The cgroup {@code path} (as in {@code /proc/PID/cgroup}, e.g. {@code /system.slice/x.service}). */
    public static CgroupMemory of(String path) throws IOException {
        Path mount = cgroup2Mount();
        Path dir = mount.resolve(path.startsWith("/") ? path.substring(1) : path);
        if (!Files.isDirectory(dir)) {
            throw new IOException("no cgroup " + path + " under the cgroup2 mount " + mount);
        }
        if (!Files.exists(dir.resolve("memory.stat"))) {
            throw new IOException(dir + " has no memory.stat: the memory controller is not enabled for this cgroup"
                    + " in cgroup v2 (cgroup.subtree_control of its parent)");
        }
        return new CgroupMemory(dir);
    }

    /** Where cgroup v2 is mounted, from {@code /proc/self/mountinfo}. */
    public static Path cgroup2Mount() throws IOException {
        Path mi = Path.of("/proc/self/mountinfo");
        Path found = parseCgroup2Mount(Files.readString(mi));
        if (found == null) {
            throw new IOException("cgroup v2 is not mounted (no cgroup2 entry in " + mi + ")");
        }
        return found;
    }

    /** The mount point of the first cgroup2 line of mountinfo text, or null. */
    public static Path parseCgroup2Mount(String mountinfo) {
        for (String line : mountinfo.split("\n")) {
            int sep = line.indexOf(" - ");
            if (sep < 0) {
                continue;
            }
            String[] after = line.substring(sep + 3).split(" ");
            if (after.length > 0 && after[0].equals("cgroup2")) {
                String[] before = line.substring(0, sep).split(" ");
                if (before.length >= 5) {
                    return Path.of(before[4].replace("\\040", " "));
                }
            }
        }
        return null;
    }

    public long currentBytes() throws IOException {
        Path p = dir.resolve("memory.current");
        String s = Files.readString(p).trim();
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IOException(p + ":1: expected a number of bytes, got '" + s + "'");
        }
    }

    public Map<String, Long> stat() throws IOException {
        Path p = dir.resolve("memory.stat");
        return KeyValues.parse(Files.readString(p), p.toString());
    }

    public MemoryPressure pressure() throws IOException {
        Path p = dir.resolve("memory.pressure");
        return MemoryPressure.parse(Files.readString(p), p.toString());
    }

    /** {@code memory.numa_stat} text: lines {@code key N0=bytes N1=bytes ...}. */
    public String numaStat() throws IOException {
        return Files.readString(dir.resolve("memory.numa_stat"));
    }

    /** LRU bytes (anon + file, active + inactive) on node {@code nid} of a {@code memory.numa_stat} text. */
    public static long nodeLruBytes(String numaStat, int nid) {
        long sum = 0;
        String node = "N" + nid + "=";
        for (String line : numaStat.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2 || !LRU_KEYS.contains(f[0])) {
                continue;
            }
            for (int i = 1; i < f.length; i++) {
                if (f[i].startsWith(node)) {
                    sum += Long.parseLong(f[i].substring(node.length()));
                }
            }
        }
        return sum;
    }

    private static final java.util.Set<String> LRU_KEYS =
            java.util.Set.of("active_anon", "inactive_anon", "active_file", "inactive_file");

    /** LRU bytes of a memory.stat map (anon + file, active + inactive), as the {@code node_memcg_*} goals count. */
    public static long lruBytes(Map<String, Long> stat) {
        return stat.getOrDefault("active_anon", 0L) + stat.getOrDefault("inactive_anon", 0L)
                + stat.getOrDefault("active_file", 0L) + stat.getOrDefault("inactive_file", 0L);
    }
}
