package org.jdamon.ops.sim;

import java.util.ArrayList;
import java.util.List;
import org.jdamon.core.AddressRange;
import org.jdamon.core.UnsignedMath;

/**
 * Where a simulated workload lives in a process-like virtual address space: a small heap-like mapping,
 * the workload's regions back to back in an mmap-like area (each page-aligned, as a large malloc would
 * get them), and a small stack-like mapping near the top, with large unmapped gaps in between, so the
 * vaddr three-regions heuristic and dynamic updates behave as on a real process.
 *
 * <p>The usual x86-64 47-bit layout is used (heap near {@code 0x5555_5556_0000}, mmap area below
 * {@code 0x7f00_0000_0000}, stack near {@code 0x7ffe_0000_0000}); a workload too big for it moves the
 * heap down to 4 MiB, and one bigger than that gets a 56-bit (5-level paging) layout.
 */
public final class SimLayout {
    public static final long PAGE_SIZE = 4096;
    static final long HEAP_BYTES = 132 * 1024;
    static final long STACK_BYTES = 132 * 1024;
    private static final long MIN_GAP = 1L << 30;

    private final List<Mapping> mappings;
    private final long[] regionStarts;
    private final long[] regionSizes;
    private final String[] regionNames;

    /** One mapping, like a line of {@code /proc/pid/maps}. */
    public record Mapping(String name, long start, long end) {
        public AddressRange range() {
            return new AddressRange(start, end);
        }

        public long size() {
            return end - start;
        }
    }

    private SimLayout(List<Mapping> mappings, long[] starts, long[] sizes, String[] names) {
        this.mappings = List.copyOf(mappings);
        this.regionStarts = starts;
        this.regionSizes = sizes;
        this.regionNames = names;
    }

    public static SimLayout of(MasimConfig config) {
        int n = config.regions().size();
        long[] sizes = new long[n];
        String[] names = new String[n];
        long mappedBytes = 0;
        for (int i = 0; i < n; i++) {
            MasimConfig.Region r = config.regions().get(i);
            sizes[i] = r.size();
            names[i] = r.name();
            mappedBytes = Math.addExact(mappedBytes, UnsignedMath.alignUp(r.size(), PAGE_SIZE));
        }
        long stackEnd = 0x7ffe_0000_0000L;
        long mmapTop = 0x7f00_0000_0000L;
        long heapStart = 0x5555_5556_0000L;
        if (mmapTop - mappedBytes < heapStart + HEAP_BYTES + MIN_GAP) {
            heapStart = 4L << 20;
        }
        if (mmapTop - mappedBytes < heapStart + HEAP_BYTES + MIN_GAP) {
            stackEnd = 0x00ff_fffe_0000_0000L;
            mmapTop = 0x00ff_f000_0000_0000L;
            if (mmapTop - mappedBytes < heapStart + HEAP_BYTES + MIN_GAP) {
                throw new IllegalArgumentException("workload of " + mappedBytes
                        + " bytes does not fit in a 56-bit address space");
            }
        }
        List<Mapping> maps = new ArrayList<>(n + 2);
        maps.add(new Mapping("[heap]", heapStart, heapStart + HEAP_BYTES));
        long[] starts = new long[n];
        long cursor = mmapTop - mappedBytes;
        for (int i = 0; i < n; i++) {
            starts[i] = cursor;
            long end = cursor + UnsignedMath.alignUp(sizes[i], PAGE_SIZE);
            maps.add(new Mapping(names[i], cursor, end));
            cursor = end;
        }
        maps.add(new Mapping("[stack]", stackEnd - STACK_BYTES, stackEnd));
        return new SimLayout(maps, starts, sizes, names);
    }

    /** Every mapping in address order: heap, the workload's regions, stack. */
    public List<Mapping> mappings() {
        return mappings;
    }

    public List<AddressRange> mappedRanges() {
        return mappings.stream().map(Mapping::range).toList();
    }

    public int regionCount() {
        return regionStarts.length;
    }

    public String regionName(int i) {
        return regionNames[i];
    }

    /** First byte of masim region {@code i}. */
    public long regionStart(int i) {
        return regionStarts[i];
    }

    /** The region's size as configured; the workload touches {@code [start, start + size)}. */
    public long regionSize(int i) {
        return regionSizes[i];
    }

    /** End of the region's page-aligned mapping. */
    public long regionMappingEnd(int i) {
        return regionStarts[i] + UnsignedMath.alignUp(regionSizes[i], PAGE_SIZE);
    }

    /** Index of the masim region whose mapping contains {@code addr}, or -1. */
    public int regionAt(long addr) {
        int lo = 0;
        int hi = regionStarts.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(addr, regionStarts[mid]) < 0) {
                hi = mid - 1;
            } else if (Long.compareUnsigned(addr, regionMappingEnd(mid)) >= 0) {
                lo = mid + 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Index of the first masim region whose mapping ends after {@code addr} ({@link #regionCount()} if none). */
    public int firstRegionEndingAfter(long addr) {
        int lo = 0;
        int hi = regionStarts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(regionMappingEnd(mid), addr) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    public long totalMappedBytes() {
        long sum = 0;
        for (Mapping m : mappings) {
            sum += m.size();
        }
        return sum;
    }
}
