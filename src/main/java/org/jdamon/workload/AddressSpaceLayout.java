package org.jdamon.workload;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.jdamon.ops.linux.procfs.Mapping;
import org.jdamon.ops.linux.procfs.ProcMaps;

/**
 * How much of a process's mapped address space ({@code /proc/PID/maps}, every VMA, reserved or not) its
 * workload buffers take: what decides whether DAMON's vaddr regions, a few dozen over the whole space,
 * land on the buffers or on untouched reservations.
 */
public record AddressSpaceLayout(long pid, long bufferBytes, long mappedBytes, int vmas) {

    public static AddressSpaceLayout of(long pid, long bufferBytes) throws IOException {
        List<Mapping> maps = ProcMaps.read(pid);
        long mapped = 0;
        for (Mapping m : maps) {
            mapped += m.size();
        }
        return new AddressSpaceLayout(pid, bufferBytes, mapped, maps.size());
    }

    public double bufferShare() {
        return mappedBytes == 0 ? 0 : (double) bufferBytes / mappedBytes;
    }

    /** "buffers 32.0 MiB of 35.2 MiB mapped (91 %) in 24 VMAs". */
    public String describe() {
        return String.format(Locale.ROOT, "buffers %.1f MiB of %.1f MiB mapped (%.0f %%) in %d VMAs",
                bufferBytes / 1048576.0, mappedBytes / 1048576.0, 100 * bufferShare(), vmas);
    }
}
