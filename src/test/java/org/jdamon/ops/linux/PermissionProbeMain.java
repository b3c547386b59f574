package org.jdamon.ops.linux;

import org.jdamon.ops.linux.access.PagemapReader;
import org.jdamon.ops.linux.access.SoftDirty;
import org.jdamon.ops.linux.syscall.ProcessMadvise;

/**
 * Run by {@link PermissionErrorsTest} as an unprivileged user: tries what jdamon does to a process it
 * may not touch and prints each error message on its own line, prefixed by the step.
 */
public final class PermissionProbeMain {
    private PermissionProbeMain() {}

    public static void main(String[] args) throws Exception {
        long rootPid = Long.parseLong(args[0]);
        try (PagemapReader r = new PagemapReader(rootPid, 4096)) {
            System.out.println("pagemap: opened");
        } catch (RuntimeException e) {
            System.out.println("pagemap: " + e.getMessage());
        }
        try {
            SoftDirty.openClearRefs(rootPid).close();
            System.out.println("clear_refs: opened");
        } catch (RuntimeException e) {
            System.out.println("clear_refs: " + e.getMessage());
        }
        try (ProcessMadvise pm = ProcessMadvise.open(rootPid)) {
            pm.apply(0x400000, 4096, ProcessMadvise.Action.COLD);
            System.out.println("madvise-other-user: applied");
        } catch (RuntimeException e) {
            System.out.println("madvise-other-user: " + e.getMessage());
        }
        Process own = new ProcessBuilder("sleep", "5").start();
        try (ProcessMadvise pm = ProcessMadvise.open(own.pid())) {
            pm.apply(0x400000, 4096, ProcessMadvise.Action.COLD);
            System.out.println("madvise-same-user: applied");
        } catch (RuntimeException e) {
            System.out.println("madvise-same-user: " + e.getMessage());
        } finally {
            own.destroyForcibly();
        }
    }
}
