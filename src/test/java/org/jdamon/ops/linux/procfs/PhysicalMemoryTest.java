package org.jdamon.ops.linux.procfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jdamon.core.AddressRange;
import org.jdamon.ops.linux.procfs.PhysicalMemory;
import org.junit.jupiter.api.Test;

class PhysicalMemoryTest {
    @Test
    void systemRamOfThisHost() {
        // iomem: 00001000-0009fbff, 00100000-bfffffff and 100000000-63fffffff are top-level System RAM;
        // the indented Kernel code/data lines are inside the second one.
        List<AddressRange> ram = PhysicalMemory.parseSystemRam(Fixtures.text("iomem"), "iomem");
        assertThat(ram).containsExactly(
                new AddressRange(0x1000L, 0x9fc00L),
                new AddressRange(0x100000L, 0xc0000000L),
                new AddressRange(0x100000000L, 0x640000000L));
        // Sizes: 0x9ec00, 0xbff00000 (~3 GiB), 0x540000000 (21 GiB): the last is the largest.
        assertThat(PhysicalMemory.largest(ram)).isEqualTo(new AddressRange(0x100000000L, 0x640000000L));
    }

    @Test
    void nestedSystemRamIsNotCountedTwice() {
        String text = """
                00000000-00000fff : Reserved
                00001000-0009ffff : System RAM
                  00002000-00002fff : System RAM
                """;
        assertThat(PhysicalMemory.parseSystemRam(text, "x")).containsExactly(new AddressRange(0x1000, 0xa0000));
    }

    @Test
    void badLineNamesFileAndLine() {
        assertThatThrownBy(() -> PhysicalMemory.parseSystemRam("00000000-00000fff : Reserved\nbogus\n", "/proc/iomem"))
                .hasMessageStartingWith("/proc/iomem:2: bad iomem line");
    }
}
