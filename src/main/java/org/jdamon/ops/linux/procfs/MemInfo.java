package org.jdamon.ops.linux.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * System (or one NUMA node's) memory counters from {@code /proc/meminfo} or
 * {@code /sys/devices/system/node/nodeN/meminfo}, in bytes, and the DAMOS metrics derived from them:
 * the watermark {@code free_mem_rate} (permil) and the goal metrics {@code *_mem_bp} (design §8.6-8.7).
 */
public record MemInfo(long totalBytes, long freeBytes, long activeBytes, long inactiveBytes) {
    public static final Path PROC_MEMINFO = Path.of("/proc/meminfo");

    public static MemInfo read() throws IOException {
        return parse(Files.readString(PROC_MEMINFO), PROC_MEMINFO.toString());
    }

    /** One node's counters; its lines carry a {@code Node N } prefix. */
    public static MemInfo readNode(int nid) throws IOException {
        Path p = Path.of("/sys/devices/system/node/node" + nid + "/meminfo");
        return parse(Files.readString(p).replace("Node " + nid + " ", ""), p.toString());
    }

    public static MemInfo parse(String text, String source) {
        Map<String, Long> kv = KeyValues.parse(text, source);
        long total = KeyValues.require(kv, "MemTotal", source);
        if (total <= 0) {
            throw new IllegalArgumentException(source + ": MemTotal is " + total);
        }
        return new MemInfo(total, KeyValues.require(kv, "MemFree", source),
                KeyValues.require(kv, "Active", source), KeyValues.require(kv, "Inactive", source));
    }

    /** DAMOS watermark metric {@code free_mem_rate}: free pages per thousand pages of RAM. */
    public long freeMemRatePermil() {
        return freeBytes * 1000 / totalBytes;
    }

    /** Goal metric {@code node_mem_free_bp}: free memory in basis points of total. */
    public long freeBp() {
        return freeBytes * 10_000 / totalBytes;
    }

    /** Goal metric {@code node_mem_used_bp}: used memory in basis points of total. */
    public long usedBp() {
        return (totalBytes - freeBytes) * 10_000 / totalBytes;
    }

    /** Goal metric {@code active_mem_bp}: active LRU / (active + inactive) in basis points. */
    public long activeBp() {
        long lru = activeBytes + inactiveBytes;
        return lru == 0 ? 0 : activeBytes * 10_000 / lru;
    }

    /** Goal metric {@code inactive_mem_bp}. */
    public long inactiveBp() {
        long lru = activeBytes + inactiveBytes;
        return lru == 0 ? 0 : inactiveBytes * 10_000 / lru;
    }
}
