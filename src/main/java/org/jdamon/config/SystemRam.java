package org.jdamon.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jdamon.core.AddressRange;

/**
 * damo's default physical address range ({@code default_paddr_region}): from the start of the first
 * {@code System RAM} entry of {@code /proc/iomem} to the end of the last one (iomem ranges are closed,
 * so the end is the last address plus one). Empty when the file cannot be read or lists no RAM; without
 * root the kernel shows every address as 0, and the range is then {@code [0, 1)}, as damo's is.
 */
public final class SystemRam {
    public static final Path PROC_IOMEM = Path.of("/proc/iomem");

    private SystemRam() {}

    public static Optional<AddressRange> span() {
        try {
            return span(Files.readAllLines(PROC_IOMEM));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    public static Optional<AddressRange> span(List<String> iomemLines) {
        Long start = null;
        long end = 0;
        for (String line : iomemLines) {
            String[] fields = line.split(":");
            if (fields.length != 2 || !fields[1].strip().startsWith("System RAM")) {
                continue;
            }
            String[] addrs = fields[0].strip().split("-");
            if (addrs.length != 2) {
                continue;
            }
            try {
                long s = Long.parseUnsignedLong(addrs[0], 16);
                long e = Long.parseUnsignedLong(addrs[1], 16) + 1;
                if (start == null) {
                    start = s;
                }
                end = e;
            } catch (NumberFormatException ignored) {
                // not an address line
            }
        }
        return start == null ? Optional.empty() : Optional.of(new AddressRange(start, end));
    }
}
