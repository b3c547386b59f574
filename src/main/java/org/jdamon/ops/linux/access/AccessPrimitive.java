package org.jdamon.ops.linux.access;

import java.io.IOException;

/**
 * A way for the user-space engine to see page accesses on a kernel without DAMON: {@link PageIdle}
 * (reads and writes, like the kernel's own Accessed-bit checks) or {@link SoftDirty} (writes only).
 * {@link AccessPrimitives} probes which ones this kernel has.
 */
public interface AccessPrimitive {
    /** Option value and record name: {@code page-idle}, {@code soft-dirty}. */
    String name();

    /** What records and reports say, e.g. {@code soft-dirty (writes only)}. */
    String description();

    /** False when only writes are seen (soft-dirty): reads of a page count as no access. */
    boolean detectsReads();

    /** What this primitive costs the target or hides from the monitor, worth a user's notice; else null. */
    default String caveat() {
        return null;
    }

    /** The signal for one process's virtual address space. */
    PageAccess forProcess(long pid) throws IOException;

    /** The signal for physical addresses (paddr); throws when the primitive cannot see physical pages. */
    PageAccess forPhysical() throws IOException;
}
