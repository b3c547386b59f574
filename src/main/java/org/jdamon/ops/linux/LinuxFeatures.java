package org.jdamon.ops.linux;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.jdamon.core.Units;
import org.jdamon.ops.linux.access.AccessPrimitives;
import org.jdamon.ops.linux.procfs.CgroupMemory;
import org.jdamon.ops.linux.procfs.KeyValues;
import org.jdamon.ops.linux.procfs.MemInfo;
import org.jdamon.ops.linux.procfs.MemoryPressure;
import org.jdamon.ops.linux.syscall.NativeCallException;
import org.jdamon.ops.linux.syscall.ProcessMadvise;
import org.jdamon.ops.linux.syscall.Syscalls;

/**
 * What this machine supports, probed rather than assumed: the operations sets and their access
 * primitive, page_idle, soft-dirty, process_madvise, PSI, cgroup v2, THP, swap, the kernel's DAMON sysfs
 * (read only: nothing under {@code /sys/kernel/mm/damon} is ever written), perf and valgrind.
 */
public final class LinuxFeatures {
    /** One line of {@code jdamon features}. */
    public record Feature(String group, String name, boolean available, String detail) {}

    static final Path DAMON_ADMIN = Path.of("/sys/kernel/mm/damon/admin");

    private LinuxFeatures() {}

    public static List<Feature> probe() {
        List<Feature> out = new ArrayList<>();
        AccessPrimitives.Probe idle = AccessPrimitives.probePageIdle();
        AccessPrimitives.Probe softDirty = AccessPrimitives.probeSoftDirty();
        String valgrind = onPath("valgrind");

        out.add(new Feature("operations", "sim", true, "simulated masim workloads"));
        out.add(new Feature("operations", "trace", valgrind != null,
                valgrind != null ? "valgrind at " + valgrind : "valgrind not on PATH"));
        String vaddr = idle.available() ? "page-idle (reads and writes)"
                : softDirty.available() ? "soft-dirty (writes only)" : null;
        String none = "no access primitive (no page_idle, no soft-dirty)";
        out.add(new Feature("operations", "vaddr", vaddr != null, vaddr != null ? "access primitive " + vaddr : none));
        out.add(new Feature("operations", "fvaddr", vaddr != null, vaddr != null ? "access primitive " + vaddr : none));
        out.add(new Feature("operations", "paddr", idle.available(),
                idle.available() ? "access primitive page-idle (reads and writes)" : "needs page_idle"));

        out.add(new Feature("kernel", "page_idle", idle.available(), idle.detail()));
        out.add(new Feature("kernel", "soft-dirty", softDirty.available(), softDirty.detail()));
        Feature madvise = probeProcessMadvise();
        out.add(madvise);
        if (madvise.available()) {
            out.add(probeMadviseActions());
        }
        out.add(probeDamonSysfs());
        out.add(probePsi());
        out.add(probeCgroup2());
        out.add(readOneLine("kernel", "thp", Path.of("/sys/kernel/mm/transparent_hugepage/enabled")));
        out.add(probeSwap());

        String perf = onPath("perf");
        String paranoid = readTrimmed(Path.of("/proc/sys/kernel/perf_event_paranoid"));
        out.add(new Feature("tools", "perf", perf != null, perf != null
                ? perf + (paranoid != null ? ", perf_event_paranoid=" + paranoid : "") : "perf not on PATH"));
        out.add(new Feature("tools", "valgrind", valgrind != null, valgrind != null ? valgrind : "not on PATH"));
        return out;
    }

    /** pidfd_open on this JVM and MADV_COLD on one of its own pages. */
    static Feature probeProcessMadvise() {
        long page = Syscalls.pageSize();
        MemorySegment m = Syscalls.mmapAnonymous(page);
        try (ProcessMadvise pm = ProcessMadvise.open(ProcessHandle.current().pid())) {
            m.set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
            long n = pm.apply(m.address(), page, ProcessMadvise.Action.COLD);
            return new Feature("kernel", "process_madvise", n == page,
                    n == page ? "pidfd_open + process_madvise(MADV_COLD) on own memory worked"
                            : "process_madvise advised " + n + " of " + page + " bytes");
        } catch (NativeCallException e) {
            return new Feature("kernel", "process_madvise", false, e.getMessage());
        } finally {
            Syscalls.munmap(m);
        }
    }

    /** Which DAMOS actions this kernel takes through process_madvise (tried on this JVM's own page). */
    static Feature probeMadviseActions() {
        StringBuilder yes = new StringBuilder();
        StringBuilder no = new StringBuilder();
        for (ProcessMadvise.Action a : ProcessMadvise.Action.values()) {
            StringBuilder sb = ProcessMadvise.kernelAccepts(a) ? yes : no;
            sb.append(sb.isEmpty() ? "" : " ").append(a.keyword());
        }
        return new Feature("kernel", "damos_vaddr", !yes.isEmpty(), "actions on live processes: "
                + (yes.isEmpty() ? "none" : yes) + (no.isEmpty() ? "" : "; rejected: " + no) + "; plus stat");
    }

    /** Reads (never writes) the DAMON sysfs tree: kdamonds, their state and operations. */
    static Feature probeDamonSysfs() {
        String name = "damon_sysfs";
        if (!Files.isDirectory(DAMON_ADMIN)) {
            return new Feature("kernel", name, false, DAMON_ADMIN + " missing (CONFIG_DAMON_SYSFS)");
        }
        Path kdamonds = DAMON_ADMIN.resolve("kdamonds");
        String nr = readTrimmed(kdamonds.resolve("nr_kdamonds"));
        StringBuilder sb = new StringBuilder(DAMON_ADMIN + " present, nr_kdamonds=" + nr);
        int n = nr == null ? 0 : Integer.parseInt(nr);
        for (int i = 0; i < n; i++) {
            Path kd = kdamonds.resolve(Integer.toString(i));
            sb.append("; kdamond ").append(i).append(' ').append(readTrimmed(kd.resolve("state")));
            String ops = readTrimmed(kd.resolve("contexts/0/operations"));
            if (ops != null) {
                sb.append(" (").append(ops).append(')');
            }
        }
        String avail = readTrimmed(kdamonds.resolve("0/contexts/0/avail_operations"));
        if (avail != null) {
            sb.append("; avail_operations: ").append(avail.replace('\n', ' '));
        }
        String config = kernelConfig();
        if (config != null) {
            sb.append("; config: vaddr ").append(configured(config, "CONFIG_DAMON_VADDR") ? "y" : "n")
                    .append(", paddr ").append(configured(config, "CONFIG_DAMON_PADDR") ? "y" : "n")
                    .append(", reclaim ").append(configured(config, "CONFIG_DAMON_RECLAIM") ? "y" : "n")
                    .append(", lru_sort ").append(configured(config, "CONFIG_DAMON_LRU_SORT") ? "y" : "n");
        }
        return new Feature("kernel", name, true, sb.toString());
    }

    static Feature probePsi() {
        try {
            MemoryPressure p = MemoryPressure.read();
            return new Feature("kernel", "psi", true, "memory some avg10=" + p.someAvg10() + " total="
                    + p.someTotalUs() + "us");
        } catch (IOException | RuntimeException e) {
            return new Feature("kernel", "psi", false, e.getMessage());
        }
    }

    static Feature probeCgroup2() {
        try {
            Path mount = CgroupMemory.cgroup2Mount();
            String controllers = readTrimmed(mount.resolve("cgroup.controllers"));
            boolean memory = controllers != null && (" " + controllers + " ").contains(" memory ");
            return new Feature("kernel", "cgroup2_memory", memory, "cgroup2 at " + mount + ", controllers: "
                    + (controllers == null || controllers.isEmpty() ? "none" : controllers));
        } catch (IOException e) {
            return new Feature("kernel", "cgroup2_memory", false, e.getMessage());
        }
    }

    static Feature probeSwap() {
        try {
            long swap = KeyValues.require(KeyValues.parse(Files.readString(MemInfo.PROC_MEMINFO), "meminfo"),
                    "SwapTotal", "/proc/meminfo");
            return new Feature("kernel", "swap", swap > 0, swap > 0 ? Units.formatSize(swap)
                    : "none: pageout cannot reclaim anonymous memory, only file pages");
        } catch (IOException | RuntimeException e) {
            return new Feature("kernel", "swap", false, e.getMessage());
        }
    }

    private static Feature readOneLine(String group, String name, Path p) {
        String v = readTrimmed(p);
        return new Feature(group, name, v != null, v != null ? v : p + " missing");
    }

    static String readTrimmed(Path p) {
        try {
            return Files.readString(p).strip();
        } catch (IOException e) {
            return null;
        }
    }

    /** The running kernel's build configuration from {@code /proc/config.gz}, or null. */
    public static String kernelConfig() {
        Path cfg = Path.of("/proc/config.gz");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(cfg))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    public static boolean configured(String config, String option) {
        return config.contains("\n" + option + "=y") || config.startsWith(option + "=y");
    }

    static String onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
