package org.jdamon.ops.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jdamon.ops.linux.procfs.ProcStatus;
import org.jdamon.ops.linux.syscall.ProcessMadvise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * DAMOS {@code pageout} the way jdamon's user-space engine applies it, {@code process_madvise} with
 * {@code MADV_PAGEOUT}, on a real process inside the VM: paging out the cold buffer lowers the target's
 * resident set by about the buffer's size. Anonymous memory needs swap: the runner gives the VM a zram
 * swap device.
 */
@EnabledIfEnvironmentVariable(named = "JDAMON_GUEST", matches = "1")
class PageoutIT {
    @Test
    void pageoutOfTheColdBufferLowersRss() throws Exception {
        Guest.requireGuest();
        String swaps = Files.readString(Path.of("/proc/swaps"));
        assertThat(swaps.lines().count()).as("swap in the VM (the runner sets up zram): " + swaps).isGreaterThan(1);
        try (Guest.Workload w = Guest.Workload.start(16, 64, 60)) {
            long before = ProcStatus.rssBytes(w.pid());
            long advised;
            try (ProcessMadvise m = ProcessMadvise.open(w.pid())) {
                advised = m.apply(w.cold.start(), w.cold.size(), ProcessMadvise.Action.PAGEOUT);
            }
            Thread.sleep(500);
            long after = ProcStatus.rssBytes(w.pid());
            long dropped = before - after;
            Guest.report("pageout", "process_madvise(MADV_PAGEOUT) on the 64 MiB cold buffer: advised " + advised
                    + " bytes, VmRSS " + (before >> 10) + " -> " + (after >> 10) + " KiB (-" + (dropped >> 20) + " MiB)");
            assertThat(advised).isEqualTo(w.cold.size());
            // at least 90% of the cold buffer left memory; the hot buffer (being written) stays
            assertThat(dropped).isGreaterThanOrEqualTo(w.cold.size() * 9 / 10);
        }
    }
}
