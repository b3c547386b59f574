package org.jdamon.profile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Turns instruction addresses into function names from a binary's symbol table ({@code nm -n
 * --defined-only}), the address minus {@code loadBias} (the binary's load address for a position-
 * independent executable, 0 otherwise) being looked up as "last function starting at or below it".
 * Addresses outside every function, or when {@code nm} is missing, print as hex.
 */
public final class Symbolizer {
    private final long[] starts;
    private final String[] names;
    private final long loadBias;

    private Symbolizer(long[] starts, String[] names, long loadBias) {
        this.starts = starts;
        this.names = names;
        this.loadBias = loadBias;
    }

    /** A symbolizer that only prints hex. */
    public static Symbolizer hexOnly() {
        return new Symbolizer(new long[0], new String[0], 0);
    }

    /** Symbols of {@code binary} via nm, or {@link #hexOnly()} when nm or the binary is unavailable. */
    public static Symbolizer of(Path binary, long loadBias) {
        Optional<Path> nm = Tools.onPath("nm");
        if (nm.isEmpty() || !Files.isRegularFile(binary)) {
            return hexOnly();
        }
        Tools.Result r = Tools.run(60, List.of(nm.get().toString(), "-n", "--defined-only", binary.toString()));
        return r.ok() ? fromNm(r.output(), loadBias) : hexOnly();
    }

    /** Where Valgrind (amd64) maps a position-independent executable, so Lackey's addresses are offset by it. */
    public static final long VALGRIND_PIE_BASE = 0x108000L;

    /**
     * Symbols of {@code binary} for addresses seen under Valgrind (Lackey traces): a position-independent
     * executable (ELF type {@code ET_DYN}) is biased by {@link #VALGRIND_PIE_BASE}, a fixed one is not.
     */
    public static Symbolizer forValgrindGuest(Path binary) {
        return of(binary, isPositionIndependent(binary) ? VALGRIND_PIE_BASE : 0);
    }

    /** True for an ELF file of type {@code ET_DYN} (the 16-bit little-endian field at offset 16). */
    static boolean isPositionIndependent(Path binary) {
        try (var in = Files.newInputStream(binary)) {
            byte[] h = in.readNBytes(18);
            boolean elf = h.length == 18 && h[0] == 0x7f && h[1] == 'E' && h[2] == 'L' && h[3] == 'F';
            return elf && (h[16] & 0xFF | (h[17] & 0xFF) << 8) == 3;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Parses {@code nm -n} lines ({@code address type name}), keeping text symbols (t/T/w/W). */
    static Symbolizer fromNm(String nmOutput, long loadBias) {
        List<String> names = new ArrayList<>();
        long[] starts = new long[64];
        for (String line : nmOutput.split("\n")) {
            String[] p = line.trim().split("\\s+", 3);
            if (p.length != 3 || p[1].length() != 1 || "tTwW".indexOf(p[1].charAt(0)) < 0) {
                continue;
            }
            long address;
            try {
                address = Long.parseUnsignedLong(p[0], 16);
            } catch (NumberFormatException e) {
                continue;
            }
            if (names.size() == starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            starts[names.size()] = address;
            names.add(p[2]);
        }
        int n = names.size();
        long[] unsorted = starts;
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Long.compareUnsigned(unsorted[a], unsorted[b]));
        long[] sortedStarts = new long[n];
        String[] sortedNames = new String[n];
        for (int i = 0; i < n; i++) {
            sortedStarts[i] = unsorted[order[i]];
            sortedNames[i] = names.get(order[i]);
        }
        return new Symbolizer(sortedStarts, sortedNames, loadBias);
    }

    public String name(long pc) {
        long a = pc - loadBias;
        int lo = 0;
        int hi = starts.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(starts[mid], a) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 || Long.compareUnsigned(pc, loadBias) < 0 ? "0x" + Long.toHexString(pc) : names[found];
    }
}
