package org.jdamon.ops.linux.access;

import java.io.Closeable;
import java.io.IOException;

/**
 * One address space's accessed-page signal, as an access primitive provides it. Addresses come sorted
 * (regions are), one per region; both calls run every sampling interval, so implementations reuse their
 * buffers and allocate nothing.
 */
public interface PageAccess extends Closeable {
    /** Start of a sampling interval: clear the accessed state of the pages holding {@code addrs[0..n)}. */
    void prepare(long[] addrs, int n) throws IOException;

    /** End of the interval: {@code accessed[i]} = whether the page of {@code addrs[i]} was accessed since. */
    void check(long[] addrs, int n, boolean[] accessed) throws IOException;

    @Override
    void close() throws IOException;
}
