package org.jdamon.ops.linux.procfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.jdamon.core.AddressRange;
import org.jdamon.ops.linux.procfs.Mapping;
import org.jdamon.ops.linux.procfs.ProcMaps;
import org.junit.jupiter.api.Test;

class ProcMapsTest {
    private final List<Mapping> bash = ProcMaps.parse(Fixtures.text("bash.maps"), "bash.maps");

    @Test
    void parsesEveryFieldOfAFileMapping() {
        assertThat(bash).hasSize(43);
        Mapping text = bash.get(1);
        // 564c18a8e000-564c18b4f000 r-xp 0002f000 fe:00 260104   /usr/bin/bash
        assertThat(text.start()).isEqualTo(0x564c18a8e000L);
        assertThat(text.end()).isEqualTo(0x564c18b4f000L);
        assertThat(text.perms()).isEqualTo("r-xp");
        assertThat(text.offset()).isEqualTo(0x2f000);
        assertThat(text.device()).isEqualTo("fe:00");
        assertThat(text.inode()).isEqualTo(260104);
        assertThat(text.path()).isEqualTo("/usr/bin/bash");
        assertThat(text.anonymous()).isFalse();
    }

    @Test
    void anonymousAndPseudoMappings() {
        Mapping bss = bash.get(5); // 564c18b94000-564c18b9f000 rw-p 00000000 00:00 0 (no path)
        assertThat(bss.path()).isEmpty();
        assertThat(bss.anonymous()).isTrue();
        assertThat(bash.get(6).path()).isEqualTo("[heap]");
        assertThat(bash.getLast().path()).isEqualTo("[vsyscall]");
        assertThat(bash.getLast().gateArea()).isTrue();
        assertThat(bash.getLast().start()).isEqualTo(0xffffffffff600000L);
    }

    @Test
    void vmaRangesLeaveOutTheVsyscallGate() {
        List<AddressRange> vmas = ProcMaps.vmaRanges(bash);
        assertThat(vmas).hasSize(42);
        assertThat(vmas.getLast()).isEqualTo(new AddressRange(0x7ffd65d05000L, 0x7ffd65d26000L));
    }

    @Test
    void threeRegionsOfARealProcess() {
        // Gaps by hand: .bss end 564c18b9f000 -> heap 564c2d8a6000 (0x14d07000, ~333 MiB);
        // heap end 564c2d8e7000 -> first mmap 7f64d5a10000 (~45 TiB); ld.so end 7f64d5cd0000 -> stack
        // 7ffd65d05000 (~610 GiB); the library mappings between touch or leave small holes. The two
        // largest are heap->mmap and mmap->stack, so the ranges are binary+heap, mmap area, stack.
        assertThat(ProcMaps.threeRegions(bash, 4096)).containsExactly(
                new AddressRange(0x564c18a5f000L, 0x564c2d8e7000L),
                new AddressRange(0x7f64d5a10000L, 0x7f64d5cd0000L),
                new AddressRange(0x7ffd65d05000L, 0x7ffd65d26000L));
    }

    @Test
    void parsesThisJvmsLiveMaps() throws IOException {
        List<Mapping> self = ProcMaps.read(ProcessHandle.current().pid());
        assertThat(self).isNotEmpty();
        for (int i = 1; i < self.size(); i++) {
            assertThat(Long.compareUnsigned(self.get(i - 1).end(), self.get(i).start())).isLessThanOrEqualTo(0);
        }
        List<AddressRange> three = ProcMaps.threeRegions(self, 4096);
        assertThat(three).hasSize(3);
        // The JVM's stack-like last range must hold the [stack] mapping.
        Mapping stack = self.stream().filter(m -> m.path().equals("[stack]")).findFirst().orElseThrow();
        assertThat(three.get(2).contains(stack.start())).isTrue();
    }

    @Test
    void badLineNamesFileAndLine() {
        String text = "564c18a5f000-564c18a8e000 r--p 00000000 fe:00 260104   /usr/bin/bash\nnot a maps line\n";
        assertThatThrownBy(() -> ProcMaps.parse(text, "/proc/1/maps"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("/proc/1/maps:2: bad maps line");
    }

    @Test
    void pathsWithSpacesAndDeletedMarkersStayWhole() {
        List<Mapping> m = ProcMaps.parse(
                "7f0000000000-7f0000001000 rw-s 00000000 00:05 1234    /memfd:my buf (deleted)\n", "x");
        assertThat(m.getFirst().path()).isEqualTo("/memfd:my buf (deleted)");
    }
}
