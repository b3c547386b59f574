package org.jdamon.ops.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jdamon.core.AddressRange;
import org.junit.jupiter.api.Test;

class ThreeRegionsTest {
    @Test
    void dropsTheTwoLargestGapsAndAlignsUp() {
        List<AddressRange> maps = List.of(
                new AddressRange(0x5555_0000_0000L, 0x5555_0001_0000L), // binary
                new AddressRange(0x5555_0002_0000L, 0x5555_0010_0100L), // heap (gap 0x10000)
                new AddressRange(0x7f00_0000_0000L, 0x7f00_1000_0000L), // mmap (gap ~42 TiB)
                new AddressRange(0x7f00_1000_1000L, 0x7f00_2000_0000L), // mmap (gap 4 KiB)
                new AddressRange(0x7ffc_0000_0000L, 0x7ffc_0002_1000L)); // stack (gap ~12 TiB)
        assertThat(ThreeRegions.of(maps, 4096)).containsExactly(
                new AddressRange(0x5555_0000_0000L, 0x5555_0010_1000L),
                new AddressRange(0x7f00_0000_0000L, 0x7f00_2000_0000L),
                new AddressRange(0x7ffc_0000_0000L, 0x7ffc_0002_1000L));
    }

    @Test
    void fewerThanTwoGapsFails() {
        assertThat(ThreeRegions.of(List.of(new AddressRange(0, 4096), new AddressRange(8192, 12288)), 4096))
                .isEmpty();
        assertThat(ThreeRegions.of(List.of(), 4096)).isEmpty();
    }
}
