package org.jdamon.ops.linux.procfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jdamon.core.damos.GoalMetric;
import org.jdamon.core.damos.QuotaGoal;

/**
 * DAMOS goal and watermark metrics of a live Linux machine (design §8.6.1, §8.7), for every Linux
 * operations set: PSI memory stall time, node free/used memory, a cgroup's LRU share of a node, the
 * active/inactive LRU split and the free memory rate. Read once per charge window or watermark check.
 */
public final class LinuxMetrics {
    private LinuxMetrics() {}

    public static boolean supports(GoalMetric metric) {
        return switch (metric) {
            case USER_INPUT -> true;
            case SOME_MEM_PSI_US -> Files.exists(MemoryPressure.PROC_PRESSURE_MEMORY);
            case NODE_MEM_USED_BP, NODE_MEM_FREE_BP, NODE_MEMCG_USED_BP, NODE_MEMCG_FREE_BP ->
                    Files.isDirectory(Path.of("/sys/devices/system/node/node0"));
            case ACTIVE_MEM_BP, INACTIVE_MEM_BP -> Files.exists(MemInfo.PROC_MEMINFO);
            case NODE_ELIGIBLE_MEM_BP, HUGEPAGE_MEM_BP -> false;
        };
    }

    /** The metric's current value; cumulative microseconds for {@code some_mem_psi_us}, else bp. */
    public static long read(QuotaGoal goal) {
        try {
            return switch (goal.metric()) {
                case USER_INPUT -> goal.currentValue();
                case SOME_MEM_PSI_US -> MemoryPressure.read().someTotalUs();
                case NODE_MEM_USED_BP -> node(goal.nid()) == null ? 0 : node(goal.nid()).usedBp();
                case NODE_MEM_FREE_BP -> node(goal.nid()) == null ? 10_000 : node(goal.nid()).freeBp();
                case NODE_MEMCG_USED_BP -> memcgBp(goal.memcgPath(), goal.nid(), true);
                case NODE_MEMCG_FREE_BP -> memcgBp(goal.memcgPath(), goal.nid(), false);
                case ACTIVE_MEM_BP -> MemInfo.read().activeBp();
                case INACTIVE_MEM_BP -> MemInfo.read().inactiveBp();
                case NODE_ELIGIBLE_MEM_BP, HUGEPAGE_MEM_BP ->
                        throw new UnsupportedOperationException("metric " + goal.metric().keyword());
            };
        } catch (IOException e) {
            throw new UncheckedIOException("reading quota goal metric " + goal.metric().keyword(), e);
        }
    }

    /** {@code free_mem_rate}: free memory in permil of total, from {@code /proc/meminfo}. */
    public static long freeMemRatePermil() {
        try {
            return MemInfo.read().freeMemRatePermil();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + MemInfo.PROC_MEMINFO, e);
        }
    }

    /** A node's counters, or null for an invalid or memoryless node (then "used" reads 0, "free" 10000). */
    private static MemInfo node(int nid) throws IOException {
        try {
            MemInfo m = MemInfo.readNode(nid);
            return m.totalBytes() > 0 ? m : null;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * The cgroup's LRU pages on node {@code nid} ({@code memory.numa_stat}) in bp of the node's memory,
     * or the rest of the node when {@code used} is false; an invalid node reads 0 used, 10000 free.
     */
    static long memcgBp(String cgroupPath, int nid, boolean used) throws IOException {
        MemInfo n = node(nid);
        if (n == null) {
            return used ? 0 : 10_000;
        }
        long lru = CgroupMemory.nodeLruBytes(CgroupMemory.of(cgroupPath).numaStat(), nid);
        return memcgBp(lru, n.totalBytes(), used);
    }

    static long memcgBp(long lruBytes, long nodeTotalBytes, boolean used) {
        long lru = Math.min(lruBytes, nodeTotalBytes);
        return (used ? lru : nodeTotalBytes - lru) * 10_000 / nodeTotalBytes;
    }
}
