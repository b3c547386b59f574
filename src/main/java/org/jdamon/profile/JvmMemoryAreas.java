package org.jdamon.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdamon.record.LabeledRange;

/**
 * A JVM's memory areas as labelled address ranges, asked from the JVM itself with jcmd. With Native
 * Memory Tracking on ({@code -XX:NativeMemoryTracking=summary}), {@code System.map} labels every mapping:
 * Java heap, metaspace, class space, CDS archive, code cache, GC data and each thread's stack. Without
 * NMT, {@code VM.info} still gives the heap, class space, CDS archive and code heap bounds, but not
 * metaspace or thread stacks; {@link Areas#source()} says which was used.
 */
public final class JvmMemoryAreas {
    /** The ranges found, sorted by start, and how they were found. */
    public record Areas(List<LabeledRange> ranges, String source) {}

    private static final Pattern MAP_LINE = Pattern.compile("^0x([0-9a-fA-F]+)-0x([0-9a-fA-F]+)\\s+(.*)$");
    private static final Pattern HEAP_ADDRESS =
            Pattern.compile("Heap address: 0x([0-9a-fA-F]+), size: (\\d+) MB");
    private static final Pattern HEAP_BOUNDS =
            Pattern.compile("^\\s*\\S.*heap\\s+total.*\\[0x([0-9a-fA-F]+), 0x([0-9a-fA-F]+)\\)");
    private static final Pattern CLASS_SPACE =
            Pattern.compile("Compressed class space mapped at: 0x([0-9a-fA-F]+)-0x([0-9a-fA-F]+)");
    private static final Pattern CDS =
            Pattern.compile("CDS archive\\(s\\) mapped at: \\[0x([0-9a-fA-F]+)-0x[0-9a-fA-F]+-0x([0-9a-fA-F]+)\\)");
    private static final Pattern CODE_HEAP =
            Pattern.compile("^\\s*bounds \\[0x([0-9a-fA-F]+), 0x[0-9a-fA-F]+, 0x([0-9a-fA-F]+)\\]");

    private JvmMemoryAreas() {}

    /** Asks JVM {@code pid} for its memory areas; throws {@link ProfilerException} if jcmd fails. */
    public static Areas of(long pid) {
        String map = Tools.jcmd(pid, "System.map");
        List<LabeledRange> fromMap = parseSystemMap(map);
        if (!fromMap.isEmpty()) {
            return new Areas(fromMap, "jcmd System.map (NMT)");
        }
        return new Areas(parseVmInfo(Tools.jcmd(pid, "VM.info")),
                "jcmd VM.info (no NMT: metaspace and thread stacks need -XX:NativeMemoryTracking=summary)");
    }

    /** Parses {@code jcmd PID System.map}; empty when NMT is off (the info column is then absent). */
    static List<LabeledRange> parseSystemMap(String text) {
        List<LabeledRange> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = MAP_LINE.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            // columns after the range: vsize prot rss hugetlb pgsz notes info file
            String[] cols = m.group(3).trim().split("\\s+");
            if (cols.length < 7) {
                continue;
            }
            String label = areaName(cols[6]);
            if (label != null) {
                add(out, Long.parseUnsignedLong(m.group(1), 16), Long.parseUnsignedLong(m.group(2), 16), label);
            }
        }
        return merged(out);
    }

    /** NMT's memory tag as a human label, or null for tags not worth a guide. */
    static String areaName(String tag) {
        if (tag.startsWith("STACK")) {
            String[] p = tag.split("-", 3);
            return p.length == 3 ? "thread stack: " + p[2] : "thread stack";
        }
        return switch (tag) {
            case "JAVAHEAP" -> "Java heap";
            case "META" -> "metaspace";
            case "CLASS" -> "class space";
            case "CDS" -> "CDS archive";
            case "CODE" -> "code cache";
            case "GC" -> "GC data";
            case "CARDTBL" -> "GC card table";
            default -> null;
        };
    }

    /** Parses {@code jcmd PID VM.info}: heap, class space, CDS archive and code heaps. */
    static List<LabeledRange> parseVmInfo(String text) {
        List<LabeledRange> out = new ArrayList<>();
        boolean heapFound = false;
        for (String line : text.split("\n")) {
            Matcher m;
            if (!heapFound && (m = HEAP_ADDRESS.matcher(line)).find()) {
                long start = Long.parseUnsignedLong(m.group(1), 16);
                add(out, start, start + Long.parseLong(m.group(2)) * 1024 * 1024, "Java heap");
                heapFound = true;
            } else if (!heapFound && (m = HEAP_BOUNDS.matcher(line)).find()) {
                add(out, hex(m.group(1)), hex(m.group(2)), "Java heap");
                heapFound = true;
            } else if ((m = CLASS_SPACE.matcher(line)).find()) {
                add(out, hex(m.group(1)), hex(m.group(2)), "class space");
            } else if ((m = CDS.matcher(line)).find()) {
                add(out, hex(m.group(1)), hex(m.group(2)), "CDS archive");
            } else if ((m = CODE_HEAP.matcher(line)).find()) {
                add(out, hex(m.group(1)), hex(m.group(2)), "code cache");
            }
        }
        return merged(out);
    }

    private static long hex(String s) {
        return Long.parseUnsignedLong(s, 16);
    }

    private static void add(List<LabeledRange> out, long start, long end, String label) {
        if (Long.compareUnsigned(start, end) < 0) {
            out.add(new LabeledRange(start, end, label));
        }
    }

    /** Sorted by start, with touching ranges of the same label joined. */
    static List<LabeledRange> merged(List<LabeledRange> ranges) {
        List<LabeledRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparing(LabeledRange::start, Long::compareUnsigned));
        List<LabeledRange> out = new ArrayList<>();
        for (LabeledRange r : sorted) {
            if (!out.isEmpty()) {
                LabeledRange last = out.getLast();
                if (last.label().equals(r.label()) && last.end() == r.start()) {
                    out.set(out.size() - 1, new LabeledRange(last.start(), r.end(), r.label()));
                    continue;
                }
            }
            out.add(r);
        }
        return out;
    }
}
