package org.jdamon.ops.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jdamon.core.AddressRange;
import org.jdamon.ops.common.ThreeRegions;
import org.junit.jupiter.api.Test;

class SimLayoutTest {
    private static SimLayout layoutOf(String regions) {
        return SimLayout.of(MasimConfig.parse(regions + "\n\np\n10\n"
                + regions.split(",")[0] + ", 1, 0, 1\n", "t"));
    }

    @Test
    void zigzagLaysOutHeapRegionsAndStackWithThreeRegionsCoveringThem() {
        SimLayout l = SimWorkloads.load("zigzag").layout();
        // 100,000,000 B = 24414.06 pages -> 24415 pages = 100,003,840 B per mapping
        long mapping = 24_415L * 4096;
        long mmapStart = 0x7f00_0000_0000L - 2 * mapping;
        assertThat(l.mappings()).extracting(SimLayout.Mapping::name).containsExactly("[heap]", "a", "b", "[stack]");
        assertThat(l.regionStart(0)).isEqualTo(mmapStart);
        assertThat(l.regionStart(1)).isEqualTo(mmapStart + mapping);
        assertThat(l.regionMappingEnd(1)).isEqualTo(0x7f00_0000_0000L);
        List<AddressRange> three = ThreeRegions.of(l.mappedRanges(), 4096);
        assertThat(three).containsExactly(
                new AddressRange(0x5555_5556_0000L, 0x5555_5556_0000L + 132 * 1024),
                new AddressRange(mmapStart, 0x7f00_0000_0000L),
                new AddressRange(0x7ffe_0000_0000L - 132 * 1024, 0x7ffe_0000_0000L));
        for (AddressRange r : three) {
            assertThat(r.start() % 4096).isZero();
            assertThat(r.end() % 4096).isZero();
        }
    }

    @Test
    void regionAtFindsTheOwningRegion() {
        SimLayout l = layoutOf("x, 5000\ny, 4096\nz, 1");
        assertThat(l.regionAt(l.regionStart(0))).isEqualTo(0);
        // x's mapping is two pages (5000 B rounded up), so its last byte is in x
        assertThat(l.regionAt(l.regionStart(0) + 8191)).isEqualTo(0);
        assertThat(l.regionAt(l.regionStart(0) + 8192)).isEqualTo(1);
        assertThat(l.regionAt(l.regionStart(2))).isEqualTo(2);
        assertThat(l.regionAt(l.regionMappingEnd(2))).isEqualTo(-1);
        assertThat(l.regionAt(0x5555_5556_0000L)).isEqualTo(-1);
        assertThat(l.firstRegionEndingAfter(0)).isZero();
        assertThat(l.firstRegionEndingAfter(l.regionStart(0) + 8191)).isZero();
        assertThat(l.firstRegionEndingAfter(l.regionStart(0) + 8192)).isEqualTo(1);
        assertThat(l.firstRegionEndingAfter(l.regionMappingEnd(2))).isEqualTo(3);
    }

    @Test
    void hugeWorkloadsMoveTheHeapDownOrUseA56BitLayout() {
        SimLayout l64 = layoutOf("big, 64T");
        assertThat(l64.mappings().getFirst().start()).isEqualTo(4L << 20);
        assertThat(l64.regionStart(0)).isEqualTo(0x7f00_0000_0000L - (64L << 40));
        assertThat(ThreeRegions.of(l64.mappedRanges(), 4096)).hasSize(3);
        SimLayout l200 = layoutOf("bigger, 200T");
        assertThat(l200.mappings().getLast().end()).isEqualTo(0x00ff_fffe_0000_0000L);
        assertThat(ThreeRegions.of(l200.mappedRanges(), 4096)).hasSize(3)
                .element(1).satisfies(r -> assertThat(r.size()).isEqualTo(200L << 40));
    }
}
