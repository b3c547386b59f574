package org.jdamon.ops.common;

import java.util.List;
import org.jdamon.core.AddressRange;
import org.jdamon.core.UnsignedMath;

/**
 * The vaddr "three regions" heuristic (design §4.1): of a process's sorted mappings, drop the two
 * largest gaps (heap to mmap area, mmap area to stack) and monitor the three remaining spans. Shared by
 * every operations set that sees a process-like address space (Linux processes, simulations, traces).
 */
public final class ThreeRegions {
    private ThreeRegions() {}

    /**
     * Returns the three page-aligned ranges, or an empty list when the mappings have fewer than two
     * gaps (the kernel's -EINVAL; callers then keep their current regions).
     */
    public static List<AddressRange> of(List<AddressRange> sortedMappings, long align) {
        if (sortedMappings.isEmpty()) {
            return List.of();
        }
        long firstGapStart = 0;
        long firstGapEnd = 0;
        long secondGapStart = 0;
        long secondGapEnd = 0;
        long prevEnd = -1;
        boolean havePrev = false;
        for (AddressRange m : sortedMappings) {
            if (havePrev) {
                long gap = m.start() - prevEnd;
                if (Long.compareUnsigned(gap, firstGapEnd - firstGapStart) > 0) {
                    secondGapStart = firstGapStart;
                    secondGapEnd = firstGapEnd;
                    firstGapStart = prevEnd;
                    firstGapEnd = m.start();
                } else if (Long.compareUnsigned(gap, secondGapEnd - secondGapStart) > 0) {
                    secondGapStart = prevEnd;
                    secondGapEnd = m.start();
                }
            }
            prevEnd = m.end();
            havePrev = true;
        }
        if (firstGapEnd == firstGapStart || secondGapEnd == secondGapStart) {
            return List.of();
        }
        long g1s = firstGapStart;
        long g1e = firstGapEnd;
        long g2s = secondGapStart;
        long g2e = secondGapEnd;
        if (Long.compareUnsigned(g1s, g2s) > 0) {
            g1s = secondGapStart;
            g1e = secondGapEnd;
            g2s = firstGapStart;
            g2e = firstGapEnd;
        }
        long start = sortedMappings.getFirst().start();
        long end = sortedMappings.getLast().end();
        return List.of(
                new AddressRange(UnsignedMath.alignUp(start, align), UnsignedMath.alignUp(g1s, align)),
                new AddressRange(UnsignedMath.alignUp(g1e, align), UnsignedMath.alignUp(g2s, align)),
                new AddressRange(UnsignedMath.alignUp(g2e, align), UnsignedMath.alignUp(end, align)));
    }
}
