package org.jdamon.ops.linux.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdamon.core.AddressRange;
import org.jdamon.ops.common.ThreeRegions;

/** Parses {@code /proc/PID/maps} and derives the vaddr monitoring ranges from it (design §4.1). */
public final class ProcMaps {
    private ProcMaps() {}

    public static Path path(long pid) {
        return Path.of("/proc", Long.toString(pid), "maps");
    }

    /** Reads and parses one process's maps; {@link java.nio.file.NoSuchFileException} once it is gone. */
    public static List<Mapping> read(long pid) throws IOException {
        Path p = path(pid);
        return parse(Files.readString(p), p.toString());
    }

    /**
     * Parses maps text; {@code source} names the file in errors ({@code source:line: ...}). Lines are
     * {@code start-end perms offset dev inode [path]} with hexadecimal numbers.
     */
    public static List<Mapping> parse(String text, String source) {
        List<Mapping> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            out.add(parseLine(line, source, lineNo));
        }
        return out;
    }

    static Mapping parseLine(String line, String source, int lineNo) {
        try {
            int[] pos = {0};
            String range = field(line, pos);
            String perms = field(line, pos);
            String offset = field(line, pos);
            String dev = field(line, pos);
            String inode = field(line, pos);
            while (pos[0] < line.length() && line.charAt(pos[0]) == ' ') {
                pos[0]++;
            }
            String path = line.substring(pos[0]);
            int dash = range.indexOf('-');
            if (dash < 0 || perms.length() != 4 || inode.isEmpty()) {
                throw new IllegalArgumentException("expected 'start-end perms offset dev inode [path]'");
            }
            long start = Long.parseUnsignedLong(range, 0, dash, 16);
            long end = Long.parseUnsignedLong(range, dash + 1, range.length(), 16);
            if (Long.compareUnsigned(start, end) > 0) {
                throw new IllegalArgumentException("start above end");
            }
            return new Mapping(start, end, perms, Long.parseUnsignedLong(offset, 16), dev,
                    Long.parseLong(inode), path);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + ":" + lineNo + ": bad maps line '" + line + "': "
                    + e.getMessage(), e);
        }
    }

    private static String field(String line, int[] pos) {
        int i = pos[0];
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        int s = i;
        while (i < line.length() && line.charAt(i) != ' ') {
            i++;
        }
        pos[0] = i;
        return line.substring(s, i);
    }

    /** The process's own VMAs as sorted ranges: everything in maps but the vsyscall gate area. */
    public static List<AddressRange> vmaRanges(List<Mapping> mappings) {
        List<AddressRange> out = new ArrayList<>(mappings.size());
        for (Mapping m : mappings) {
            if (!m.gateArea()) {
                out.add(new AddressRange(m.start(), m.end()));
            }
        }
        return out;
    }

    /** The three vaddr monitoring ranges of these mappings, or empty when they have fewer than two gaps. */
    public static List<AddressRange> threeRegions(List<Mapping> mappings, long pageSize) {
        return ThreeRegions.of(vmaRanges(mappings), pageSize);
    }
}
