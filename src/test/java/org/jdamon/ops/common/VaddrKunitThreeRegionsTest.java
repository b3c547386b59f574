package org.jdamon.ops.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jdamon.core.AddressRange;
import org.junit.jupiter.api.Test;

/** {@code damon_test_three_regions_in_vmas} of the kernel's {@code vaddr-kunit.h}, values unchanged. */
class VaddrKunitThreeRegionsTest {
    @Test
    void damon_test_three_regions_in_vmas() {
        // 10-20-25, 200-210-220, 300-305, 307-330: the two largest gaps are 25-200 and 220-300
        List<AddressRange> vmas = List.of(new AddressRange(10, 20), new AddressRange(20, 25),
                new AddressRange(200, 210), new AddressRange(210, 220), new AddressRange(300, 305),
                new AddressRange(307, 330));
        assertThat(ThreeRegions.of(vmas, 1)).containsExactly(
                new AddressRange(10, 25), new AddressRange(200, 220), new AddressRange(300, 330));
    }
}
