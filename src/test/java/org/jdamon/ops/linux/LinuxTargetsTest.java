package org.jdamon.ops.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jdamon.ops.linux.access.AccessPrimitives;
import org.jdamon.ops.linux.syscall.LinuxSupportException;
import org.jdamon.ops.linux.syscall.ProcessMadvise;
import org.jdamon.ops.linux.syscall.Syscalls;
import org.junit.jupiter.api.Test;

class LinuxTargetsTest {
    private static boolean anyPrimitive() {
        return AccessPrimitives.probePageIdle().available() || AccessPrimitives.probeSoftDirty().available();
    }

    @Test
    void deadPidIsNamedBeforeAnythingElse() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        assertThatThrownBy(() -> LinuxTargets.forPid(p.pid(), "auto"))
                .isInstanceOf(LinuxSupportException.class)
                .hasMessage("no process with pid " + p.pid());
    }

    @Test
    void liveProcessGetsVaddrOrTheMissingKernelFeature() throws Exception {
        Process p = new ProcessBuilder("sleep", "10").start();
        try {
            if (anyPrimitive()) {
                try (LinuxTargets.Setup s = LinuxTargets.forPid(p.pid(), "auto")) {
                    assertThat(s.operations().name()).isEqualTo("vaddr");
                    assertThat(s.targets().getFirst().pid()).isEqualTo(p.pid());
                    assertThat(s.targets().getFirst().name()).isEqualTo("sleep");
                    assertThat(s.properties()).containsKey("access_primitive");
                }
            } else {
                assertThatThrownBy(() -> LinuxTargets.forPid(p.pid(), "auto"))
                        .isInstanceOf(LinuxSupportException.class)
                        .hasMessageStartingWith("no access primitive on this kernel");
            }
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void commandIsNotStartedWhenNothingCanWatchIt() {
        if (anyPrimitive()) {
            return;
        }
        // children of earlier tests may still be exiting: only a child that was not there before counts
        java.util.Set<Long> before = ProcessHandle.current().children().map(ProcessHandle::pid)
                .collect(java.util.stream.Collectors.toSet());
        assertThatThrownBy(() -> LinuxTargets.forCommand(List.of("sleep", "10"), "auto"))
                .isInstanceOf(LinuxSupportException.class);
        assertThat(ProcessHandle.current().children().map(ProcessHandle::pid))
                .allMatch(before::contains);
    }

    @Test
    void paddrWithoutPageIdleSaysWhatWouldWork() {
        if (AccessPrimitives.probePageIdle().available()) {
            return;
        }
        assertThatThrownBy(() -> LinuxTargets.paddr(List.of(), "auto"))
                .isInstanceOf(LinuxSupportException.class)
                .hasMessageContaining("jdamon record --kernel paddr");
    }

    @Test
    void permissionErrnosNameTheMissingCapability() {
        assertThat(ProcessMadvise.explain(Syscalls.EPERM, ProcessMadvise.Action.PAGEOUT, 42, false))
                .contains("CAP_SYS_NICE");
        assertThat(ProcessMadvise.explain(Syscalls.EACCES, ProcessMadvise.Action.COLD, 42, false))
                .contains("ptrace").contains("CAP_SYS_PTRACE");
        assertThat(ProcessMadvise.explain(Syscalls.EINVAL, ProcessMadvise.Action.COLLAPSE, 42, false))
                .contains("MADV_COLLAPSE");
    }
}
