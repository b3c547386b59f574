package org.jdamon.ops.linux.access;

/**
 * Decodes one 64-bit {@code /proc/PID/pagemap} entry (Documentation/admin-guide/mm/pagemap.rst): bit 63
 * present, 62 swapped, 61 file-page or shared-anon, 57 uffd write-protected, 56 exclusively mapped, 55
 * soft-dirty, bits 0-54 the page frame number when present (zero without CAP_SYS_ADMIN).
 */
public final class PagemapEntry {
    public static final int BYTES = 8;
    private static final long PFN_MASK = (1L << 55) - 1;

    private PagemapEntry() {}

    public static boolean present(long e) {
        return e < 0;
    }

    public static boolean swapped(long e) {
        return (e & (1L << 62)) != 0;
    }

    public static boolean fileOrSharedAnon(long e) {
        return (e & (1L << 61)) != 0;
    }

    public static boolean exclusive(long e) {
        return (e & (1L << 56)) != 0;
    }

    public static boolean softDirty(long e) {
        return (e & (1L << 55)) != 0;
    }

    /** The page frame number of a present page; 0 when absent or hidden from an unprivileged reader. */
    public static long pfn(long e) {
        return present(e) ? e & PFN_MASK : 0;
    }

    public static String describe(long e) {
        StringBuilder sb = new StringBuilder();
        sb.append(present(e) ? "present" : swapped(e) ? "swapped" : "none");
        if (present(e)) {
            sb.append(" pfn=0x").append(Long.toHexString(pfn(e)));
        }
        if (fileOrSharedAnon(e)) {
            sb.append(" file/shared");
        }
        if (exclusive(e)) {
            sb.append(" exclusive");
        }
        if (softDirty(e)) {
            sb.append(" soft-dirty");
        }
        return sb.toString();
    }
}
