package org.jdamon.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdamon.ops.linux.procfs.Mapping;
import org.jdamon.ops.linux.procfs.ProcMaps;
import org.jdamon.record.LabeledRange;

/**
 * A native process's landmark areas from {@code /proc/PID/maps}, as heatmap guides: the program's own
 * mappings ("program"), the brk heap ("heap") and the main thread's stack ("stack"). Libraries and
 * anonymous mmaps are left out; they are many and say little on their own.
 */
public final class ProcessMemoryAreas {
    private ProcessMemoryAreas() {}

    public static List<LabeledRange> of(long pid) {
        String exe;
        try {
            exe = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            exe = null;
        }
        try {
            return fromMaps(ProcMaps.read(pid), exe);
        } catch (IOException e) {
            throw new ProfilerException("cannot read /proc/" + pid + "/maps: " + e.getMessage(), e);
        }
    }

    /** The landmark areas of {@code mappings}; {@code exe} is the program's path (null if unknown). */
    static List<LabeledRange> fromMaps(List<Mapping> mappings, String exe) {
        List<LabeledRange> out = new ArrayList<>();
        for (Mapping m : mappings) {
            String label = m.path().equals("[heap]") ? "heap"
                    : m.path().equals("[stack]") ? "stack"
                    : exe != null && m.path().equals(exe) ? "program"
                    : null;
            if (label != null) {
                out.add(new LabeledRange(m.start(), m.end(), label));
            }
        }
        return JvmMemoryAreas.merged(out);
    }
}
