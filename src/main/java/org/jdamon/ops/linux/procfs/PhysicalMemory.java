package org.jdamon.ops.linux.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdamon.core.AddressRange;

/**
 * The physical address space as {@code /proc/iomem} describes it: the top-level {@code System RAM}
 * resources, and the largest of them, which is what DAMON's modules monitor by default (design §4.2).
 */
public final class PhysicalMemory {
    public static final Path IOMEM = Path.of("/proc/iomem");

    private PhysicalMemory() {}

    /** System RAM ranges of this machine; needs root (others see zeroed addresses). */
    public static List<AddressRange> systemRam() throws IOException {
        List<AddressRange> ram = parseSystemRam(Files.readString(IOMEM), IOMEM.toString());
        if (ram.isEmpty()) {
            throw new IOException(IOMEM + " lists no System RAM");
        }
        for (AddressRange r : ram) {
            if (r.start() == 0 && r.end() == 1) {
                throw new IOException(IOMEM + " shows zeroed addresses: reading physical addresses needs root"
                        + " (CAP_SYS_ADMIN)");
            }
        }
        return ram;
    }

    /** Parses iomem text: top-level (unindented) {@code start-end : System RAM} lines as {@code [start, end+1)}. */
    public static List<AddressRange> parseSystemRam(String text, String source) {
        List<AddressRange> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty() || line.charAt(0) == ' ') {
                continue;
            }
            int colon = line.indexOf(" : ");
            int dash = line.indexOf('-');
            if (colon < 0 || dash < 0 || dash > colon) {
                throw new IllegalArgumentException(source + ":" + lineNo + ": bad iomem line '" + line + "'");
            }
            if (!line.substring(colon + 3).equals("System RAM")) {
                continue;
            }
            try {
                long start = Long.parseUnsignedLong(line, 0, dash, 16);
                long last = Long.parseUnsignedLong(line, dash + 1, colon, 16);
                out.add(new AddressRange(start, last + 1));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(source + ":" + lineNo + ": bad iomem line '" + line + "'", e);
            }
        }
        return out;
    }

    /** The largest range (the first of equals), as the kernel's DAMON modules pick by default. */
    public static AddressRange largest(List<AddressRange> ranges) {
        AddressRange best = null;
        for (AddressRange r : ranges) {
            if (best == null || Long.compareUnsigned(r.size(), best.size()) > 0) {
                best = r;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no System RAM ranges");
        }
        return best;
    }
}
