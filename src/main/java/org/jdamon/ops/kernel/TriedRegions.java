package org.jdamon.ops.kernel;

/**
 * A scheme's {@code tried_regions/} directory (design §8.10): the regions the scheme tried in its last
 * pass, in the kernel's walk order (target by target, ascending addresses), with {@code nr_accesses} in
 * samples per aggregation and {@code age} in aggregation intervals. {@code totalBytes} is -1 on kernels
 * without {@code total_bytes} (before 6.6). {@code filterPassed} is each region's {@code sz_filter_passed}
 * (the bytes that passed the scheme's operations-level filters, since 6.14), or null on older kernels.
 */
public record TriedRegions(long[] starts, long[] ends, int[] nrAccesses, int[] ages, long totalBytes,
        long[] filterPassed) {

    public TriedRegions(long[] starts, long[] ends, int[] nrAccesses, int[] ages, long totalBytes) {
        this(starts, ends, nrAccesses, ages, totalBytes, null);
    }

    public int size() {
        return starts.length;
    }
}
