package org.jdamon.ops.linux.access;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.util.Locale;
import org.jdamon.ops.linux.syscall.LinuxSupportException;
import org.jdamon.ops.linux.syscall.Syscalls;

/**
 * Probes which access primitives this kernel offers and picks one: page-idle when it works (it sees
 * reads and writes), else soft-dirty; {@code none} is not a primitive but an error naming what the kernel
 * lacks and what would work instead. The probes try the feature for real on this JVM's own memory.
 */
public final class AccessPrimitives {
    /** Values of the {@code --access} option. */
    public static final String AUTO = "auto";

    /** A probe's outcome: usable or not, and a one-line why. */
    public record Probe(String feature, boolean available, String detail) {}

    private AccessPrimitives() {}

    /**
     * Idle page tracking: the bitmap exists, opens read-write, and this process sees page frame numbers
     * in its own pagemap (CAP_SYS_ADMIN).
     */
    public static Probe probePageIdle() {
        String f = "page_idle";
        if (!Files.exists(PageIdle.BITMAP)) {
            return new Probe(f, false, PageIdle.BITMAP + " missing (kernel built without CONFIG_IDLE_PAGE_TRACKING)");
        }
        long pageSize = Syscalls.pageSize();
        MemorySegment page = Syscalls.mmapAnonymous(pageSize);
        try (FileChannel bitmap = PageIdle.openBitmap();
                PagemapReader pagemap = new PagemapReader(-1, pageSize)) {
            page.set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
            long[] addr = {page.address()};
            long[] entry = new long[1];
            pagemap.read(addr, 1, entry);
            if (PagemapEntry.pfn(entry[0]) == 0) {
                return new Probe(f, false, "present, but /proc/self/pagemap hides page frame numbers (needs"
                        + " CAP_SYS_ADMIN)");
            }
            PageIdle.Bitmap bits = new PageIdle.Bitmap(bitmap);
            bits.markIdle(PagemapEntry.pfn(entry[0]));
            return new Probe(f, true, PageIdle.BITMAP + " read-write, PFNs visible");
        } catch (LinuxSupportException | IOException e) {
            return new Probe(f, false, e.getMessage());
        } finally {
            Syscalls.munmap(page);
        }
    }

    /**
     * Soft-dirty: on a fresh page of this JVM, clearing the bits ({@code clear_refs} 4) must leave bit 55
     * unset and a write must set it.
     */
    public static Probe probeSoftDirty() {
        String f = "soft-dirty";
        long pageSize = Syscalls.pageSize();
        MemorySegment page = Syscalls.mmapAnonymous(pageSize);
        try (FileChannel clearRefs = SoftDirty.openClearRefs(-1);
                PagemapReader pagemap = new PagemapReader(-1, pageSize)) {
            page.set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
            long[] addr = {page.address()};
            long[] entry = new long[1];
            SoftDirty.clearSoftDirty(clearRefs, ByteBuffer.allocateDirect(1));
            pagemap.read(addr, 1, entry);
            boolean clearedOk = !PagemapEntry.softDirty(entry[0]);
            page.set(ValueLayout.JAVA_BYTE, 0, (byte) 2);
            pagemap.read(addr, 1, entry);
            boolean setOnWrite = PagemapEntry.softDirty(entry[0]);
            if (clearedOk && setOnWrite) {
                return new Probe(f, true, "clear_refs 4 clears and a write sets pagemap bit 55");
            }
            if (!setOnWrite) {
                return new Probe(f, false, "a write after clear_refs 4 left pagemap bit 55 unset (kernel built"
                        + " without CONFIG_MEM_SOFT_DIRTY)");
            }
            return new Probe(f, false, "clear_refs 4 did not clear pagemap bit 55");
        } catch (LinuxSupportException | IOException e) {
            return new Probe(f, false, e.getMessage());
        } finally {
            Syscalls.munmap(page);
        }
    }

    /**
     * The primitive for {@code requested} ({@code auto}, {@code page-idle}, {@code soft-dirty}), for a
     * process or for physical memory. Throws {@link LinuxSupportException} when it is not available,
     * saying what the kernel lacks and what would work instead.
     */
    public static AccessPrimitive select(String requested, boolean physical) {
        String req = requested == null ? AUTO : requested.toLowerCase(Locale.ROOT);
        long pageSize = Syscalls.pageSize();
        switch (req) {
            case "page-idle", "page_idle" -> {
                Probe p = probePageIdle();
                if (!p.available()) {
                    throw new LinuxSupportException("access primitive page-idle unavailable: " + p.detail()
                            + alternatives(physical));
                }
                return new PageIdle(pageSize);
            }
            case "soft-dirty", "soft_dirty" -> {
                if (physical) {
                    throw new LinuxSupportException(SoftDirty.NO_PHYSICAL);
                }
                Probe p = probeSoftDirty();
                if (!p.available()) {
                    throw new LinuxSupportException("access primitive soft-dirty unavailable: " + p.detail()
                            + alternatives(false));
                }
                return new SoftDirty(pageSize);
            }
            case AUTO -> {
                Probe idle = probePageIdle();
                if (idle.available()) {
                    return new PageIdle(pageSize);
                }
                if (physical) {
                    throw new LinuxSupportException("no access primitive for physical memory: " + idle.detail()
                            + alternatives(true));
                }
                Probe sd = probeSoftDirty();
                if (sd.available()) {
                    return new SoftDirty(pageSize);
                }
                throw new LinuxSupportException("no access primitive on this kernel: " + idle.detail() + "; "
                        + sd.detail() + alternatives(false));
            }
            default -> throw new IllegalArgumentException(
                    "unknown access primitive '" + requested + "' (expected auto, page-idle or soft-dirty)");
        }
    }

    private static String alternatives(boolean physical) {
        return physical
                ? "; instead use the kernel's DAMON (jdamon record --kernel paddr) or a kernel with"
                        + " CONFIG_IDLE_PAGE_TRACKING"
                : "; instead use the kernel's DAMON (jdamon record --kernel, needs CONFIG_DAMON_VADDR), a kernel"
                        + " with CONFIG_IDLE_PAGE_TRACKING or CONFIG_MEM_SOFT_DIRTY, or the sim/trace operations";
    }
}
